import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { correctRecord, reviewRecord, withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { reportingClientToken } from '#local/issuer.ts';
import { api as apiClient, startTestApi, tokenFor } from './support/local-stack.ts';

const at = (beijing: string) => ({ now: () => new Date(`${beijing}+08:00`) });
const actor = { by: 'test', requestId: 'r' };
const HEAD = 'm-632621-01';
let stack: Awaited<ReturnType<typeof startTestApi>>;

const visit = (date: string, participants: number, status: 'pending' | 'answered' = 'pending') => ({
  id: randomUUID(), ministerId: HEAD, date,
  branch: { name: `玛沁县${participants}村党支部`, type: 'village', countyCode: '632621' },
  sessions: ['branch_members_meeting'], symposiums: 1, participants,
  suggestions: [{ id: randomUUID(), text: '建议', channel: 'household_visit', status }],
});
const branch = { name: '玛沁县示范村党支部', type: 'village', countyCode: '632621' };
const problem = (foundOn: string, deadline: string) => ({
  id: randomUUID(), ministerId: HEAD, branch, description: '“三会一课”记录不全', category: 'organizational_life', foundBy: { source: 'other' },
  foundOn, responsible: { unit: '村党支部' }, deadline,
});

/**
 * The head's year 2026, day by day (Beijing time):
 * 2 Mar visit a (20), problem p1 (deadline 8 Mar) · 3 Mar a suspected duplicate of a (7), a report ·
 * 4 Mar p1 rectifying, a training (8 people) · 5 Mar visit b (30), problem p2 (deadline 6 Mar), a
 * county-wide mechanism, a model nominated · 6 Mar a visit of 2025 (99), a training of 2025,
 * an inspection (3 findings) · 9 Mar p2 rejected · 10 Mar a corrected (25), the model approved ·
 * 11 Mar p1 rectified · 12 Mar b withdrawn · 13 Mar the duplicate approved as a distinct visit.
 */
beforeAll(async () => {
  stack = await startTestApi();
  const storeDeps = { client: stack.client, tableName: stack.tableName };
  const on = (beijing: string) => makeRecordDeps(storeDeps, at(beijing));
  const create = async (beijing: string, kind: string, body: Record<string, unknown>) => {
    const entry = kindNamed(kind)!;
    return (await createRecord(on(beijing), entry, entry.form.schemas.input.parse(body) as never, actor)).record as FormRecord & Record<string, unknown>;
  };
  const correct = (beijing: string, kind: string, record: FormRecord, patch: Record<string, unknown>) =>
    correctRecord(on(beijing), kindNamed(kind)!, { id: record.id, patch, expectedVersion: record.version, actor });
  const review = (beijing: string, kind: string, record: FormRecord, state: 'approved' | 'rejected') =>
    reviewRecord(on(beijing), kindNamed(kind)!, { id: record.id, review: { state, ...(state === 'rejected' ? { comment: '重复上报' } : {}) }, expectedVersion: record.version, actor });

  const minister = on('2026-03-01T09:00:00');
  await putMinister(minister, HEAD, { name: '果洛部长', level: 'county', regionCode: '632621', contactBranches: [] }, undefined, actor);
  const a = await create('2026-03-02T10:00:00', 'visit', visit('2026-03-02', 20));
  const p1 = await create('2026-03-02T11:00:00', 'problem', problem('2026-03-02', '2026-03-08'));
  const duplicate = await create('2026-03-03T10:00:00', 'visit', { ...visit('2026-03-02', 7), branch: a.branch });
  expect(duplicate.duplicateOf).toBe(a.id);
  await create('2026-03-03T11:00:00', 'report', {
    id: randomUUID(), ministerId: HEAD, date: '2026-03-03', title: '关于牧区党支部组织生活的调研', branches: [branch], highlights: '有', weakSpots: '有', remedies: '有',
  });
  const p1Rectifying = await correct('2026-03-04T10:00:00', 'problem', p1, { status: 'rectifying' });
  const training = { ministerId: HEAD, branch, topic: '如何开好组织生活会', format: 'lecture' };
  await create('2026-03-04T11:00:00', 'training', { ...training, id: randomUUID(), date: '2026-03-04', trained: 8 });
  const b = await create('2026-03-05T10:00:00', 'visit', visit('2026-03-05', 30, 'answered'));
  const p2 = await create('2026-03-05T11:00:00', 'problem', problem('2026-03-05', '2026-03-06'));
  await create('2026-03-05T12:00:00', 'mechanism', {
    id: randomUUID(), ministerId: HEAD, title: '党员积分管理办法', area: 'member_management', regionCode: '632621', adoptedOn: '2026-03-05', summary: '积分',
  });
  const model = await create('2026-03-05T13:00:00', 'model', {
    id: randomUUID(), ministerId: HEAD, nominee: { type: 'member', name: '才让', branchName: '示范村党支部', countyCode: '632621' }, date: '2026-03-05', reason: '带头致富',
  });
  await create('2026-03-06T10:00:00', 'visit', visit('2025-12-20', 99)); // another year
  await create('2026-03-06T10:30:00', 'training', { ...training, id: randomUUID(), date: '2025-12-21', trained: 50 }); // another year
  await create('2026-03-06T11:00:00', 'inspection', {
    id: randomUUID(), ministerId: HEAD, type: 'random', methods: ['look', 'ask'], regionCode: '632621', date: '2026-03-06',
    findings: [1, 2, 3].map((n) => ({ id: randomUUID(), text: `发现${n}` })),
  });
  await review('2026-03-09T10:00:00', 'problem', p2, 'rejected');
  await correct('2026-03-10T10:00:00', 'visit', a, { participants: 25 });
  await correct('2026-03-10T11:00:00', 'model', model, { status: 'approved' });
  await correct('2026-03-11T10:00:00', 'problem', p1Rectifying, { status: 'rectified', evidence: '已补齐记录', rectifiedOn: '2026-03-11' });
  await withdrawRecord(on('2026-03-12T10:00:00'), kindNamed('visit')!, { id: b.id, expectedVersion: b.version, actor });
  await review('2026-03-13T10:00:00', 'visit', duplicate, 'approved');
});
afterAll(async () => stack?.close());

describe('GET /ministers/{id}/scorecard', () => {
  const card = async (query: string) => (await apiClient(stack.url)<Record<string, any>>('GET', `/ministers/${HEAD}/scorecard?${query}`)).body!; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('counts each visit of the year at its version as of the day asked, a suspected duplicate once staff approve it', async () => {
    expect((await card('year=2026&date=2026-03-01')).visits.count).toBe(0);
    const march6 = await card('year=2026&date=2026-03-06');
    expect(march6.visits).toMatchObject({ count: 2, participants: 50, sessions: 2, symposiums: 2, branchesVisited: { village: 2, community: 0 } });
    expect(march6.suggestions).toEqual({ collected: 2, answeredOrResolved: 1, pending: 1 });
    // The correction (10 March) and the withdrawal (12 March) show from their days on.
    expect((await card('year=2026&date=2026-03-10')).visits).toMatchObject({ count: 2, participants: 55 });
    expect((await card('year=2026&date=2026-03-12')).visits).toMatchObject({ count: 1, participants: 25 });
    // Approved on 13 March: the same branch and day, counted as a distinct visit (one branch still).
    expect((await card('year=2026&date=2026-03-13')).visits).toMatchObject({ count: 2, participants: 32, branchesVisited: { village: 1, community: 0 } });
    expect((await card('year=2025&date=2026-03-12')).visits).toMatchObject({ count: 1, participants: 99 });
  });

  it('counts the other targets as of the day asked: problems by status and overdue, rejected ones not at all', async () => {
    const march3 = await card('year=2026&date=2026-03-03');
    expect(march3.researchReports).toEqual({ count: 1 });
    expect(march3.problemsSolved).toEqual({ found: 1, open: 1, rectifying: 0, rectified: 0, accepted: 0, overdue: 0 });
    expect(march3.expertsCultivated).toEqual({ trainings: 0, peopleTrained: 0 });
    // p2's deadline is 6 March: in time that day, overdue the next.
    expect((await card('year=2026&date=2026-03-06')).problemsSolved).toEqual({ found: 2, open: 1, rectifying: 1, rectified: 0, accepted: 0, overdue: 0 });
    expect((await card('year=2026&date=2026-03-07')).problemsSolved).toEqual({ found: 2, open: 1, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
    // p2 rejected on the 9th; p1 (deadline the 8th) overdue until rectified on the 11th.
    expect((await card('year=2026&date=2026-03-09')).problemsSolved).toEqual({ found: 1, open: 0, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
    const march11 = await card('year=2026&date=2026-03-11');
    expect(march11).toMatchObject({
      researchReports: { count: 1 },
      problemsSolved: { found: 1, open: 0, rectifying: 0, rectified: 1, overdue: 0 },
      expertsCultivated: { trainings: 1, peopleTrained: 8 },
      mechanismsImproved: { count: 1 },
      typicalModels: { nominated: 0, approved: 1 },
      inspections: { count: 1, findings: 3 },
    });
    expect((await card('year=2026&date=2026-03-09')).typicalModels).toEqual({ nominated: 1, approved: 0 });
    expect((await card('year=2025&date=2026-03-11')).expertsCultivated).toEqual({ trainings: 1, peopleTrained: 50 });
  });

  it('lists the records behind the figures, as they were that day', async () => {
    const march13 = await card('year=2026&date=2026-03-13');
    const kinds = (march13.records as { kind: string; id: string; date: string; title: string }[]).map((r) => r.kind);
    // Two visits (a and the approved duplicate), the report, p1, the training, the mechanism, the model, the inspection.
    expect(kinds.sort()).toEqual(['inspection', 'mechanism', 'model', 'problem', 'report', 'training', 'visit', 'visit']);
    expect(march13.records.find((r: { kind: string }) => r.kind === 'report').title).toContain('关于牧区党支部组织生活的调研');
    expect((await card('year=2026&date=2026-03-01')).records).toEqual([]);
  });

  it('sets every head of a region side by side (总结讲评), each as their own scorecard says', async () => {
    const list = (await apiClient(stack.url)<Record<string, any>>('GET', '/scorecards?region=632621&year=2026&date=2026-03-11')).body!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(list).toMatchObject({ region: '632621', year: 2026, asOf: '2026-03-11' });
    const { records: _, hiddenRecords: __, ...own } = await card('year=2026&date=2026-03-11');
    expect(list.items).toEqual([own]);
    expect((await apiClient(stack.url)('GET', '/scorecards?region=632700')).body).toMatchObject({ items: [] });
  });

  it('names the head, and 404s an unknown head', async () => {
    const today = await card('year=2026');
    expect(today.minister).toEqual({ id: HEAD, name: '果洛部长', level: 'county', regionCode: '632621' });
    expect(today.researchReports).toEqual({ count: 1 });
    expect((await apiClient(stack.url)('GET', '/ministers/m-nobody/scorecard')).status).toBe(404);
    expect((await apiClient(stack.url)('GET', `/ministers/${HEAD}/scorecard?year=1999`)).status).toBe(400);
  });
});

/** Every key of a JSON answer, however deep: what a reader is given, whatever its value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

describe('a head who moved to another county', () => {
  const MOVED = 'm-moved-01';
  // The head served 玛沁县 (A) until April, then 班玛县 (B): a visit in each.
  let visitInA: FormRecord;
  let visitInB: FormRecord;
  beforeAll(async () => {
    const on = (beijing: string) => makeRecordDeps({ client: stack.client, tableName: stack.tableName }, at(beijing));
    const entry = kindNamed('visit')!;
    const create = async (beijing: string, body: Record<string, unknown>) =>
      (await createRecord(on(beijing), entry, entry.form.schemas.input.parse(body) as never, actor)).record!;
    await putMinister(on('2026-03-01T09:00:00'), MOVED, { name: '调任部长', level: 'county', regionCode: '632621', contactBranches: [] }, undefined, actor);
    visitInA = await create('2026-03-02T10:00:00', { ...visit('2026-03-02', 11), ministerId: MOVED, branch: { name: '玛沁县留下村党支部', type: 'village', countyCode: '632621' } });
    await putMinister(on('2026-04-01T09:00:00'), MOVED, { name: '调任部长', level: 'county', regionCode: '632622', contactBranches: [] }, undefined, actor);
    visitInB = await create('2026-04-02T10:00:00', { ...visit('2026-04-02', 12), ministerId: MOVED, branch: { name: '班玛县新到村党支部', type: 'village', countyCode: '632622' } });
  });
  const cardAs = (token: string) => apiClient(stack.url, token)<Record<string, any>>('GET', `/ministers/${MOVED}/scorecard?year=2026&date=2026-04-10`); // eslint-disable-line @typescript-eslint/no-explicit-any

  it("lists to the new county's staff only the records they may open, and counts the others as not shown", async () => {
    const card = (await cardAs(tokenFor({ role: 'staff', region: '632622' }))).body!;
    expect(card.visits).toMatchObject({ count: 2, participants: 23 });
    expect(card.records.map((r: { id: string }) => r.id)).toEqual([visitInB.id]);
    expect(JSON.stringify(card)).not.toContain('玛沁县留下村党支部');
    expect(card.hiddenRecords).toEqual({ visit: 1 });
    // The old county's staff read no head of another county; the prefecture's read both records.
    expect((await cardAs(tokenFor({ role: 'staff', region: '632621' }))).status).toBe(404);
    const prefecture = (await cardAs(tokenFor({ role: 'staff', region: '632600' }))).body!;
    expect(prefecture.records.map((r: { id: string }) => r.id).sort()).toEqual([visitInA.id, visitInB.id].sort());
    expect(prefecture.hiddenRecords).toEqual({});
  });

  it('lists the head (signed in in the new county) only the records they may open there', async () => {
    const card = (await cardAs(tokenFor({ sub: 'moved-head', role: 'submitter', region: '632622', ministerId: MOVED }))).body!;
    expect(card.records.map((r: { id: string }) => r.id)).toEqual([visitInB.id]);
    expect(card.hiddenRecords).toEqual({ visit: 1 });
  });

  it('gives a reporting client figures only: no record titles or texts on a scorecard or side by side', async () => {
    for (const token of [reportingClientToken(stack.issuer), tokenFor({ role: 'reporter', region: '630000' })]) {
      const card = (await cardAs(token)).body!;
      expect(card.visits).toMatchObject({ count: 2, participants: 23 });
      expect(card.records).toEqual([]);
      expect(card.hiddenRecords).toEqual({ visit: 2 });
      const list = (await apiClient(stack.url, token)<Record<string, unknown>>('GET', '/scorecards?region=632600&year=2026&date=2026-04-10')).body!;
      for (const answer of [card, list]) {
        expect(keysOf(answer).filter((key) => ['title', 'text', 'description', 'comment'].includes(key))).toEqual([]);
        for (const words of ['村党支部组织', '建议', '班玛县新到村', '玛沁县留下村']) expect(JSON.stringify(answer)).not.toContain(words);
      }
    }
  });
});
