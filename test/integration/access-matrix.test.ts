import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, type RouteSpec } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { Form } from '#schemas/form.ts';
import { beijingDate } from '#schemas/time.ts';
import { reportingClientToken } from '#local/issuer.ts';
import { SAMPLES } from '../support/samples.ts';
import { api as apiClient, startTestApi, tokenFor } from './support/local-stack.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * Every route × every role × a target inside, outside and above the caller's region, against the
 * local server (tokens checked as API Gateway's JWT authorizer does) and DynamoDB Local. The
 * expectations are written here from the rules of the sign-in issue, not read from the policy module.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
type Role = 'submitter' | 'staff' | 'admin' | 'reporter';
type Position = 'inside' | 'outside' | 'above';
/**
 * 'ok' is the route's success (200, 201 or 204); 'rowRefused' a 200 whose one row is rejected (an import outside the region);
 * 'itemHidden' a 200 whose one item answers 404 (a bulk approval of a record the caller may not see).
 */
type Outcome = 'ok' | 'rowRefused' | 'itemHidden' | 400 | 403 | 404;

const ROLES: Role[] = ['submitter', 'staff', 'admin', 'reporter'];
/** Everyone but the admin sits in 玛沁县; the county next door is outside, 果洛州 above. */
const HOME = '632621';
const OUTSIDE = '632622';
const ABOVE = '632600';
const HEAD = { [HOME]: 'm-632621-01', [OUTSIDE]: 'm-632622-01', [ABOVE]: 'm-632600-01' } as Record<string, string>;
const LEVEL = { [HOME]: 'county', [OUTSIDE]: 'county', [ABOVE]: 'prefecture' } as Record<string, string>;
const regionAt: Record<Position, string> = { inside: HOME, outside: OUTSIDE, above: ABOVE };

const seeing = (ok: Outcome = 'ok'): Record<Position, Outcome> => ({ inside: ok, outside: 404, above: 404 });
const asking = (ok: Outcome = 'ok'): Record<Position, Outcome> => ({ inside: ok, outside: 403, above: 403 });
const all = (outcome: Outcome): Record<Position, Outcome> => ({ inside: outcome, outside: outcome, above: outcome });

/** What each kind of route allows each role, by where its target lies. */
const EXPECTED: Record<string, Record<Role, Record<Position, Outcome>>> = {
  'reference/me': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all('ok') },
  'reference/regions': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all('ok') },
  'ministers/put': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  'ministers/get': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'ministers/list': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: all(403) },
  // A head (and their staff) read their own head's scorecard only: the head of HOME is theirs.
  'ministers/scorecard': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: seeing() },
  'reporting/summary': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: asking() },
  'reporting/history': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: asking() },
  'reporting/scorecards': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: asking() },
  'suggestions/progress': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'suggestions/list': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: all(403) },
  // The desk's counts of what waits for review: staff of the region and admins.
  'records/work-counts': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: all(403) },
  'branches/put': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: all(403) },
  'branches/get': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'branches/list': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: all(403) },
  // Rows are checked one by one: a row outside the caller's region is rejected by its index, the others go in.
  'branches/import': { submitter: all(403), staff: { inside: 'ok', outside: 'rowRefused', above: 'rowRefused' }, admin: all('ok'), reporter: all(403) },
  'records/create': { submitter: asking(), staff: all(403), admin: all('ok'), reporter: all(403) },
  'records/list': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: all(403) },
  'records/get': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'records/history': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'records/correct': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  // A submitter withdraws only their own visit confirmed as a duplicate: an ordinary record they see is a 403.
  'records/withdraw': { submitter: seeing(403), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'records/review': { submitter: all(403), staff: seeing(), admin: all('ok'), reporter: all(403) },
  // 批量通过: each item as the single review; a record the caller may not see is that item's 404, the request a 200.
  'records/bulk-review': { submitter: all(403), staff: { inside: 'ok', outside: 'itemHidden', above: 'itemHidden' }, admin: all('ok'), reporter: all(403) },
  // 验收销号: the staff of the level above the problem's county (not the county's own staff, who see it), and admins.
  'problems/acceptance': { submitter: all(403), staff: seeing(403), admin: all('ok'), reporter: all(403) },
  // Whoever may write a record may announce evidence for it; an attachment is seen by whoever sees a record holding it.
  'attachments/create': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all(403) },
  'attachments/get': { submitter: seeing(), staff: seeing(), admin: all('ok'), reporter: all(403) },
  // Notices are the caller's own wherever they sit (notices-api.test.ts checks whose); the rules are the admins'.
  'notices/list': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all(403) },
  'notices/unread': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all(403) },
  'notices/read': { submitter: all('ok'), staff: all('ok'), admin: all('ok'), reporter: all(403) },
  'notices/rules': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  'notices/put-rules': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  // Group robots carry credentials and post in a region's name: admins alone, wherever the region.
  'robots/put': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  'robots/get': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  'robots/delete': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  'robots/deliveries': { submitter: all(403), staff: all(403), admin: all('ok'), reporter: all(403) },
  // 用户管理: admins any account; staff the submitters and staff of their own region (issue 25).
  'accounts/put': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: all(403) },
  'accounts/get': { submitter: all(403), staff: seeing(), admin: all('ok'), reporter: all(403) },
  'accounts/list': { submitter: all(403), staff: asking(), admin: all('ok'), reporter: all(403) },
  // The monthly close: anyone with a role reads a month of their region (a head: whether theirs is locked).
  'months/get': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: asking() },
  'months/list': { submitter: asking(), staff: asking(), admin: all('ok'), reporter: asking() },
  // 报送 is the region's own staff's: not the admins', nor anyone's of another region or the one above.
  'months/act': { submitter: all(403), staff: asking(), admin: all(403), reporter: all(403) },
  // 通报: a county has nothing below it to rank (400) once the caller may read it; the prefecture above is
  // the admins' alone, and has no closed day in this run (404).
  'reporting/bulletin': { submitter: asking(400), staff: asking(400), admin: { inside: 400, outside: 400, above: 404 }, reporter: asking(400) },
};

/** A month nobody acted on yet, for each request that takes a step (each case submits its own). */
let monthsTaken = 0;
const freshMonth = () => {
  const n = monthsTaken++;
  return `${2020 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

let stack: Awaited<ReturnType<typeof startTestApi>>;
let admin: ReturnType<typeof apiClient>;
const as = (token: string) => {
  const call = apiClient(stack.url, token);
  return (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call<Body>(method, path, body, headers);
};
const date = beijingDate(Date.now() - 5 * 86_400_000);
const formOf = (route: RouteSpec) => FORMS.find((f) => route.path === `/${f.path}` || route.path.startsWith(`/${f.path}/`));
/** Kinds whose records may belong to a prefecture: only they have a record "above" a county. */
const regionWide = (form: Form) => form.kind === 'mechanism' || form.kind === 'inspection';

const tokenOf = (role: Role) => tokenFor({ sub: `${role}-${HOME}`, role, region: role === 'admin' ? '630000' : HOME, ...(role === 'submitter' ? { ministerId: HEAD[HOME] } : {}) });

const ROBOT = { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7f9c-4bc4-97a0-0ec2sifa5aaa' };

/** A fresh record of `form` in `region` by its head, stored by an admin. */
async function recordIn(form: Form, region: string): Promise<Body> {
  const body = SAMPLES[form.kind].valid({ ministerId: HEAD[region], countyCode: region, date });
  const res = await admin('POST', `/${form.path}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The request a role makes of `route` with its target in `region`. */
async function requestFor(route: RouteSpec, region: string): Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }> {
  const form = formOf(route);
  const v1 = { 'if-match': '"1"' };
  switch (route.handler) {
    case 'reference/regions': return { method: 'GET', path: '/regions' };
    case 'reference/me': return { method: 'GET', path: '/me' };
    case 'ministers/put': return { method: 'PUT', path: `/ministers/m-new-${randomUUID().slice(0, 8)}`, body: { name: '新部长', level: LEVEL[region], regionCode: region } };
    case 'ministers/get': return { method: 'GET', path: `/ministers/${HEAD[region]}` };
    case 'ministers/list': return { method: 'GET', path: `/ministers?region=${region}` };
    case 'ministers/scorecard': return { method: 'GET', path: `/ministers/${HEAD[region]}/scorecard` };
    case 'reporting/summary': return { method: 'GET', path: `/summary?region=${region}` };
    case 'reporting/history': return { method: 'GET', path: `/summary/history?region=${region}` };
    case 'reporting/scorecards': return { method: 'GET', path: `/scorecards?region=${region}` };
    case 'suggestions/progress': {
      const visit = await recordIn(FORMS[0], region);
      return { method: 'PATCH', path: `/suggestions/${visit.suggestions[0].id}`, body: { status: 'answered', response: '已答复' }, headers: v1 };
    }
    case 'records/create': return { method: 'POST', path: `/${form!.path}`, body: SAMPLES[form!.kind].valid({ ministerId: HEAD[region], countyCode: region, date }) };
    case 'records/list': return { method: 'GET', path: `/${form!.path}?${LEVEL[region] === 'county' ? 'county' : 'prefecture'}=${region}` };
    case 'suggestions/list': return { method: 'GET', path: `/suggestions?${LEVEL[region] === 'county' ? 'county' : 'prefecture'}=${region}` };
    case 'records/work-counts': return { method: 'GET', path: `/work-counts?region=${region}` };
    case 'branches/put': return { method: 'PUT', path: `/branches/b-${randomUUID().slice(0, 8)}`, body: { name: `新村${randomUUID().slice(0, 6)}党支部`, type: 'village', countyCode: region } };
    case 'branches/get': {
      const id = `b-${randomUUID().slice(0, 8)}`;
      expect((await admin('PUT', `/branches/${id}`, { name: `村${id}党支部`, type: 'village', countyCode: region })).status).toBe(201);
      return { method: 'GET', path: `/branches/${id}` };
    }
    case 'branches/list': return { method: 'GET', path: `/branches?${LEVEL[region] === 'county' ? 'county' : 'prefecture'}=${region}` };
    case 'branches/import': {
      // A prefecture has no branches of its own: "above" is a county of the prefecture that is not the caller's.
      const county = LEVEL[region] === 'county' ? region : '632623';
      return { method: 'POST', path: '/branches/import', body: { rows: [{ countyCode: county, name: `村${randomUUID().slice(0, 6)}党支部`, type: 'village' }] } };
    }
    case 'notices/list': return { method: 'GET', path: '/notices?unread=true' };
    case 'notices/unread': return { method: 'GET', path: '/notices/unread' };
    case 'notices/read': return { method: 'POST', path: '/notices/read', body: {} };
    case 'notices/rules': return { method: 'GET', path: '/notice-rules' };
    case 'notices/put-rules': return { method: 'PUT', path: '/notice-rules', body: { rules: [{ rule: 'review.waiting', days: 3, enabled: true }] } };
    case 'robots/deliveries': return { method: 'GET', path: '/deliveries?status=failed&limit=5' };
    case 'accounts/list': return { method: 'GET', path: `/accounts?region=${region}` };
    case 'accounts/put': return { method: 'PUT', path: `/accounts/acct-${randomUUID()}`, body: { name: '账号', role: 'submitter', region, enabled: true } };
    case 'accounts/get': {
      const username = `acct-${randomUUID()}`;
      expect((await admin('PUT', `/accounts/${username}`, { name: '账号', role: 'submitter', region, enabled: true })).status).toBe(201);
      return { method: 'GET', path: `/accounts/${username}` };
    }
    case 'robots/put': return { method: 'PUT', path: `/robots/${region}`, body: ROBOT };
    case 'robots/get': case 'robots/delete': {
      expect((await admin('PUT', `/robots/${region}`, ROBOT)).status).toBeLessThan(300);
      return { method: route.method, path: `/robots/${region}` };
    }
    case 'months/get': return { method: 'GET', path: `/months/${date.slice(0, 7)}/${region}` };
    case 'reporting/bulletin': return { method: 'GET', path: `/bulletins/${date.slice(0, 7)}/${region}` };
    case 'months/list': return { method: 'GET', path: `/months?region=${region}` };
    case 'months/act': return { method: 'POST', path: `/months/${freshMonth()}/${region}/submit`, body: {}, headers: { 'if-match': '"0"' } };
    case 'attachments/create': return { method: 'POST', path: '/attachments', body: { id: randomUUID(), contentType: 'image/jpeg', size: 1024 } };
    case 'problems/acceptance': {
      const where = { ministerId: HEAD[region], countyCode: region, date };
      const problem = SAMPLES.problem.valid(where);
      const res = await admin('POST', '/problems', { ...problem, status: 'rectified', ...SAMPLES.problem.statusFields!('rectified', where) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { method: 'POST', path: `/problems/${String(problem.id)}/acceptance`, body: { state: 'accepted' }, headers: v1 };
    }
    case 'attachments/get': {
      // Announced by someone else (the setup's admin), and held by an inspection of the region (any level).
      const id = randomUUID();
      expect((await admin('POST', '/attachments', { id, contentType: 'image/jpeg', size: 1024 })).status).toBe(201);
      const inspection = { ...SAMPLES.inspection.valid({ ministerId: HEAD[region], countyCode: region, date }), attachments: [{ id }] };
      expect((await admin('POST', '/inspections', inspection)).status).toBe(201);
      return { method: 'GET', path: `/attachments/${id}` };
    }
  }
  const record = await recordIn(form!, region);
  switch (route.handler) {
    case 'records/get': return { method: 'GET', path: `/${form!.path}/${record.id}` };
    case 'records/history': return { method: 'GET', path: `/${form!.path}/${record.id}/history` };
    case 'records/correct': return { method: 'PATCH', path: `/${form!.path}/${record.id}`, body: SAMPLES[form!.kind].correction, headers: v1 };
    case 'records/withdraw': return { method: 'DELETE', path: `/${form!.path}/${record.id}`, headers: v1 };
    case 'records/review': return { method: 'PATCH', path: `/${form!.path}/${record.id}/review`, body: { state: 'approved' }, headers: v1 };
    case 'records/bulk-review': return { method: 'POST', path: `/${form!.path}/review`, body: { state: 'approved', items: [{ id: record.id, version: 1 }] } };
  }
  throw new Error(`no request for ${routeKey(route)}`);
}

beforeAll(async () => {
  stack = await startTestApi();
  admin = apiClient(stack.url);
  for (const region of [HOME, OUTSIDE, ABOVE]) {
    expect((await admin('PUT', `/ministers/${HEAD[region]}`, { name: `部长${region}`, level: LEVEL[region], regionCode: region })).status).toBe(201);
  }
  // Every region's summary exists, so a 404 could only mean "not yours".
  const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
  const { rollupDeps } = await import('#functions/rollup-composition.ts');
  await recordIn(FORMS[0], HOME);
  await runRollup(rollupDeps(), beijingDate(), {});
});

afterAll(async () => stack?.close());

const signedIn = ROUTES.filter((r) => r.auth === 'signed-in');

describe('the route table is fully covered', () => {
  it('has an expectation for every signed-in handler module', () => {
    expect(signedIn.filter((r) => !EXPECTED[r.handler]).map(routeKey)).toEqual([]);
  });
});

/**
 * A target above the caller's county: the prefecture's ministers, figures and lists, and the
 * records that may belong to a prefecture (mechanisms, inspections). Visits and the other
 * county-level kinds have no record above a county.
 */
function hasAbove(route: RouteSpec): boolean {
  const form = formOf(route);
  if (route.handler === 'suggestions/progress' || route.handler === 'branches/put' || route.handler === 'branches/get') return false;
  return !form || regionWide(form) || route.handler === 'records/list' || route.handler === 'suggestions/list';
}

const cases = signedIn.flatMap((route) => ROLES.flatMap((role) => (['inside', 'outside', 'above'] as Position[])
  .filter((position) => position !== 'above' || hasAbove(route))
  .map((position) => [routeKey(route), role, position, route] as const)));

describe.each(ROLES)('as %s', (role) => {
  it.each(cases.filter((c) => c[1] === role).map(([key, , position, route]) => [key, position, route] as const))('%s, target %s', async (_key, position, route) => {
    const request = await requestFor(route, regionAt[position]);
    const res = await apiClient(stack.url, tokenOf(role))<Body>(request.method, request.path, request.body, request.headers);
    const expected = EXPECTED[route.handler][role][position];
    if (expected === 'ok') expect([200, 201, 204], JSON.stringify(res.body)).toContain(res.status);
    else if (expected === 'rowRefused') expect({ status: res.status, rejected: res.body.rejected.map((r: { index: number }) => r.index) }).toEqual({ status: 200, rejected: [0] });
    else if (expected === 'itemHidden') expect({ status: res.status, items: res.body.results.map((r: { status: number }) => r.status) }).toEqual({ status: 200, items: [404] });
    else expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected === 'ok' && route.handler === 'branches/import') expect(res.body).toMatchObject({ created: 1, rejected: [] });
    if (expected === 'ok' && route.handler === 'records/bulk-review') expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([200]);
  });
});

describe('tokens', () => {
  it('answer 401 on every signed-in route without a token, with a forged one or an expired one; public routes need none', async () => {
    const forged = `${tokenOf('admin').slice(0, -4)}AAAA`;
    for (const route of ROUTES) {
      const path = route.path.replace('{id}', route.path.startsWith('/ministers') ? HEAD[HOME] : randomUUID());
      for (const authorization of [undefined, `Bearer ${forged}`, 'Bearer not-a-token']) {
        const res = await fetch(stack.url + path, { method: route.method, headers: authorization ? { authorization } : {} });
        if (route.auth === 'public') expect(res.status, routeKey(route)).toBe(200);
        else expect(res.status, `${routeKey(route)} with ${authorization ?? 'no token'}`).toBe(401);
      }
    }
    const expired = stack.issuer.sign({ sub: 'x', aud: 'xiajiceng-local-web', 'custom:role': 'admin', 'custom:region': '630000' }, -10);
    expect((await fetch(`${stack.url}/regions`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const otherAudience = stack.issuer.sign({ sub: 'x', aud: 'someone-else', 'custom:role': 'admin', 'custom:region': '630000' });
    expect((await fetch(`${stack.url}/regions`, { headers: { authorization: `Bearer ${otherAudience}` } })).status).toBe(401);
    // A valid token whose claims name no role this API knows gets nowhere either.
    const noRole = stack.issuer.sign({ sub: 'x', aud: 'xiajiceng-local-web', 'custom:region': '630000' });
    expect((await fetch(`${stack.url}/regions`, { headers: { authorization: `Bearer ${noRole}` } })).status).toBe(401);
  });

  it('let a reporting client (client credentials) read the province figures and nothing else', async () => {
    const client = apiClient(stack.url, reportingClientToken(stack.issuer));
    expect((await client('GET', '/summary')).status).toBe(200);
    expect((await client('GET', `/summary?region=${HOME}`)).status).toBe(200);
    expect((await client('GET', '/visits')).status).toBe(403);
  });

  it('record who acted from the token, not the body, and default lists and figures to the caller\'s region', async () => {
    const submitter = as(tokenOf('submitter'));
    const body = SAMPLES.visit.valid({ ministerId: HEAD[HOME], countyCode: HOME, date });
    const created = await submitter('POST', '/visits', { ...body, submittedBy: 'someone-else' });
    expect(created.status).toBe(422);
    expect((await submitter('POST', '/visits', body)).body.submittedBy).toBe(`submitter-${HOME}`);
    const history = (await as(tokenOf('admin'))('GET', `/visits/${body.id}/history`)).body.items;
    expect(history[0].by).toBe(`submitter-${HOME}`);

    const staff = as(tokenOf('staff'));
    const listed = (await staff('GET', '/visits?limit=500')).body.items as { branch: { countyCode: string } }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((v) => v.branch.countyCode === HOME)).toBe(true);
    expect((await as(tokenOf('reporter'))('GET', '/summary')).body.region.code).toBe(HOME);
  });

  it("give a reporter figures only: no record's title or text on any route a reporter may call", async () => {
    const reporter = as(tokenOf('reporter'));
    const readable = signedIn.filter((route) => EXPECTED[route.handler].reporter.inside === 'ok');
    expect(readable.map((route) => route.handler).sort()).toEqual(['ministers/scorecard', 'months/get', 'months/list', 'reference/me', 'reference/regions', 'reporting/history', 'reporting/scorecards', 'reporting/summary']);
    // A record of every kind of the head's, counted on the head's scorecard.
    for (const form of FORMS) await recordIn(form, HOME);
    const keysOf = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(keysOf)
      : value && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]) : []);
    for (const route of readable) {
      const request = await requestFor(route, HOME);
      const res = await reporter(request.method, request.path);
      expect(res.status, routeKey(route)).toBe(200);
      expect(keysOf(res.body).filter((key) => ['title', 'text', 'description', 'comment', 'summary', 'response'].includes(key)), routeKey(route)).toEqual([]);
    }
    const card = (await reporter('GET', `/ministers/${HEAD[HOME]}/scorecard`)).body;
    expect(card.records).toEqual([]);
    expect(Object.values(card.hiddenRecords as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('never put free text in summaries', async () => {
    const summary = JSON.stringify((await as(tokenOf('admin'))('GET', '/summary')).body);
    for (const text of ['建议增加学习资料', '示范村党支部', '部长']) expect(summary).not.toContain(text);
  });
});
