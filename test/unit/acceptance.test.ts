import { describe, expect, it } from 'vitest';
import { acceptanceDecisionSchema, acceptanceStateOf, acceptingRegionOf } from '#schemas/acceptance.ts';
import { type Problem, problemKind } from '#schemas/kinds/problem.ts';
import { acceptanceNotices } from '#functions/domain/acceptance-notices.ts';
import { assertMayAccept } from '#functions/auth/policy.ts';
import { membershipsOf } from '#functions/repositories/state-lists.ts';
import { workListOf } from '#functions/use-cases/records/work-lists.ts';
import type { Caller } from '#functions/auth/caller.ts';

const AT = '2026-12-07T02:00:00.000Z';
const ID = '0b7a3c1e-5d2f-4a8b-9c6d-1e2f3a4b5c6d';
const problem = (over: Partial<Problem> = {}): Problem => ({
  id: ID, ministerId: 'm-1', branch: { countyCode: '632621', type: 'village', name: '东关村党支部' }, description: '记录不全', category: 'other',
  foundBy: { source: 'other' }, foundOn: '2026-11-01', responsible: { unit: '村党支部' }, deadline: '2026-12-31', attachments: [],
  status: 'rectifying', review: { state: 'received' }, version: 1, createdAt: AT, updatedAt: AT, ...over,
});
const rectified = (acceptance?: Problem['acceptance']) => problem({ status: 'rectified', evidence: '已整改', rectifiedOn: '2026-12-01', ...(acceptance ? { acceptance } : {}) });
const plan = async (next: Problem, previous?: Problem) => (await problemKind.plan(next, { previous, now: AT, holderOf: async () => undefined, read: async () => undefined })).record;

describe('验收销号: who accepts', () => {
  it('is the level above the problem\'s place: a county\'s prefecture, the province for a prefecture and for itself', () => {
    expect(acceptingRegionOf('632621')).toBe('632600');
    expect(acceptingRegionOf('632600')).toBe('630000');
    expect(acceptingRegionOf('630000')).toBe('630000');
  });

  it('lets the staff of exactly that region and admins decide, no one else', () => {
    const caller = (role: Caller['role'], region: string): Caller => ({ sub: 'x', role, region });
    expect(() => assertMayAccept(caller('staff', '632600'), '632621')).not.toThrow();
    expect(() => assertMayAccept(caller('admin', '630000'), '632621')).not.toThrow();
    for (const who of [caller('staff', '632621'), caller('staff', '630000'), caller('staff', '632500'), caller('submitter', '632600')]) {
      expect(() => assertMayAccept(who, '632621'), `${who.role} ${who.region}`).toThrow(expect.objectContaining({ status: 403 }));
    }
  });

  it('asks a reason of a return only', () => {
    expect(acceptanceDecisionSchema().safeParse({ state: 'accepted' }).success).toBe(true);
    expect(acceptanceDecisionSchema().safeParse({ state: 'returned' }).success).toBe(false);
    expect(acceptanceDecisionSchema().safeParse({ state: 'returned', reason: '佐证不足' }).success).toBe(true);
    expect(acceptanceDecisionSchema().safeParse({ state: 'waiting' }).success).toBe(false);
  });
});

describe('a problem\'s acceptance', () => {
  it('waits from the moment it is rectified (reported so, or moved there), and keeps its state while it stays rectified', async () => {
    expect((await plan(rectified())).acceptance).toEqual({ state: 'waiting' });
    expect((await plan(rectified(), problem())).acceptance).toEqual({ state: 'waiting' });
    const returned = problem({ acceptance: { state: 'returned', by: 's', at: AT, reason: '不足' } });
    expect((await plan(rectified({ state: 'returned', by: 's', at: AT, reason: '不足' }), returned)).acceptance).toEqual({ state: 'waiting' });
    expect((await plan(rectified({ state: 'accepted', by: 's', at: AT }), rectified({ state: 'waiting' }))).acceptance?.state).toBe('accepted');
    expect((await plan(problem())).acceptance).toBeUndefined();
  });

  it('reads a rectified problem stored before 验收 as waiting', () => {
    expect(acceptanceStateOf(rectified())).toBe('waiting');
    expect(acceptanceStateOf(rectified({ state: 'accepted' }))).toBe('accepted');
    expect(acceptanceStateOf(problem({ acceptance: { state: 'returned' } }))).toBeUndefined();
  });

  it('counts an accepted problem as rectified and accepted, a waiting one as rectified only', () => {
    expect(problemKind.count(rectified({ state: 'waiting' }))?.sums).toEqual({ problemsRectified: 1 });
    expect(problemKind.count(rectified({ state: 'accepted' }))?.sums).toEqual({ problemsRectified: 1, problemsAccepted: 1 });
  });

  it('refuses a correction of an accepted problem (409), not of a waiting one', () => {
    expect(() => problemKind.merge(rectified({ state: 'accepted' }), { description: '改' })).toThrow(expect.objectContaining({ status: 409 }));
    expect(problemKind.merge(rectified({ state: 'waiting' }), { description: '改' }).description).toBe('改');
  });

  it('sits in the ledger\'s 待验收 or 已销号 list, which light=waiting and light=accepted read', () => {
    expect(membershipsOf(problemKind, rectified()).map((m) => m.list)).toEqual(['review', 'rectified']);
    expect(membershipsOf(problemKind, rectified({ state: 'accepted' })).map((m) => m.list)).toEqual(['review', 'accepted']);
    const query = (light: string) => ({ light, limit: 20 });
    expect(workListOf(problemKind, query('waiting'), '2026-12-07')?.list).toBe('rectified');
    expect(workListOf(problemKind, query('accepted'), '2026-12-07')?.list).toBe('accepted');
    // Both lights at once: read from the region index, filtered.
    expect(workListOf(problemKind, query('grey'), '2026-12-07')).toBeUndefined();
  });
});

describe('the 验收 notices', () => {
  it('ask the accepting region\'s staff when a problem becomes rectified, once per version', () => {
    const notices = acceptanceNotices(problemKind, { version: 2, byName: '赵六', before: problem(), after: rectified({ state: 'waiting' }) }, AT);
    expect(notices).toMatchObject([{ to: { region: '632600' }, rule: 'problem.acceptance_waiting', subject: { kind: 'problem', id: ID }, period: 'v2' }]);
    expect(acceptanceNotices(problemKind, { version: 1, before: null, after: rectified({ state: 'waiting' }) }, AT)).toHaveLength(1);
    // Still rectified (a correction of its evidence), accepted, withdrawn: nothing.
    expect(acceptanceNotices(problemKind, { version: 3, before: rectified(), after: rectified({ state: 'waiting' }) }, AT)).toEqual([]);
    expect(acceptanceNotices(problemKind, { version: 3, before: rectified(), after: rectified({ state: 'accepted' }) }, AT)).toEqual([]);
    expect(acceptanceNotices(problemKind, { version: 3, before: problem(), after: { ...rectified(), status: 'withdrawn' } }, AT)).toEqual([]);
  });

  it('tell the head of a return, with its reason', () => {
    const after = problem({ version: 3, acceptance: { state: 'returned', by: 's', at: AT, reason: '佐证不足' } });
    const [notice] = acceptanceNotices(problemKind, { version: 3, byName: '钱七', before: rectified({ state: 'waiting' }), after }, AT);
    expect(notice).toMatchObject({ to: { head: 'm-1' }, rule: 'problem.acceptance_returned', period: 'v3' });
    expect(notice.body).toContain('佐证不足');
    expect(notice.body).toContain('钱七');
    // A correction of a returned problem still being rectified says nothing again.
    const corrected: Problem = { ...after, description: '改', version: 4 };
    expect(acceptanceNotices(problemKind, { version: 4, before: after, after: corrected }, AT)).toEqual([]);
  });
});

describe('the desk', () => {
  it('lists the problems waiting for the person\'s 验收 among 待我处理, leading to 灰·待验收', async () => {
    const { toDoOf } = await import('#web/src/desk/to-do.ts');
    const items = toDoOf({ awaitingReview: 3, acceptanceWaiting: 2, red: 1, yellow: 0, pendingSuggestions: 0, unread: 0 });
    expect(items.map((i) => [i.key, i.count, i.href])).toEqual([
      ['awaitingReview', 3, '#/queue'], ['acceptanceWaiting', 2, '#/problems?light=waiting'], ['red', 1, '#/problems?light=red'],
    ]);
  });

  it('splits the grey light by 验收, a rectified problem stored before it waiting', async () => {
    const { countGreyParts, greyPartOf } = await import('#web/src/desk/lights.ts');
    const grey = [{ status: 'rectified', deadline: '2026-12-01' }, { status: 'rectified', deadline: '2026-12-01', acceptance: { state: 'accepted' as const } }];
    expect(grey.map(greyPartOf)).toEqual(['waiting', 'accepted']);
    expect(countGreyParts([...grey, { status: 'open', deadline: '2026-12-01' }, { status: 'withdrawn', deadline: '2026-12-01' }])).toEqual({ waiting: 1, accepted: 1 });
  });
});
