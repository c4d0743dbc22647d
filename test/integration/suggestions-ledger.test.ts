import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../support/samples.ts';
import { type ApiResponse, type TestApi, api, daysAgo, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/** GET /suggestions: the ledger of suggestions (意见建议台账) over the visits a caller may see. */

let stack: TestApi;
type Item = { id: string; status: string; text: string; visit: { id: string; version: number; date: string; ministerId: string; branch: { countyCode: string } } };
const suggestion = (status: string, text = '建议') => ({ id: randomUUID(), text, channel: 'symposium', status, ...(status === 'pending' ? {} : { response: '已答复' }) });

const visits: Record<string, { id: string }> = {};
beforeAll(async () => {
  stack = await startTestApi();
  const admin = api(stack.url);
  await admin('PUT', '/ministers/m-630102-led', { name: '城东部长', level: 'county', regionCode: '630102' });
  await admin('PUT', '/ministers/m-632621-led', { name: '玛沁部长', level: 'county', regionCode: '632621' });
  const visit = async (name: string, ministerId: string, countyCode: string, ago: number, suggestions: unknown[]) => {
    const body = { ...SAMPLES.visit.valid({ ministerId, countyCode, date: daysAgo(ago) }), suggestions } as { id: string; suggestions: unknown[] };
    expect((await admin('POST', '/visits', body)).status).toBe(201);
    visits[name] = body;
  };
  await visit('a', 'm-630102-led', '630102', 5, [suggestion('pending', 'a1'), suggestion('answered', 'a2')]);
  await visit('b', 'm-630102-led', '630102', 3, [suggestion('pending', 'b1'), suggestion('pending', 'b2'), suggestion('resolved', 'b3')]);
  await visit('c', 'm-632621-led', '632621', 2, [suggestion('pending', 'c1')]);
  await visit('gone', 'm-630102-led', '630102', 1, [suggestion('pending', 'gone1')]);
  expect((await admin('DELETE', `/visits/${visits.gone.id}`, undefined, ifMatch(1))).status).toBe(200);
});
afterAll(async () => stack?.close());

async function all(token: string | undefined, query: string, limit = 50): Promise<Item[]> {
  const call = api(stack.url, token);
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiResponse<{ items: Item[]; nextCursor: string | null }> = await call<{ items: Item[]; nextCursor: string | null }>('GET', `/suggestions?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    items.push(...page.body!.items);
    cursor = page.body!.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /suggestions', () => {
  it('lists the suggestions of the visits in the caller\'s region with their visit, never a withdrawn visit\'s', async () => {
    const province = await all(undefined, '');
    expect(province.map((s) => s.text).sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1']);
    const b1 = province.find((s) => s.text === 'b1')!;
    expect(b1.visit).toMatchObject({ id: visits.b.id, version: 1, ministerId: 'm-630102-led', branch: { countyCode: '630102' } });
    const xining = await all(tokenFor({ role: 'staff', region: '630100' }), '');
    expect(xining.map((s) => s.text).sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
  });

  it('filters by status, county and head, and a head sees only their own', async () => {
    expect((await all(undefined, '&status=pending')).map((s) => s.text).sort()).toEqual(['a1', 'b1', 'b2', 'c1']);
    expect((await all(undefined, '&county=632621')).map((s) => s.text)).toEqual(['c1']);
    expect((await all(undefined, '&ministerId=m-632621-led')).map((s) => s.text)).toEqual(['c1']);
    const head = tokenFor({ sub: 'm-632621-led', role: 'submitter', region: '632621', ministerId: 'm-632621-led' });
    expect((await all(head, '')).map((s) => s.text)).toEqual(['c1']);
    expect((await api(stack.url, head)('GET', '/suggestions?county=630102')).status).toBe(403);
  });

  it('pages by whole visits without gaps or repeats, and refuses a forged cursor', async () => {
    const whole = await all(undefined, '', 50);
    for (const limit of [1, 2, 3]) {
      const paged = await all(undefined, '', limit);
      expect(paged.map((s) => s.id)).toEqual(whole.map((s) => s.id));
    }
    expect((await api(stack.url)('GET', '/suggestions?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('gives the ETag a move needs: the visit\'s version', async () => {
    const a1 = (await all(undefined, '')).find((s) => s.text === 'a1')!;
    const moved = await api(stack.url)('PATCH', `/suggestions/${a1.id}`, { status: 'resolved', response: '已解决' }, ifMatch(a1.visit.version));
    expect(moved.status).toBe(200);
    expect((await all(undefined, '&status=resolved')).map((s) => s.text).sort()).toEqual(['a1', 'b3']);
  });
});
