import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { SAMPLES } from '../support/samples.ts';
import { type TestApi, api, daysAgo, EN, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * The branch registry (支部名册) against DynamoDB Local, through the real handlers: registering and
 * searching branches, importing a roster, records naming registered branches, coverage in the
 * rollup and the never-visited list, and heads' contact branches (联系点).
 */

let stack: TestApi;
let admin: ReturnType<typeof api>;
type Branch = { id: string; name: string; type: string; countyCode: string; code?: string; aliases: string[]; status: string; version: number };
type Problem = { type: string; title: string; errors: { path: string; message: string }[] };
type ImportResult = { dryRun: boolean; created: number; updated: number; unchanged: number; rejected: { index: number; errors: { path: string; message: string }[] }[] };
type Totals = { coverage: { village: { registered: number; visited: number }; community: { registered: number; visited: number } }; branchesVisited: { village: number } };

const xiningStaff = () => api(stack.url, tokenFor({ role: 'staff', region: '630100' }));
/** Close today (Beijing): the rollup run as if it were tomorrow morning. */
const closeToday = () =>
  runRollup({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date(Date.now() + 86_400_000) } }, beijingDate());
const totalsOf = async (region: string) => (await admin<{ totals: Totals }>('GET', `/summary?region=${region}&date=${beijingDate()}`)).body!.totals;

async function listAll(query: string, token?: string): Promise<Branch[]> {
  const call = api(stack.url, token);
  const items: Branch[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body?: { items: Branch[]; nextCursor: string | null } } = await call('GET', `/branches?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    items.push(...page.body!.items);
    cursor = page.body!.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  stack = await startTestApi();
  admin = api(stack.url);
  await admin('PUT', '/ministers/m-630102-reg', { name: '城东部长', level: 'county', regionCode: '630102' });
  await admin('PUT', '/ministers/m-632621-reg', { name: '玛沁部长', level: 'county', regionCode: '632621' });
});
afterAll(async () => stack?.close());

describe('PUT and GET /branches/{id}', () => {
  it('registers a branch (201), replaces it (200), and answers the same entry again unchanged', async () => {
    const body = { name: '东关村党支部', type: 'village', countyCode: '630102', code: 'DG-001', aliases: ['东关大队党支部'] };
    const created = await admin<Branch>('PUT', '/branches/dongguan', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'dongguan', ...body, status: 'active', version: 1 });
    expect((await admin<Branch>('PUT', '/branches/dongguan', body)).body!.version).toBe(1);
    const renamed = await admin<Branch>('PUT', '/branches/dongguan', { ...body, name: '东关社区村党支部' }, ifMatch(1));
    expect(renamed.status).toBe(200);
    expect(renamed.body!.version).toBe(2);
    expect((await admin<Branch>('GET', '/branches/dongguan')).body!.name).toBe('东关社区村党支部');
    expect((await admin('PUT', '/branches/dongguan', body, ifMatch(1))).status).toBe(412);
    expect((await admin('PUT', '/branches/dongguan', { ...body, name: '东关村党支部' }, ifMatch(2))).status).toBe(200);
  });

  it('refuses bad input field by field: unknown county, bad type, a name empty once normalized, a code of another branch', async () => {
    const bad = await admin<Problem>('PUT', '/branches/bad-one', { name: ' \u200B　', type: 'township', countyCode: '639999' }, EN);
    expect(bad.status).toBe(422);
    expect(bad.body!.errors.map((e) => e.path).sort()).toEqual(['countyCode', 'name', 'type']);
    const taken = await admin<Problem>('PUT', '/branches/other', { name: '西关村党支部', type: 'village', countyCode: '630102', code: 'dg-001' });
    expect(taken.status).toBe(422);
    expect(taken.body!.errors).toEqual([{ path: 'code', message: expect.stringContaining('另一个党组织') }]);
    const sameName = await admin<Problem>('PUT', '/branches/other', { name: '东关 村党支部', type: 'village', countyCode: '630102' });
    expect(sameName.body!.errors).toEqual([{ path: 'name', message: expect.stringContaining('同名') }]);
    expect((await admin('GET', '/branches/other')).status).toBe(404);
  });

  it('keeps a branch in its county and of its type', async () => {
    const moved = await admin<Problem>('PUT', '/branches/dongguan', { name: '东关村党支部', type: 'village', countyCode: '630103', code: 'DG-001' });
    expect(moved.status).toBe(422);
    expect(moved.body!.errors.map((e) => e.path)).toEqual(['countyCode']);
    const retyped = await admin<Problem>('PUT', '/branches/dongguan', { name: '东关村党支部', type: 'community', countyCode: '630102', code: 'DG-001' });
    expect(retyped.body!.errors.map((e) => e.path)).toEqual(['type']);
  });

  it('holds to region rules: staff register within their region, heads read their county only', async () => {
    expect((await xiningStaff()('PUT', '/branches/xn-1', { name: '小桥社区党委', type: 'community', countyCode: '630105' })).status).toBe(201);
    expect((await xiningStaff()('PUT', '/branches/gl-1', { name: '大武村党支部', type: 'village', countyCode: '632621' })).status).toBe(403);
    expect((await admin('PUT', '/branches/gl-1', { name: '大武村党支部', type: 'village', countyCode: '632621' })).status).toBe(201);
    expect((await xiningStaff()('GET', '/branches/gl-1')).status).toBe(404);
    const head = api(stack.url, tokenFor({ sub: 'm-632621-reg', role: 'submitter', region: '632621', ministerId: 'm-632621-reg' }));
    expect((await head('GET', '/branches/gl-1')).status).toBe(200);
    expect((await head('GET', '/branches/dongguan')).status).toBe(404);
    expect((await head('PUT', '/branches/gl-2', { name: '当洛村党支部', type: 'village', countyCode: '632621' })).status).toBe(403);
    const reporter = api(stack.url, tokenFor({ role: 'reporter', region: '630000' }));
    expect((await reporter('GET', '/branches')).status).toBe(403);
  });
});

describe('GET /branches', () => {
  it('searches names and former names whatever the spacing, width and case, within a region, in name order', async () => {
    expect((await listAll('&q=东关大队')).map((b) => b.id)).toEqual(['dongguan']);
    expect((await listAll(`&q=${encodeURIComponent('东 关')}`)).map((b) => b.id)).toEqual(['dongguan']);
    expect((await listAll('&q=dg')).map((b) => b.id)).toEqual([]);
    expect((await listAll('&prefecture=630100')).map((b) => b.id)).toEqual(['dongguan', 'xn-1']);
    expect((await listAll('&county=632621')).map((b) => b.id)).toEqual(['gl-1']);
    expect((await listAll('&type=community')).map((b) => b.id)).toEqual(['xn-1']);
    expect((await listAll('', tokenFor({ role: 'staff', region: '630100' }))).map((b) => b.id)).toEqual(['dongguan', 'xn-1']);
    expect((await xiningStaff()('GET', '/branches?county=632621')).status).toBe(403);
  });
});

describe('POST /branches/import', () => {
  const roster = [
    { countyCode: '632622', name: '拉加村党支部', type: 'village', code: 'BM-01' },
    { countyCode: '632622', name: '德昂村党支部', type: 'village' },
    { countyCode: '632622', name: '城关社区党委', type: 'community', aliases: ['城关居委会党支部'] },
  ];

  it('shows a dry run without writing, then imports; the same rows again are all unchanged', async () => {
    const dry = await admin<ImportResult>('POST', '/branches/import', { dryRun: true, rows: roster });
    expect(dry.body).toEqual({ dryRun: true, created: 3, updated: 0, unchanged: 0, rejected: [] });
    expect(await listAll('&county=632622')).toEqual([]);
    const done = await admin<ImportResult>('POST', '/branches/import', { rows: roster });
    expect(done.body).toEqual({ dryRun: false, created: 3, updated: 0, unchanged: 0, rejected: [] });
    expect((await listAll('&county=632622')).map((b) => b.name)).toEqual(['城关社区党委', '德昂村党支部', '拉加村党支部'].sort());
    const again = await admin<ImportResult>('POST', '/branches/import', { rows: roster });
    expect(again.body).toEqual({ dryRun: false, created: 0, updated: 0, unchanged: 3, rejected: [] });
  });

  it('finds a row\'s branch by code, else by county and name as compared, and updates it', async () => {
    const rows = [
      { countyCode: '632622', name: '拉加镇拉加村党支部', type: 'village', code: 'bm-01' },
      { countyCode: '632622', name: '德昂村 党支部', type: 'village', aliases: ['德昂大队'] },
    ];
    const result = await admin<ImportResult>('POST', '/branches/import', { rows });
    expect(result.body).toEqual({ dryRun: false, created: 0, updated: 2, unchanged: 0, rejected: [] });
    const listed = await listAll('&county=632622&type=village');
    expect(listed.map((b) => b.name).sort()).toEqual(['德昂村 党支部', '拉加镇拉加村党支部'].sort());
    expect(listed.find((b) => b.code === 'BM-01' || b.code === 'bm-01')?.version).toBe(2);
  });

  it('rejects every bad row by its index with field errors, and writes the others', async () => {
    const rows = [
      { countyCode: '632622', name: '下藏科村党支部', type: 'village' },
      { countyCode: '639999', name: '某村党支部', type: 'village' },
      { countyCode: '632622', name: '\u200B', type: 'hamlet' },
      { countyCode: '632622', name: '下藏科村党支部', type: 'village' },
      // BM-01 is 拉加's code, and 德昂 another branch's name: which branch would this row be?
      { countyCode: '632622', name: '德昂村党支部', type: 'village', code: 'BM-01' },
      'not a row',
    ];
    const result = await admin<ImportResult>('POST', '/branches/import', { rows });
    expect(result.status).toBe(200);
    expect(result.body!.created).toBe(1);
    expect(result.body!.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    const paths = Object.fromEntries(result.body!.rejected.map((r) => [r.index, r.errors.map((e) => e.path).sort()]));
    expect(paths).toMatchObject({ 1: ['countyCode'], 2: ['name', 'type'], 3: ['name'], 4: ['name'] });
    expect(result.body!.rejected.find((r) => r.index === 3)!.errors[0].message).toContain('前面的一行');
    expect((await listAll('&county=632622')).some((b) => b.name === '下藏科村党支部')).toBe(true);
  });

  it('keeps a request within bounds, and an import within the caller\'s region', async () => {
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ countyCode: '632622', name: `村${i}`, type: 'village' }));
    const refused = await admin<Problem>('POST', '/branches/import', { rows: tooMany });
    expect(refused.status).toBe(422);
    expect(refused.body!.errors.map((e) => e.path)).toEqual(['rows']);
    const outside = await xiningStaff()<ImportResult>('POST', '/branches/import', { rows: [{ countyCode: '632622', name: '外县村党支部', type: 'village' }] });
    expect(outside.body!.rejected).toEqual([{ index: 0, errors: [{ path: 'countyCode', message: expect.stringContaining('本地区') }] }]);
  });
});

describe('records naming registered branches, and coverage', () => {
  const visit = (branch: Record<string, unknown>, ministerId = 'm-632621-reg', ago = 2): Record<string, unknown> & { id: string } => {
    const sample = SAMPLES.visit.valid({ ministerId, countyCode: '632621', date: daysAgo(ago) });
    return { ...sample, id: String(sample.id), branch };
  };

  it('takes name, type and county from the registry for { id }; an unknown or closed id is a 422 at branch.id', async () => {
    const created = await admin<{ branch: Record<string, unknown> }>('POST', '/visits', visit({ id: 'gl-1' }));
    expect(created.status).toBe(201);
    expect(created.body!.branch).toEqual({ id: 'gl-1', name: '大武村党支部', type: 'village', countyCode: '632621' });
    const unknown = await admin<Problem>('POST', '/visits', visit({ id: 'no-such-branch' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body!.errors.map((e) => e.path)).toEqual(['branch.id']);
    await admin('PUT', '/branches/gl-closed', { name: '旧村党支部', type: 'village', countyCode: '632621', status: 'closed', closedOn: daysAgo(3) });
    expect((await admin<Problem>('POST', '/visits', visit({ id: 'gl-closed' }))).body!.errors.map((e) => e.path)).toEqual(['branch.id']);
    // A head may not name a branch of another county through its id.
    const head = api(stack.url, tokenFor({ sub: 'm-632621-reg', role: 'submitter', region: '632621', ministerId: 'm-632621-reg' }));
    expect((await head('POST', '/visits', visit({ id: 'dongguan' }))).status).toBe(403);
  });

  it('counts coverage against the registry in the county, its prefecture and the province; lists the never-visited', async () => {
    await admin('PUT', '/branches/gl-3', { name: '东柯河村党支部', type: 'village', countyCode: '632621' });
    await admin('PUT', '/branches/gl-4', { name: '雪山社区党支部', type: 'community', countyCode: '632621' });
    // Two visits to gl-1 (one branch), one typed in by a name that is not registered.
    await admin('POST', '/visits', visit({ id: 'gl-1' }, 'm-632621-reg', 1));
    const typed = visit({ name: '东柯河村党支部', type: 'village', countyCode: '632621' }, 'm-632621-reg', 3);
    expect((await admin('POST', '/visits', typed)).status).toBe(201);
    await closeToday();

    const county = await totalsOf('632621');
    expect(county.coverage).toEqual({ village: { registered: 2, visited: 1 }, community: { registered: 1, visited: 0 } });
    expect(county.branchesVisited.village).toBe(2);
    // 果洛州: 玛沁 (632621) and 班玛 (632622, three villages and a community by import).
    expect((await totalsOf('632600')).coverage).toEqual({ village: { registered: 5, visited: 1 }, community: { registered: 2, visited: 0 } });
    const province = await totalsOf('630000');
    // Villages: dongguan (630102), gl-1 and gl-3 (632621), three of 632622; communities: xn-1, gl-4, 城关社区党委.
    expect(province.coverage).toEqual({ village: { registered: 6, visited: 1 }, community: { registered: 3, visited: 0 } });

    expect((await listAll('&county=632621&visited=false')).map((b) => b.id).sort()).toEqual(['gl-3', 'gl-4']);
    expect((await listAll('&county=632621&visited=true')).map((b) => b.id)).toEqual(['gl-1']);

    // Staff match the typed-in visit to the registered branch by a correction: covered from the next rollup.
    const stored = await admin<{ version: number }>('GET', `/visits/${typed.id}`);
    expect((await admin('PATCH', `/visits/${typed.id}`, { branch: { id: 'gl-3' } }, ifMatch(stored.body!.version))).status).toBe(200);
    await runRollup({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date(Date.now() + 86_400_000) } }, beijingDate(), { rebuild: true });
    const after = await totalsOf('632621');
    expect(after.coverage.village).toEqual({ registered: 2, visited: 2 });
    expect(after.branchesVisited.village).toBe(2);
    expect((await listAll('&county=632621&visited=false')).map((b) => b.id)).toEqual(['gl-4']);
  });

  it('treats two visits to one registered branch on one day by one head as suspected duplicates', async () => {
    const first = visit({ id: 'dongguan' }, 'm-630102-reg', 5);
    const second = { ...visit({ id: 'dongguan' }, 'm-630102-reg', 5), id: randomUUID() };
    expect((await admin('POST', '/visits', first)).status).toBe(201);
    const dup = await admin<{ duplicateOf?: string }>('POST', '/visits', second);
    expect(dup.body!.duplicateOf).toBe(first.id);
  });
});

describe('contact branches (联系点)', () => {
  it('assigns registered branches of the head\'s region, and the scorecard shows assigned and visited', async () => {
    const outside = await admin<Problem>('PUT', '/ministers/m-632621-reg', { name: '玛沁部长', level: 'county', regionCode: '632621', contactBranches: ['gl-1', 'dongguan', 'gl-closed', 'none'] });
    expect(outside.status).toBe(422);
    expect(outside.body!.errors.map((e) => e.path)).toEqual(['contactBranches.1', 'contactBranches.2', 'contactBranches.3']);
    const repeated = await admin<Problem>('PUT', '/ministers/m-632621-reg', { name: '玛沁部长', level: 'county', regionCode: '632621', contactBranches: ['gl-1', 'gl-1'] });
    expect(repeated.body!.errors.map((e) => e.path)).toEqual(['contactBranches']);

    expect((await admin('PUT', '/ministers/m-632621-reg', { name: '玛沁部长', level: 'county', regionCode: '632621', contactBranches: ['gl-1', 'gl-3', 'gl-4'] })).status).toBe(200);
    type Card = { contactBranches: { assigned: number; visited: number; branches: { id: string; visited: boolean }[] } };
    const card = await admin<Card>('GET', '/ministers/m-632621-reg/scorecard');
    expect(card.body!.contactBranches.assigned).toBe(3);
    // gl-1, and gl-3 once its typed-in visit was matched by a correction; gl-4 not yet.
    expect(card.body!.contactBranches.branches).toEqual([
      { id: 'gl-1', name: '大武村党支部', countyCode: '632621', visited: true },
      { id: 'gl-3', name: '东柯河村党支部', countyCode: '632621', visited: true },
      { id: 'gl-4', name: '雪山社区党支部', countyCode: '632621', visited: false },
    ]);
    expect(card.body!.contactBranches.visited).toBe(2);
    const other = await admin<Card>('GET', '/ministers/m-630102-reg/scorecard');
    expect(other.body!.contactBranches).toEqual({ assigned: 0, visited: 0, branches: [] });
  });
});
