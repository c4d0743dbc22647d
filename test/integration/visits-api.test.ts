import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { api as apiClient, startTestApi, adminAuthorization } from './support/local-stack.ts';

let api: Awaited<ReturnType<typeof startTestApi>>;

// Bodies are asserted field by field below; a loose type keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let client: ReturnType<typeof apiClient>;
const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => client<Body>(method, path, body, headers);

const daysAgo = (n: number) => beijingDate(Date.now() - n * 86_400_000);

function visit(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    ministerId: 'm-630102-01',
    date: daysAgo(1),
    branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' },
    sessions: ['branch_members_meeting'],
    symposiums: 1,
    participants: 30,
    suggestions: [{ id: randomUUID(), text: '建议增加学习资料', channel: 'symposium', status: 'pending' }],
    ...overrides,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  client = apiClient(api.url);
  for (const [id, level, regionCode] of [
    ['m-630102-01', 'county', '630102'], ['m-630100-01', 'prefecture', '630100'], ['m-632621-01', 'county', '632621'],
  ]) {
    expect((await call('PUT', `/ministers/${id}`, { name: `部长${id}`, level, regionCode })).status).toBe(201);
  }
});

afterAll(async () => api?.close());

describe('ministers', () => {
  it('PUT is idempotent, versioned, and checks level against region', async () => {
    const same = await call('PUT', '/ministers/m-630102-01', { name: '部长m-630102-01', level: 'county', regionCode: '630102' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const bad = await call('PUT', '/ministers/m-x', { name: '某', level: 'county', regionCode: '630100' }, { 'accept-language': 'en' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'regionCode', message: "The region's level does not match the minister's level" }]);
    const stale = await call('PUT', '/ministers/m-630102-01', { name: '新名字', level: 'county', regionCode: '630102' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
  });

  it('lists by region at any level', async () => {
    const ids = async (region: string) => (await call('GET', `/ministers?region=${region}`)).body.items.map((m: { id: string }) => m.id).sort();
    expect(await ids('630102')).toEqual(['m-630102-01']);
    expect(await ids('630100')).toEqual(['m-630100-01', 'm-630102-01']);
    expect(await ids('630000')).toEqual(['m-630100-01', 'm-630102-01', 'm-632621-01']);
  });
});

describe('visit intake', () => {
  it('stores a visit (201, ETag, Location) and reads it back', async () => {
    const body = visit();
    const created = await call('POST', '/visits', body);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/visits/${body.id}`);
    expect(created.body).toMatchObject({ ...body, status: 'submitted', version: 1 });
    const read = await call('GET', `/visits/${body.id}`);
    expect(read.body).toEqual(created.body);
    expect((await call('GET', `/visits/${body.id}`, undefined, { 'if-none-match': '"1"' })).status).toBe(304);
  });

  it('answers a retry with the stored visit and stores it once, even when retries race', async () => {
    const body = visit();
    const results = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/visits', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.createdAt)).size).toBe(1);
    const history = await call('GET', `/visits/${body.id}/history`);
    expect(history.body.items).toHaveLength(1);
  });

  it('refuses the same id with a different body (409), an unknown minister (422) and a suggestion id of another visit (409)', async () => {
    const body = visit();
    await call('POST', '/visits', body);
    expect((await call('POST', '/visits', { ...body, participants: 31 })).status).toBe(409);
    const unknown = await call('POST', '/visits', visit({ ministerId: 'm-nobody' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['ministerId']);
    const stolen = await call('POST', '/visits', visit({ suggestions: body.suggestions }));
    expect(stolen.status).toBe(409);
    expect(stolen.body.errors).toEqual([{ path: 'suggestions[0].id', message: '编号重复' }]);
  });

  it('lists every invalid field in one problem+json, Chinese by default', async () => {
    const res = await fetch(`${api.url}/visits`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...adminAuthorization() },
      body: JSON.stringify(visit({ branch: { name: '', type: 'village', countyCode: '999999' }, participants: 10001, sessions: [], symposiums: 0 })),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem).toMatchObject({ status: 422, title: '提交的内容有误' });
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['branch.countyCode', 'branch.name', 'participants', 'sessions']);
  });

  it('refuses wrong media type (415), oversize (413) and malformed JSON (400)', async () => {
    expect((await call('POST', '/visits', 'id=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await call('POST', '/visits', JSON.stringify({ notes: 'x'.repeat(65 * 1024) }))).status).toBe(413);
    expect((await call('POST', '/visits', '{"id":')).status).toBe(400);
  });

  it('accepts a pre-2020 county code and stores the current one', async () => {
    const created = await call('POST', '/visits', visit({ ministerId: 'm-630100-01', branch: { name: '某村党支部', type: 'village', countyCode: '630122' } }));
    expect(created.status).toBe(201);
    expect(created.body.branch.countyCode).toBe('630106');
  });
});

describe('corrections, withdrawal and history', () => {
  it('needs If-Match, refuses a stale one, and keeps a before/after trail', async () => {
    const body = visit();
    await call('POST', '/visits', body);
    expect((await call('PATCH', `/visits/${body.id}`, { participants: 35 })).status).toBe(428);
    expect((await call('PATCH', `/visits/${body.id}`, { participants: 35 }, { 'if-match': '"9"' })).status).toBe(412);
    const corrected = await call('PATCH', `/visits/${body.id}`, { participants: 35 }, { 'if-match': '"1"' });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('etag')).toBe('"2"');
    expect(corrected.body).toMatchObject({ participants: 35, version: 2 });
    expect((await call('PATCH', `/visits/${body.id}`, { participants: 36 }, { 'if-match': '"1"' })).status).toBe(412);

    const withdrawn = await call('DELETE', `/visits/${body.id}`, undefined, { 'if-match': '"2"' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 3 });
    expect((await call('GET', `/visits/${body.id}`)).body.status).toBe('withdrawn');
    expect((await call('DELETE', `/visits/${body.id}`, undefined, { 'if-match': '"3"' })).status).toBe(409);

    const history = (await call('GET', `/visits/${body.id}/history`)).body.items;
    expect(history.map((c: { action: string; version: number }) => [c.action, c.version])).toEqual([['create', 1], ['correct', 2], ['withdraw', 3]]);
    expect(history[1].before.participants).toBe(30);
    expect(history[1].after.participants).toBe(35);
    expect(history[0].by).toBe('test-admin');
  });

  it('moves a suggestion forward with the visit ETag and refuses going back', async () => {
    const body = visit();
    await call('POST', '/visits', body);
    const sid = body.suggestions[0].id;
    const moved = await call('PATCH', `/suggestions/${sid}`, { status: 'resolved', response: '已补充学习资料' }, { 'if-match': '"1"' });
    expect(moved.status).toBe(200);
    expect(moved.body.suggestions[0]).toMatchObject({ status: 'resolved', response: '已补充学习资料' });
    expect((await call('PATCH', `/suggestions/${sid}`, { status: 'answered' }, { 'if-match': '"2"' })).status).toBe(409);
    expect((await call('PATCH', `/suggestions/${randomUUID()}`, { status: 'answered' }, { 'if-match': '"1"' })).status).toBe(404);
  });

  it('handles a visit with 200 suggestions (more than one transaction holds)', async () => {
    const suggestions = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), text: `第${i + 1}条建议`, channel: 'household_visit', status: 'pending' }));
    const body = visit({ suggestions });
    expect((await call('POST', '/visits', body)).status).toBe(201);
    expect((await call('POST', '/visits', body)).status).toBe(200);
    const first = await call('PATCH', `/suggestions/${suggestions[0].id}`, { status: 'answered' }, { 'if-match': '"1"' });
    const last = await call('PATCH', `/suggestions/${suggestions[199].id}`, { status: 'answered' }, { 'if-match': '"2"' });
    expect([first.status, last.status]).toEqual([200, 200]);
  });
});

describe('listing', () => {
  const mine = new Set<string>();
  beforeAll(async () => {
    // A province head, whose visits may lie anywhere.
    expect((await call('PUT', '/ministers/m-630000-01', { name: '部长m-630000-01', level: 'province', regionCode: '630000' })).status).toBe(201);
    const plan: [string, string, number][] = [
      ['630102', 'm-630102-01', 3], ['630102', 'm-630102-01', 5], ['630103', 'm-630000-01', 2],
      ['632621', 'm-632621-01', 4], ['632621', 'm-632621-01', 10], ['630202', 'm-630000-01', 1],
    ];
    for (const [countyCode, ministerId, ago] of plan) {
      const body = visit({ ministerId, date: daysAgo(ago), branch: { name: `${countyCode}某党支部`, type: 'village', countyCode } });
      mine.add(body.id);
      expect((await call('POST', '/visits', body)).status).toBe(201);
    }
  });

  const listed = async (query: string) => {
    const items: { id: string; branch: { countyCode: string }; date: string; ministerId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/visits?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items.filter((v) => mine.has(v.id));
  };

  it('filters by county, prefecture, minister and date range, paging without gaps or repeats', async () => {
    expect((await listed('county=632621')).map((v) => v.date)).toEqual([daysAgo(10), daysAgo(4)]);
    expect((await listed('prefecture=630100')).every((v) => v.branch.countyCode.startsWith('6301'))).toBe(true);
    expect(await listed('prefecture=630100')).toHaveLength(3);
    expect(await listed('ministerId=m-630000-01')).toHaveLength(2);
    expect(await listed(`ministerId=m-630000-01&prefecture=630200`)).toHaveLength(1);
    expect((await listed(`from=${daysAgo(5)}&to=${daysAgo(3)}`)).map((v) => v.date).sort()).toEqual([daysAgo(5), daysAgo(4), daysAgo(3)]);
    const all = await listed('');
    expect(new Set(all.map((v) => v.id)).size).toBe(6);
  });

  it('refuses a bad filter (400 listing the field) and a forged cursor (400)', async () => {
    const bad = await call('GET', '/visits?county=630100&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['county', 'limit']);
    expect((await call('GET', '/visits?cursor=abc')).status).toBe(400);
  });
});

describe('reference and meta routes', () => {
  it('serves health, regions and an OpenAPI document listing the routes', async () => {
    expect((await call('GET', '/health')).body.status).toBe('ok');
    expect((await call('GET', '/regions')).body.children).toHaveLength(8);
    const doc = (await call('GET', '/openapi.json')).body;
    expect(doc.paths['/visits'].post.operationId).toBe('createVisit');
  });
});
