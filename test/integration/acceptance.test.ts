import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as decisions } from '#functions/handlers/notices/decisions.ts';
import { pollTableStream, type TableStreamPoller } from '#local/table-stream.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * 验收销号 through the API, each role in turn: a problem rectified by its head waits; the staff of its
 * county's prefecture return it (a reason, back to 整改中) or accept it (销号); everyone else is refused;
 * the ledger's lists and counts split 待验收 from 已销号; the notices reach who they concern.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
let poller: TableStreamPoller;
const COUNTY = '632621';
const PREFECTURE = '632600';
const HEAD = 'm-accept-1';

beforeAll(async () => {
  stack = await startTestApi({ stream: true });
  poller = await pollTableStream({
    endpoint: inject('dynamodbEndpoint'), tableName: stack.tableName, intervalMs: 300, log: (line) => console.error(line),
    onRecords: async (records) => {
      await decisions({ Records: records }, lambdaContext('notices-decisions', 60_000));
    },
  });
  expect((await api(stack.url)('PUT', `/ministers/${HEAD}`, { name: '赵六', level: 'county', regionCode: COUNTY })).status).toBe(201);
});
afterAll(async () => {
  await poller?.stop();
  await stack?.close();
});

const as = (who: Parameters<typeof tokenFor>[0]) => api(stack.url, tokenFor(who));
const head = () => as({ sub: 'head-accept', role: 'submitter', region: COUNTY, ministerId: HEAD });
const countyStaff = () => as({ sub: 'staff-county', role: 'staff', region: COUNTY });
const prefectureStaff = () => as({ sub: 'staff-prefecture', role: 'staff', region: PREFECTURE, name: '钱七' });
const provinceStaff = () => as({ sub: 'staff-province', role: 'staff', region: '630000' });
const otherPrefectureStaff = () => as({ sub: 'staff-other', role: 'staff', region: '632500' });
const reporter = () => as({ sub: 'reporter-1', role: 'reporter', region: '630000' });

const rectifiedFields = () => ({ status: 'rectified', evidence: '已补齐会议记录', rectifiedOn: daysAgo(1) });
const accept = (id: string, body: object, headers: Record<string, string> = {}, who = prefectureStaff) => who()<Body>('POST', `/problems/${id}/acceptance`, body, headers);

async function reportProblem(status: 'rectifying' | 'rectified'): Promise<Body> {
  const body = { ...SAMPLES.problem.valid({ ministerId: HEAD, countyCode: COUNTY, date: daysAgo(10) }), deadline: daysAgo(-20), status, ...(status === 'rectified' ? { evidence: '当场整改', rectifiedOn: daysAgo(5) } : {}) };
  const created = await head()<Body>('POST', '/problems', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function noticesOf(who: () => ReturnType<typeof api>, rule: string, count: number): Promise<Body[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const items = ((await who()<Body>('GET', '/notices')).body.items as Body[]).filter((n) => n.rule === rule);
    if (items.length >= count || Date.now() > until) return items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('验收销号', () => {
  it('walks a problem from 整改中 to 已整改 (waiting), 退回 with a reason, 已整改 again, and 销号, refusing everyone else', async () => {
    const problem = await reportProblem('rectifying');
    expect(problem.acceptance).toBeUndefined();
    const rectified = await head()<Body>('PATCH', `/problems/${problem.id}`, rectifiedFields(), ifMatch(1));
    expect(rectified.status, JSON.stringify(rectified.body)).toBe(200);
    expect(rectified.body.acceptance).toEqual({ state: 'waiting' });

    // Only the staff of the prefecture (and admins) decide: the county's own staff, the province's, a head, a reporter may not.
    for (const who of [countyStaff, provinceStaff]) expect((await accept(problem.id, { state: 'accepted' }, ifMatch(2), who)).status).toBe(403);
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(2), head)).status).toBe(403);
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(2), reporter)).status).toBe(403);
    // Staff of another prefecture do not see it at all.
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(2), otherPrefectureStaff)).status).toBe(404);
    // The writes' preconditions: no If-Match, a stale one; a return needs a reason.
    expect((await accept(problem.id, { state: 'accepted' })).status).toBe(428);
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(1))).status).toBe(412);
    const noReason = await accept(problem.id, { state: 'returned' }, ifMatch(2));
    expect(noReason.status).toBe(422);

    const returned = await accept(problem.id, { state: 'returned', reason: '整改佐证不足，请补充会议记录照片' }, ifMatch(2));
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'rectifying', version: 3, acceptance: { state: 'returned', by: 'staff-prefecture', reason: '整改佐证不足，请补充会议记录照片' } });
    expect(returned.body.rectifiedOn).toBeUndefined();
    expect(returned.headers.get('etag')).toBe('"3"');
    // Nothing waits now: 销号 of a problem being rectified is a conflict.
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(3))).status).toBe(409);

    const again = await head()<Body>('PATCH', `/problems/${problem.id}`, rectifiedFields(), ifMatch(3));
    expect(again.body.acceptance).toEqual({ state: 'waiting' });
    const accepted = await accept(problem.id, { state: 'accepted' }, ifMatch(4));
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'rectified', version: 5, acceptance: { state: 'accepted', by: 'staff-prefecture' } });

    // 已销号 is final: no second 销号, no correction by its head or staff; withdrawing stays staff's.
    expect((await accept(problem.id, { state: 'accepted' }, ifMatch(5))).status).toBe(409);
    expect((await head()<Body>('PATCH', `/problems/${problem.id}`, SAMPLES.problem.correction, ifMatch(5))).status).toBe(409);
    expect((await countyStaff()<Body>('PATCH', `/problems/${problem.id}`, SAMPLES.problem.correction, ifMatch(5))).status).toBe(409);

    const history = await prefectureStaff()<Body>('GET', `/problems/${problem.id}/history`);
    expect(history.body.items.map((c: Body) => [c.action, c.by])).toEqual([
      ['create', 'head-accept'], ['correct', 'head-accept'], ['return', 'staff-prefecture'], ['correct', 'head-accept'], ['accept', 'staff-prefecture'],
    ]);
    expect(history.body.items[2].after.acceptance.reason).toBe('整改佐证不足，请补充会议记录照片');

    // The prefecture's staff were asked twice (once per 已整改), the head told of the return once, with its reason.
    const waiting = await noticesOf(prefectureStaff, 'problem.acceptance_waiting', 2);
    expect(waiting.filter((n) => n.subject.id === problem.id)).toHaveLength(2);
    const told = await noticesOf(head, 'problem.acceptance_returned', 1);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ subject: { kind: 'problem', id: problem.id } });
    expect(told[0].body).toContain('整改佐证不足');
    // The county's staff are not the accepting region: nothing for them.
    expect(((await countyStaff()<Body>('GET', '/notices')).body.items as Body[]).filter((n) => n.rule.startsWith('problem.acceptance'))).toEqual([]);
  });

  it('a problem reported already rectified waits too; an admin may accept it, and may return an accepted one', async () => {
    const problem = await reportProblem('rectified');
    expect(problem.acceptance).toEqual({ state: 'waiting' });
    const admin = api(stack.url);
    const accepted = await admin<Body>('POST', `/problems/${problem.id}/acceptance`, { state: 'accepted' }, ifMatch(1));
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const taken = await accept(problem.id, { state: 'returned', reason: '复查发现问题反弹' }, ifMatch(2));
    expect(taken.body).toMatchObject({ status: 'rectifying', acceptance: { state: 'returned' } });
  });

  it('the ledger lists and counts 待验收 and 已销号 apart, and grey as both', async () => {
    const waiting = await reportProblem('rectified');
    const closed = await reportProblem('rectified');
    expect((await accept(closed.id, { state: 'accepted' }, ifMatch(1))).status).toBe(200);
    const ids = async (light: string) => ((await prefectureStaff()<Body>('GET', `/problems?light=${light}&limit=100`)).body.items as Body[]).map((p) => p.id);
    const waitingIds = await ids('waiting');
    const acceptedIds = await ids('accepted');
    const greyIds = await ids('grey');
    expect(waitingIds).toContain(waiting.id);
    expect(waitingIds).not.toContain(closed.id);
    expect(acceptedIds).toContain(closed.id);
    expect(acceptedIds).not.toContain(waiting.id);
    expect(new Set(greyIds)).toEqual(new Set([...waitingIds, ...acceptedIds]));
    // From the county's staff's region too (a list scoped to the county), as from the prefecture's.
    expect((await countyStaff()<Body>('GET', '/problems?light=accepted')).body.items.map((p: Body) => p.id)).toContain(closed.id);

    const counts = (await prefectureStaff()<Body>('GET', '/work-counts')).body;
    expect(counts.problems.waiting).toBe(waitingIds.length);
    expect(counts.problems.accepted).toBe(acceptedIds.length);
    expect(counts.problems.grey).toBe(greyIds.length);
    expect(counts.children.find((c: Body) => c.region.code === COUNTY).problems).toMatchObject({ waiting: waitingIds.length, accepted: acceptedIds.length });
  });
});
