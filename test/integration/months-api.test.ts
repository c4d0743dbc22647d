import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as decisions } from '#functions/handlers/notices/decisions.ts';
import { pollTableStream, type TableStreamPoller } from '#local/table-stream.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { SAMPLES } from '../support/samples.ts';
import { daysAgo, ifMatch, looseCaller, startTestApi, type TestApi, tokenFor } from './support/local-stack.ts';

/**
 * The monthly close (月度报送) over HTTP against DynamoDB Local: who may take which step, the states
 * each step needs, the trail and the notices (made from the table's stream, as `npm start` makes
 * them), and the lock on every write route of a record.
 */

const PREFECTURE = '632600';
const COUNTIES = ['632621', '632622', '632623', '632624', '632625', '632626'];
const [HOME, OTHER] = COUNTIES;
const HEAD = 'm-632621-01';
const date = daysAgo(40);
const MONTH = date.slice(0, 7);
const earlier = daysAgo(80);

let stack: TestApi;
let poller: TableStreamPoller;
const admin = looseCaller();
const head = looseCaller();
const countyStaff = looseCaller();
const otherCountyStaff = looseCaller();
const prefectureStaff = looseCaller();
const provinceStaff = looseCaller();
const staffOf = new Map<string, ReturnType<typeof looseCaller>>();

const monthOf = (region: string, caller = admin) => caller('GET', `/months/${MONTH}/${region}`);
async function step(caller: ReturnType<typeof looseCaller>, region: string, action: string, body: object = {}) {
  const { version } = (await monthOf(region)).body;
  return caller('POST', `/months/${MONTH}/${region}/${action}`, body, ifMatch(version));
}
const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status);

/** A visit of the locked month that is not withdrawn. */
const liveVisit = async () => (await admin('GET', `/visits?county=${HOME}&from=${date}&to=${date}`)).body.items.find((v: { status: string }) => v.status !== 'withdrawn');

async function record(kind: 'visit' | 'problem', on = date) {
  const path = `/${kind}s`;
  const res = await admin('POST', path, SAMPLES[kind].valid({ ministerId: HEAD, countyCode: HOME, date: on }));
  ok(res, 201);
  return res.body as { id: string; version: number; suggestions?: { id: string }[] };
}

beforeAll(async () => {
  stack = await startTestApi({ stream: true });
  poller = await pollTableStream({
    endpoint: inject('dynamodbEndpoint'), tableName: stack.tableName, intervalMs: 300, log: (line) => console.error(line),
    onRecords: async (records) => void await decisions({ Records: records }, lambdaContext('notices-decisions', 60_000)),
  });
  admin.connect(stack.url);
  head.connect(stack.url, tokenFor({ sub: 'head', role: 'submitter', region: HOME, ministerId: HEAD }));
  countyStaff.connect(stack.url, tokenFor({ sub: `staff-${HOME}`, role: 'staff', region: HOME, name: '马县干' }));
  otherCountyStaff.connect(stack.url, tokenFor({ sub: `staff-${OTHER}`, role: 'staff', region: OTHER }));
  prefectureStaff.connect(stack.url, tokenFor({ sub: 'staff-6326', role: 'staff', region: PREFECTURE, name: '李州干' }));
  provinceStaff.connect(stack.url, tokenFor({ sub: 'staff-63', role: 'staff', region: '630000' }));
  for (const county of COUNTIES) {
    const caller = county === HOME ? countyStaff : county === OTHER ? otherCountyStaff : looseCaller();
    if (county !== HOME && county !== OTHER) caller.connect(stack.url, tokenFor({ sub: `staff-${county}`, role: 'staff', region: county }));
    staffOf.set(county, caller);
  }
  ok(await admin('PUT', `/ministers/${HEAD}`, { name: '才让', level: 'county', regionCode: HOME }), 201);
});

afterAll(async () => {
  await poller?.stop();
  await stack?.close();
});

/** The caller's notices once one of `rule` about the month of `region` is there (the stream's poller makes them within a second or so). */
async function noticeOf(caller: ReturnType<typeof looseCaller>, rule: string, region = HOME) {
  const until = Date.now() + 10_000;
  for (;;) {
    const items = (await caller('GET', '/notices')).body.items as { rule: string; subject: object }[];
    const found = items.find((n) => n.rule === rule && JSON.stringify(n.subject) === JSON.stringify({ view: 'months', region, month: MONTH }));
    if (found || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a county month, from 报送 to 确认', () => {
  it('reads an untouched month as open, version 0, counting the month’s records only', async () => {
    await record('visit');
    await record('visit', earlier);
    const withdrawn = await record('visit');
    ok(await admin('DELETE', `/visits/${withdrawn.id}`, undefined, ifMatch(1)));
    const res = await monthOf(HOME, countyStaff);
    ok(res);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body).toMatchObject({ month: MONTH, region: HOME, state: 'open', version: 0, counts: { records: 1, awaitingReview: 1 }, children: [], trail: [] });
    const prefecture = (await monthOf(PREFECTURE, prefectureStaff)).body;
    expect(prefecture.children).toEqual(COUNTIES.map((region) => ({ region, state: 'open' })));
    expect(prefecture.counts.records).toBe(1);
  });

  it('answers the whole month again to a client holding its version: its children and counts move without it', async () => {
    const before = await monthOf(PREFECTURE);
    const etag = before.headers.get('etag')!;
    expect(etag).toBe(`"${before.body.version}"`);
    ok(await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date })), 201);
    const again = await admin('GET', `/months/${MONTH}/${PREFECTURE}`, undefined, { 'if-none-match': etag });
    ok(again);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.body.counts.records).toBe(before.body.counts.records + 1);
  });

  it('lets only the county’s staff submit, with a current If-Match', async () => {
    ok(await head('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(0)), 403);
    ok(await otherCountyStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(0)), 403);
    ok(await prefectureStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(0)), 403);
    ok(await countyStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}), 428);
    ok(await countyStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(3)), 412);
    ok(await countyStaff('GET', `/months/${MONTH}/${OTHER}`), 403);
    const res = await countyStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(0));
    ok(res);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ state: 'submitted', version: 1, trail: [{ action: 'submit', by: '马县干' }] });
    // Submitted again: the state says why not.
    const again = await countyStaff('POST', `/months/${MONTH}/${HOME}/submit`, {}, ifMatch(1));
    ok(again, 409);
    expect(again.body.detail).toContain('已报送');
  });

  it('tells the prefecture’s staff that the month is submitted', async () => {
    expect(await noticeOf(prefectureStaff, 'month.submitted')).toMatchObject({ title: expect.stringContaining('玛沁县'), body: expect.stringContaining('马县干') });
    // Not the county's own staff's: they took the step.
    expect((await countyStaff('GET', '/notices')).body.items.filter((n: { rule: string }) => n.rule === 'month.submitted')).toEqual([]);
  });

  it('refuses every write of a record of the locked month there, and nothing else', async () => {
    const locked = (res: { status: number; body: { type?: string; detail?: string } }) => {
      ok(res, 409);
      expect(res.body.type).toBe('/problems/month-locked');
      expect(res.body.detail).toContain('本月已报送，如需修改请联系果洛藏族自治州工作人员重新打开');
      expect(res.body.detail).toContain('玛沁县');
    };
    locked(await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date })));
    locked(await head('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date })));
    const visit = await liveVisit();
    locked(await admin('PATCH', `/visits/${visit.id}`, SAMPLES.visit.correction, ifMatch(visit.version)));
    locked(await countyStaff('PATCH', `/visits/${visit.id}/review`, { state: 'approved' }, ifMatch(visit.version)));
    locked(await countyStaff('DELETE', `/visits/${visit.id}`, undefined, ifMatch(visit.version)));
    const bulk = await countyStaff('POST', '/visits/review', { state: 'approved', items: [{ id: visit.id, version: visit.version }] });
    ok(bulk);
    expect(bulk.body.results).toEqual([{ id: visit.id, status: 409 }]);
    // Moved in by a correction of its date: refused too; another month, or another county, goes on.
    const before = await record('visit', earlier);
    locked(await admin('PATCH', `/visits/${before.id}`, { date }, ifMatch(1)));
    ok(await admin('PATCH', `/visits/${before.id}`, SAMPLES.visit.correction, ifMatch(1)));
    ok(await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: OTHER, date })), 422); // the head serves HOME only
  });

  it('leaves a suggestion’s answer open (PATCH /suggestions/{id}) in a locked month', async () => {
    const visit = await liveVisit();
    const res = await admin('PATCH', `/suggestions/${visit.suggestions[0].id}`, { status: 'answered', response: '已补充学习资料' }, ifMatch(visit.version));
    ok(res);
  });

  it('returns with a reason, field by field, and unlocks', async () => {
    const missing = await step(prefectureStaff, HOME, 'return');
    ok(missing, 422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    ok(await step(countyStaff, HOME, 'return', { reason: '自己退回' }), 403);
    const res = await step(prefectureStaff, HOME, 'return', { reason: '走访记录不全' });
    ok(res);
    expect(res.body).toMatchObject({ state: 'returned', version: 2 });
    expect(res.body.trail[1]).toMatchObject({ action: 'return', by: '李州干', reason: '走访记录不全' });
    expect(await noticeOf(countyStaff, 'month.returned')).toMatchObject({ body: expect.stringContaining('走访记录不全') });
    ok(await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date })), 201);
  });

  it('signs the prefecture off only after every county is approved, then the province confirms it and its counties', async () => {
    ok(await step(countyStaff, HOME, 'submit'));
    ok(await step(countyStaff, HOME, 'approve'), 403);
    ok(await step(prefectureStaff, HOME, 'approve'));
    expect(await noticeOf(countyStaff, 'month.approved')).toBeDefined();
    const early = await step(prefectureStaff, PREFECTURE, 'submit');
    ok(early, 409);
    expect(early.body.detail).toContain('尚未审核通过');
    for (const county of COUNTIES.slice(1)) {
      ok(await step(staffOf.get(county)!, county, 'submit'));
      ok(await step(prefectureStaff, county, 'approve'));
    }
    ok(await step(prefectureStaff, PREFECTURE, 'submit'));
    ok(await step(prefectureStaff, PREFECTURE, 'approve'), 403);
    ok(await step(provinceStaff, PREFECTURE, 'approve'));
    const confirmed = await step(provinceStaff, PREFECTURE, 'confirm');
    ok(confirmed);
    expect(confirmed.body.state).toBe('confirmed');
    expect(confirmed.body.children).toEqual(COUNTIES.map((region) => ({ region, state: 'confirmed' })));
    expect((await monthOf(HOME)).body.state).toBe('confirmed');
    const listed = await provinceStaff('GET', `/months?region=${HOME}&state=confirmed&from=${MONTH}&to=${MONTH}`);
    ok(listed);
    expect(listed.body.items).toEqual([expect.objectContaining({ month: MONTH, region: HOME, state: 'confirmed' })]);
    expect((await provinceStaff('GET', `/months?region=${HOME}&state=open`)).body.items).toEqual([]);
  });

  it('reopens from the top down, with a reason, and the records unlock', async () => {
    const blocked = await step(prefectureStaff, HOME, 'reopen', { reason: '需更正' });
    ok(blocked, 409);
    expect(blocked.body.detail).toContain('请先重新打开果洛藏族自治州');
    ok(await step(prefectureStaff, PREFECTURE, 'reopen', { reason: '需更正' }), 403);
    ok(await step(provinceStaff, PREFECTURE, 'reopen', { reason: '玛沁县需更正' }));
    const reopened = await step(prefectureStaff, HOME, 'reopen', { reason: '需更正走访人数' });
    ok(reopened);
    expect(reopened.body.state).toBe('open');
    expect(await noticeOf(countyStaff, 'month.reopened')).toMatchObject({ body: expect.stringContaining('需更正走访人数') });
    ok(await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date })), 201);
  });

  it('locks a problem’s facts but not its rectification', async () => {
    const problem = await record('problem');
    ok(await step(countyStaff, HOME, 'submit'));
    const facts = await admin('PATCH', `/problems/${problem.id}`, SAMPLES.problem.correction, ifMatch(1));
    ok(facts, 409);
    const moved = await admin('PATCH', `/problems/${problem.id}`, { status: 'rectifying' }, ifMatch(1));
    ok(moved);
    const done = await admin('PATCH', `/problems/${problem.id}`, { status: 'rectified', ...SAMPLES.problem.statusFields!('rectified', { ministerId: HEAD, countyCode: HOME, date }) }, ifMatch(2));
    ok(done);
    expect(done.body).toMatchObject({ status: 'rectified', version: 3 });
    ok(await countyStaff('PATCH', `/problems/${problem.id}/review`, { state: 'approved' }, ifMatch(3)), 409);
    // 验收销号 is progress too: the level above returns and accepts it in the locked month.
    const returned = await prefectureStaff('POST', `/problems/${problem.id}/acceptance`, { state: 'returned', reason: '整改照片不清楚' }, ifMatch(3));
    ok(returned);
    expect(returned.body).toMatchObject({ status: 'rectifying', acceptance: { state: 'returned' } });
    const again = await admin('PATCH', `/problems/${problem.id}`, { status: 'rectified', ...SAMPLES.problem.statusFields!('rectified', { ministerId: HEAD, countyCode: HOME, date }) }, ifMatch(4));
    ok(again);
    const accepted = await prefectureStaff('POST', `/problems/${problem.id}/acceptance`, { state: 'accepted' }, ifMatch(5));
    ok(accepted);
    expect(accepted.body).toMatchObject({ status: 'rectified', acceptance: { state: 'accepted' } });
  });

  it('refuses a step no one may take in the state: the province submits nothing, a county is not confirmed alone', async () => {
    const province = await step(provinceStaff, '630000', 'submit');
    ok(province, 409);
    expect(province.body.detail).toContain('省级月度不报送');
    const county = await step(provinceStaff, OTHER, 'confirm');
    ok(county, 409);
    const stale = await provinceStaff('POST', `/months/${MONTH}/${PREFECTURE}/confirm`, {}, ifMatch(1));
    ok(stale, 412);
  });
});
