import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { deadlineLight } from '#schemas/deadlines.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { type Visit, visitKind } from '#schemas/kinds/visit.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { addStoredCounts } from '#functions/repositories/work-counters.ts';
import { writeItems } from '../../bench/rollup.ts';
import { SAMPLES } from '../support/samples.ts';
import { type TestApi, api, daysAgo, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * The desk's work lists (awaiting review, open problems, pending suggestions, suspected duplicates)
 * are served from sparse indexes: a first page is full however rare its records are among the
 * others, a page says when more follows, leaving a state leaves the list, and the counts of
 * GET /work-counts are what a recount of the table finds.
 */

let stack: TestApi;
let admin: ReturnType<typeof api>;
type Rec = { id: string; version: number; status: string; review?: { state: string }; deadline?: string; branch: { countyCode: string } };
type Page<T> = { items: T[]; nextCursor: string | null };
type Counts = {
  awaitingReview: Record<string, number>; suspectedDuplicates: number; pendingSuggestions: number; problems: Record<string, number>;
  children: { region: { code: string }; problems: Record<string, number>; pendingSuggestions: number }[];
};

/** Approved visits in 城东区 that every province-wide read by the region index meets before the few awaiting review. */
const APPROVED = 1100;
/** Visits awaiting review in 玛沁县, after all of those in key order. */
const RECEIVED = 60;
const today = beijingDate();

async function all<T>(path: string, limit: number, token?: string): Promise<{ items: T[]; pages: Page<T>[] }> {
  const call = api(stack.url, token);
  const pages: Page<T>[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body?: Page<T> } = await call<Page<T>>('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body!);
    cursor = res.body!.nextCursor;
  } while (cursor);
  return { items: pages.flatMap((p) => p.items), pages };
}

/** The counts the work lists should give, from every record item of the table, by the lists' own definitions. */
async function recount(region: string): Promise<Omit<Counts, 'children'>> {
  const records: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await stack.client.send(new ScanCommand({ TableName: stack.tableName, FilterExpression: 'sk = :r', ExpressionAttributeValues: { ':r': 'record' }, ExclusiveStartKey: start }));
    records.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  const counts: Omit<Counts, 'children'> = { awaitingReview: {}, suspectedDuplicates: 0, pendingSuggestions: 0, problems: { red: 0, yellow: 0, green: 0, grey: 0, waiting: 0, accepted: 0 } };
  for (const item of records) {
    const kind = kindNamed(String(item.kind));
    if (!kind || item.status === 'withdrawn') continue;
    const record = item as unknown as Rec & { duplicateOf?: string; suggestions?: { status: string }[] };
    if (!kind.regionOf(record as never).startsWith(region.replace(/0+$/, ''))) continue;
    const review = record.review?.state ?? 'received';
    counts.awaitingReview[kind.form.path] = (counts.awaitingReview[kind.form.path] ?? 0) + (review === 'received' ? 1 : 0);
    if (record.duplicateOf && review !== 'approved' && review !== 'rejected') counts.suspectedDuplicates += 1;
    counts.pendingSuggestions += (record.suggestions ?? []).filter((s) => s.status === 'pending').length;
    if (kind.name === 'problem') counts.problems[record.status === 'rectified' ? 'grey' : deadlineLight(record.deadline!, today)] += 1;
    if (kind.name === 'problem' && record.status === 'rectified') counts.problems[(record as { acceptance?: { state: string } }).acceptance?.state === 'accepted' ? 'accepted' : 'waiting'] += 1;
  }
  return counts;
}

const counts = async (query = '', token?: string) => {
  const res = await api(stack.url, token)<Counts>('GET', `/work-counts${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body!;
};

let template: Visit;
beforeAll(async () => {
  stack = await startTestApi();
  admin = api(stack.url);
  await admin('PUT', '/ministers/m-630102-wl', { name: '城东部长', level: 'county', regionCode: '630102' });
  await admin('PUT', '/ministers/m-632621-wl', { name: '玛沁部长', level: 'county', regionCode: '632621' });
  const created = await admin<Rec>('POST', '/visits', SAMPLES.visit.valid({ ministerId: 'm-630102-wl', countyCode: '630102', date: daysAgo(3) }));
  expect(created.status).toBe(201);
  // The bulk: stored as a create stores them (the repository's own items), without 1,160 transactions.
  const records = recordRepository({ client: stack.client, tableName: stack.tableName });
  template = (await records.get(visitKind, created.body!.id))!.record;
  const at = new Date().toISOString();
  const clone = (i: number, countyCode: string, ministerId: string, approved: boolean): Visit => ({
    ...template, id: randomUUID(), ministerId, date: daysAgo(10 + (i % 50)), branch: { ...template.branch, name: `第${i}村党支部`, countyCode },
    suggestions: approved ? [] : [{ id: randomUUID(), text: `建议${i}`, channel: 'symposium', status: 'pending' }],
    review: approved ? { state: 'approved', by: 'test', at } : { state: 'received' },
  });
  const bulk = [
    ...Array.from({ length: APPROVED }, (_, i) => clone(i, '630102', 'm-630102-wl', true)),
    ...Array.from({ length: RECEIVED }, (_, i) => clone(i, '632621', 'm-632621-wl', false)),
  ];
  await writeItems(stack.client, stack.tableName, bulk.flatMap((record) => records.storedItems(visitKind, record, {
    version: 1, action: 'create', at, by: 'test', requestId: 'bulk', before: null, after: record,
  })));
  await addStoredCounts({ client: stack.client, tableName: stack.tableName }, visitKind, bulk);
}, 120_000);
afterAll(async () => stack?.close());

describe('the review queue', () => {
  it('holds a full first page however rare the records awaiting review are, and pages on with none lost or repeated', async () => {
    const first = await admin<Page<Rec>>('GET', '/visits?review=received&limit=50');
    expect(first.status).toBe(200);
    expect(first.body!.items).toHaveLength(50);
    expect(first.body!.nextCursor).not.toBeNull();
    const { items, pages } = await all<Rec>('/visits?review=received', 50);
    expect(pages.slice(0, -1).every((p) => p.items.length === 50)).toBe(true);
    expect(items).toHaveLength(RECEIVED + 1);
    expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
    expect(items.every((r) => (r.review?.state ?? 'received') === 'received')).toBe(true);
    // A prefecture's and a county's queues are the same list, read by their prefix.
    expect((await all<Rec>('/visits?review=received&prefecture=632600', 7)).items).toHaveLength(RECEIVED);
    expect((await all<Rec>('/visits?review=received&county=630102', 7)).items.map((r) => r.id)).toEqual([template.id]);
    expect((await all<Rec>(`/visits?review=received&prefecture=632600&from=${daysAgo(12)}`, 7)).items.every((r) => r.branch.countyCode === '632621')).toBe(true);
  });

  it('counts what a recount finds, for the caller\'s region only', async () => {
    const province = await counts();
    expect(province).toMatchObject(await recount('630000'));
    expect(province.awaitingReview.visits).toBe(RECEIVED + 1);
    const golog = await counts('', tokenFor({ role: 'staff', region: '632600' }));
    expect(golog.awaitingReview.visits).toBe(RECEIVED);
    expect(golog.children.map((c) => c.region.code)).toContain('632621');
    expect((await api(stack.url, tokenFor({ role: 'staff', region: '632600' }))('GET', '/work-counts?region=630100')).status).toBe(403);
    expect((await api(stack.url, tokenFor({ role: 'submitter', region: '630102', ministerId: 'm-630102-wl' }))('GET', '/work-counts')).status).toBe(403);
  });

  it('loses a record once it is reviewed or withdrawn, from the list and the count', async () => {
    const [one, two] = (await admin<Page<Rec>>('GET', '/visits?review=received&county=632621&limit=2')).body!.items;
    expect((await admin('PATCH', `/visits/${one.id}/review`, { state: 'approved' }, ifMatch(one.version))).status).toBe(200);
    expect((await admin('DELETE', `/visits/${two.id}`, undefined, ifMatch(two.version))).status).toBe(200);
    const ids = (await all<Rec>('/visits?review=received&county=632621', 100)).items.map((r) => r.id);
    expect(ids).not.toContain(one.id);
    expect(ids).not.toContain(two.id);
    expect(ids).toHaveLength(RECEIVED - 2);
    const after = await counts();
    expect(after.awaitingReview.visits).toBe(RECEIVED - 1);
    expect(after).toMatchObject(await recount('630000'));
  });
});

describe('the problem ledger and the suggestions ledger', () => {
  it('lists open problems by light, counts them, and lets a rectified one go', async () => {
    const where = { ministerId: 'm-632621-wl', countyCode: '632621', date: daysAgo(20) };
    const problem = async (deadline: string, status = 'open') => {
      const body = { ...SAMPLES.problem.valid(where), deadline, status, ...SAMPLES.problem.statusFields!(status, where) };
      const res = await admin<Rec>('POST', '/problems', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body!;
    };
    const red = await problem(daysAgo(5));
    const yellow = await problem(addDays(today, 3));
    await problem(addDays(today, 30));
    await problem(daysAgo(2), 'rectified');
    expect((await all<Rec>('/problems?open=true', 2)).items).toHaveLength(3);
    expect((await all<Rec>('/problems?light=red', 2)).items.map((p) => p.id)).toEqual([red.id]);
    expect((await all<Rec>('/problems?light=yellow&prefecture=632600', 2)).items.map((p) => p.id)).toEqual([yellow.id]);
    expect((await counts()).problems).toEqual({ red: 1, yellow: 1, green: 1, grey: 1, waiting: 1, accepted: 0 });
    const golog = (await counts()).children.find((c) => c.region.code === '632600')!;
    expect(golog.problems).toEqual({ red: 1, yellow: 1, green: 1, grey: 1, waiting: 1, accepted: 0 });

    const moved = await admin('PATCH', `/problems/${red.id}`, { status: 'rectified', evidence: '已整改', rectifiedOn: today }, ifMatch(red.version));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await all<Rec>('/problems?light=red', 2)).items).toEqual([]);
    expect((await all<Rec>('/problems?light=grey', 1)).items.map((p) => p.id)).toContain(red.id);
    expect(await counts()).toMatchObject(await recount('630000'));
  });

  it('pages pending suggestions from visits that have them, and counts each suggestion', async () => {
    const { items } = await all<{ id: string; status: string; visit: { id: string; version: number } }>('/suggestions?status=pending', 25);
    expect(items.every((s) => s.status === 'pending')).toBe(true);
    const province = await counts();
    expect(items).toHaveLength(province.pendingSuggestions);
    expect(province.pendingSuggestions).toBe((await recount('630000')).pendingSuggestions);
    const s = items[0];
    expect((await admin('PATCH', `/suggestions/${s.id}`, { status: 'resolved', response: '已解决' }, ifMatch(s.visit.version))).status).toBe(200);
    expect((await counts()).pendingSuggestions).toBe(province.pendingSuggestions - 1);
    expect((await all<{ id: string }>('/suggestions?status=pending', 25)).items.map((x) => x.id)).not.toContain(s.id);
  });

  it('lists suspected duplicates until one is decided', async () => {
    const body = SAMPLES.visit.valid({ ministerId: 'm-632621-wl', countyCode: '632621', date: daysAgo(1) });
    expect((await admin('POST', '/visits', body)).status).toBe(201);
    const again = await admin<Rec>('POST', '/visits', { ...body, id: randomUUID(), suggestions: [] });
    expect(again.status).toBe(201);
    const listed = (await all<Rec>('/visits?suspectedDuplicates=true', 10)).items.map((v) => v.id);
    expect(listed).toEqual([again.body!.id]);
    expect((await counts()).suspectedDuplicates).toBe(1);
    expect((await admin('PATCH', `/visits/${again.body!.id}/review`, { state: 'approved' }, ifMatch(again.body!.version))).status).toBe(200);
    expect((await all<Rec>('/visits?suspectedDuplicates=true', 10)).items).toEqual([]);
    expect((await counts()).suspectedDuplicates).toBe(0);
  });

  it('refuses a cursor from another list or region', async () => {
    const page = (await admin<Page<Rec>>('GET', '/visits?review=received&prefecture=632600&limit=1')).body!;
    expect((await admin('GET', `/visits?review=received&county=630102&cursor=${encodeURIComponent(page.nextCursor!)}`)).status).toBe(400);
    expect((await admin('GET', `/visits?suspectedDuplicates=true&cursor=${encodeURIComponent(page.nextCursor!)}`)).status).toBe(400);
  });
});
