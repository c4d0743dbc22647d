import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TIMED_RULE_DEFAULTS } from '#schemas/notices.ts';
import { addDays } from '#schemas/time.ts';
import { addresseeKey, noticeId } from '#functions/domain/notices.ts';
import { noVisitNotices, type OpenProblem, problemNotices, reviewWaitingNotices, type RuleSettings, suggestionNotices } from '#functions/domain/timed-notices.ts';

const DEFAULTS: RuleSettings = TIMED_RULE_DEFAULTS;
const AT = '2026-12-07T00:30:00.000Z';
const TODAY = '2026-12-07';
const problem = (deadline: string): OpenProblem => ({ id: 'p-1', ministerId: 'm-1', region: '632621', deadline, title: '村道破损' });
const sent = (notices: { to: Parameters<typeof addresseeKey>[0]; rule: string }[]) => notices.map((n) => `${n.rule} → ${addresseeKey(n.to)}`);

describe('problems', () => {
  it('due within 10 days (the deadline day still in time): the head and the county\'s staff', () => {
    expect(sent(problemNotices(problem(addDays(TODAY, 10)), TODAY, DEFAULTS, AT))).toEqual(['problem.due_soon → head:m-1', 'problem.due_soon → region:632621']);
    expect(sent(problemNotices(problem(TODAY), TODAY, DEFAULTS, AT))).toEqual(['problem.due_soon → head:m-1', 'problem.due_soon → region:632621']);
    expect(problemNotices(problem(addDays(TODAY, 11)), TODAY, DEFAULTS, AT)).toEqual([]);
  });

  it('overdue: the head and the county; red 7 days: also the prefecture; 30 days: also the province', () => {
    expect(sent(problemNotices(problem(addDays(TODAY, -1)), TODAY, DEFAULTS, AT))).toEqual(['problem.overdue → head:m-1', 'problem.overdue → region:632621']);
    expect(sent(problemNotices(problem(addDays(TODAY, -7)), TODAY, DEFAULTS, AT))).toContain('problem.escalated → region:632600');
    expect(sent(problemNotices(problem(addDays(TODAY, -29)), TODAY, DEFAULTS, AT))).not.toContain('problem.escalated → region:630000');
    expect(sent(problemNotices(problem(addDays(TODAY, -30)), TODAY, DEFAULTS, AT))).toEqual([
      'problem.overdue → head:m-1', 'problem.overdue → region:632621', 'problem.escalated → region:632600', 'problem.escalated → region:630000',
    ]);
  });

  it('follows the thresholds admins set, and a rule turned off sends nothing', () => {
    const settings = { ...DEFAULTS, 'problem.due_soon': { days: 3, enabled: true }, 'problem.overdue': { enabled: false } };
    expect(problemNotices(problem(addDays(TODAY, 4)), TODAY, settings, AT)).toEqual([]);
    expect(problemNotices(problem(addDays(TODAY, 3)), TODAY, settings, AT)[0].title).toBe('黄灯 3 日内到期 · 村道破损');
    expect(sent(problemNotices(problem(addDays(TODAY, -1)), TODAY, settings, AT))).toEqual([]);
  });

  it('makes one notice per addressee and stage however many days it is run (ids from the deadline, not the day)', () => {
    fc.assert(fc.property(fc.integer({ min: -60, max: 20 }), fc.integer({ min: 0, max: 60 }), (offset, later) => {
      const deadline = addDays(TODAY, offset);
      const ids = (day: string) => new Map(problemNotices(problem(deadline), day, DEFAULTS, AT).map((n) => [`${n.rule}|${addresseeKey(n.to)}|${n.period}`, noticeId(n)]));
      const first = ids(TODAY);
      const second = ids(addDays(TODAY, later));
      for (const [cause, id] of first) if (second.has(cause)) expect(second.get(cause)).toBe(id);
      // The same day run twice: the same notices.
      expect([...ids(TODAY)]).toEqual([...first]);
    }));
  });
});

describe('suggestions, reviews, visits', () => {
  const visit = { visitId: 'v-1', ministerId: 'm-1', headRegion: '632600', pending: 2, title: '东关村党支部 · 2026-11-01' };
  it('suggestions pending 15 days: the head; 30 days: also the staff of the head\'s region', () => {
    expect(suggestionNotices({ ...visit, date: addDays(TODAY, -14) }, TODAY, DEFAULTS, AT)).toEqual([]);
    expect(sent(suggestionNotices({ ...visit, date: addDays(TODAY, -15) }, TODAY, DEFAULTS, AT))).toEqual(['suggestion.waiting → head:m-1']);
    expect(sent(suggestionNotices({ ...visit, date: addDays(TODAY, -30) }, TODAY, DEFAULTS, AT))).toEqual(['suggestion.waiting → head:m-1', 'suggestion.waiting → region:632600']);
  });

  it('records awaiting review: one notice a day per region with its count, none for a region with none', () => {
    const notices = reviewWaitingNotices(new Map([['632621', 5], ['632622', 0]]), TODAY, DEFAULTS, AT);
    expect(notices.map((n) => [addresseeKey(n.to), n.title, n.period])).toEqual([['region:632621', '5 条记录待审核超过 3 日', TODAY]]);
    const tomorrow = reviewWaitingNotices(new Map([['632621', 5]]), addDays(TODAY, 1), DEFAULTS, AT);
    expect(noticeId(tomorrow[0])).not.toBe(noticeId(notices[0]));
  });

  it('no visit this month: from the 20th, once a month', () => {
    expect(noVisitNotices(['m-1'], '2026-12-19', DEFAULTS, AT)).toEqual([]);
    const [on20th] = noVisitNotices(['m-1'], '2026-12-20', DEFAULTS, AT);
    const [on28th] = noVisitNotices(['m-1'], '2026-12-28', DEFAULTS, AT);
    expect(noticeId(on20th)).toBe(noticeId(on28th));
    expect(on20th).toMatchObject({ to: { head: 'm-1' }, rule: 'visit.none_this_month', period: '2026-12' });
  });
});

describe('contact branches', () => {
  it('unvisited this year: from 1 October, one notice per branch and year', async () => {
    const { contactNotices } = await import('#functions/domain/timed-notices.ts');
    const branch = [{ id: 'b-1', name: '东关村党支部' }];
    expect(contactNotices('m-1', branch, '2026-09-30', DEFAULTS, AT)).toEqual([]);
    const [october] = contactNotices('m-1', branch, '2026-10-01', DEFAULTS, AT);
    const [december] = contactNotices('m-1', branch, '2026-12-31', DEFAULTS, AT);
    expect(october).toMatchObject({ to: { head: 'm-1' }, rule: 'contact.unvisited', subject: { kind: 'branch', id: 'b-1' }, period: '2026' });
    expect(noticeId(october)).toBe(noticeId(december));
    expect(noticeId(contactNotices('m-1', branch, '2027-10-01', DEFAULTS, AT)[0])).not.toBe(noticeId(october));
  });
});
