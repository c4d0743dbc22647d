import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { api as apiClient, startTestApi, adminAuthorization } from './support/local-stack.ts';

let stack: Awaited<ReturnType<typeof startTestApi>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; headers: Headers; body: any }>;

const today = beijingDate();

beforeAll(async () => {
  stack = await startTestApi();
  const client = apiClient(stack.url);
  call = (method, path, body, headers) => client(method, path, body, headers);
  await call('PUT', '/ministers/m-632701', { name: '玉树部长', level: 'county', regionCode: '632701' });
  await call('PUT', '/ministers/m-632700', { name: '玉树州部长', level: 'prefecture', regionCode: '632700' });
  for (const participants of [12, 30]) {
    const res = await call('POST', '/visits', {
      id: randomUUID(), ministerId: 'm-632701', date: today,
      branch: { name: `结古镇${participants}村党支部`, type: 'village', countyCode: '632701' },
      sessions: ['reception_day'], symposiums: 1, participants,
      suggestions: [{ id: randomUUID(), text: '希望解决冬季取暖', channel: 'reception_day', status: 'answered', response: '已协调' }],
    });
    expect(res.status).toBe(201);
  }
  // Problems in 玉树市 by status: one overdue (open, deadline yesterday), one due today (in time), one rectified after its deadline.
  const problem = (status: string, deadline: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(), ministerId: 'm-632701', branch: { name: '结古镇12村党支部', type: 'village', countyCode: '632701' },
    description: '冬季取暖设施不足', category: 'livelihood', foundBy: { source: 'other' }, foundOn: addDays(today, -10),
    responsible: { unit: '结古镇党委' }, deadline, status, ...extra,
  });
  for (const body of [
    problem('open', addDays(today, -1)),
    problem('rectifying', today),
    problem('rectified', addDays(today, -5), { evidence: '已更换取暖设施', rectifiedOn: addDays(today, -2) }),
  ]) {
    expect((await call('POST', '/problems', body)).status).toBe(201);
  }
  // A rule for the whole of 玉树州: it counts in the prefecture and the province, in none of its counties.
  const mechanism = await call('POST', '/mechanisms', {
    id: randomUUID(), ministerId: 'm-632700', title: '牧区党员冬春季集中学习制度', area: 'member_management', regionCode: '632700',
    adoptedOn: today, summary: '冬春季牧闲时集中学习',
  });
  expect(mechanism.status).toBe(201);
});

afterAll(async () => stack?.close());

describe('GET /summary', () => {
  it('answers 404 problem+json before any rollup', async () => {
    const res = await call('GET', '/summary');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it("serves the newest snapshot with the article's six headline figures, its children, an ETag and 304", async () => {
    await runRollup({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date() } }, today);
    const res = await call('GET', '/summary');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      asOf: today, provisional: true, region: { code: '630000', name: '青海省', level: 'province' },
      totals: { ministers: 1, sessions: 2, symposiums: 2, participants: 42, suggestions: 2, suggestionsAnsweredOrResolved: 2, branchesVisited: { village: 2, community: 0 } },
    });
    expect(res.body.totals).toMatchObject({ problems: { open: 1, rectifying: 1, rectified: 1, overdue: 1 }, mechanisms: 1, reports: 0 });
    expect(res.body.children.map((c: { region: { code: string } }) => c.region.code)).toHaveLength(8);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const again = await call('GET', '/summary', undefined, { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('serves a region at any level, and refuses a bad region or a future date (400)', async () => {
    const yushu = await call('GET', `/summary?region=632700&date=${today}`);
    expect(yushu.body.totals.participants).toBe(42);
    expect(yushu.body.children.find((c: { region: { code: string } }) => c.region.code === '632701').totals.ministers).toBe(1);
    expect(yushu.body.totals).toMatchObject({ problems: { open: 1, rectifying: 1, rectified: 1, overdue: 1 }, mechanisms: 1 });
    const yushuCity = yushu.body.children.find((c: { region: { code: string } }) => c.region.code === '632701').totals;
    expect(yushuCity).toMatchObject({ problems: { open: 1, rectifying: 1, rectified: 1, overdue: 1 }, mechanisms: 0 });
    const county = await call('GET', `/summary?region=632701&date=${today}`);
    expect(county.body.totals).toMatchObject({ problems: { overdue: 1 }, mechanisms: 0 });
    expect((await call('GET', `/summary?region=630100&date=${today}`)).body.totals).toMatchObject({ participants: 0, problems: { open: 0, overdue: 0 }, mechanisms: 0 });
    const bad = await call('GET', '/summary?region=110000&date=2999-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['date', 'region']);
    expect((await call('GET', '/summary?date=2020-01-01')).status).toBe(404);
  });
});

describe('CSV, history and the published schema', () => {
  it('serves the summary as Excel-friendly CSV (BOM, Chinese header, the region then its children)', async () => {
    for (const res of [
      await fetch(`${stack.url}/summary?region=632700&date=${today}&format=csv`, { headers: adminAuthorization() }),
      await fetch(`${stack.url}/summary?region=632700&date=${today}`, { headers: { accept: 'text/csv', ...adminAuthorization() } }),
    ]) {
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
      expect(lines[0].split(',').slice(0, 6)).toEqual(['截至日期', '区划代码', '区划名称', '级别', '组织部长（人）', '参加组织生活（次）']);
      expect(lines).toHaveLength(1 + 1 + 6);
      expect(lines[0].split(',').slice(12)).toEqual([
        '调研报告（篇）', '问题待整改（个）', '问题整改中（个）', '问题已整改（个）', '问题已验收销号（个）', '问题逾期未整改（个）', '培训场次（场）', '培训人数（人次）',
        '制度机制（项）', '先进典型已推荐（个）', '先进典型已选树（个）', '督查督导（次）', '督查发现问题（条）',
        '在册村党支部（个）', '已走访在册村党支部（个）', '在册社区党组织（个）', '已走访在册社区党组织（个）',
      ]);
      expect(lines[1]).toBe(`${today},632700,玉树藏族自治州,市州,1,2,2,42,2,2,2,0,0,1,1,1,0,1,0,0,1,0,0,0,0,0,0,0,0`);
      expect(lines[2]).toBe(`${today},632701,玉树市,县市区,1,2,2,42,2,2,2,0,0,1,1,1,0,1,0,0,0,0,0,0,0,0,0,0,0`);
    }
  });

  it('serves a region day by day, as JSON or CSV, and bounds the range', async () => {
    const series = await call('GET', `/summary/history?region=632701&from=2026-01-01&to=${today}`);
    expect(series.status).toBe(200);
    expect(series.body.region).toEqual({ code: '632701', name: '玉树市', level: 'county' });
    expect(series.body.items).toEqual([expect.objectContaining({ asOf: today, provisional: true, totals: expect.objectContaining({ participants: 42 }) })]);
    const etag = series.headers.get('etag')!;
    expect((await call('GET', `/summary/history?region=632701&from=2026-01-01&to=${today}`, undefined, { 'if-none-match': etag })).status).toBe(304);
    const csv = await (await fetch(`${stack.url}/summary/history?region=632701&format=csv`, { headers: adminAuthorization() })).text();
    expect(csv.trimEnd().split('\r\n')[1]).toMatch(new RegExp(`^${today},632701,玉树市,是,1,`));
    const tooLong = await call('GET', '/summary/history?from=2024-01-01&to=2026-01-01', undefined, { 'accept-language': 'en' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ path: 'from', message: 'The range may span at most 400 days' }]);
  });

  it('publishes the JSON Schema of the summary, naming the six headline figures', async () => {
    const res = await call('GET', '/schemas/summary.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(res.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const totals = res.body.$defs.Totals;
    expect(totals.required).toEqual(expect.arrayContaining(['ministers', 'sessions', 'symposiums', 'participants', 'suggestions', 'suggestionsAnsweredOrResolved']));
    expect(totals.properties.problems.required).toEqual(['open', 'rectifying', 'rectified', 'accepted', 'overdue']);
    expect(totals.required).toEqual(expect.arrayContaining(['reports', 'trainings', 'peopleTrained', 'mechanisms', 'models', 'inspections', 'inspectionFindings']));
  });
});
