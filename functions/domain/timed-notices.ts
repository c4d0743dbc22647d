import type { NoticeRuleSetting, TimedRule } from '#schemas/notices.ts';
import { PROVINCE_CODE, parentOf } from '#schemas/regions.ts';
import { addDays } from '#schemas/time.ts';
import type { Addressee, NewNotice } from './notices.ts';

/**
 * The time-based rules, run once a day for `today` (a Beijing date) over what stands now: a condition
 * cleared before the run (a problem rectified, a suggestion answered) is not in what is read, so it
 * sends nothing. Each notice's period makes the same condition one notice however often the day runs:
 * a problem's deadline, a suggestion's visit date and stage, a day's review count, a month, a year.
 */
export type RuleSettings = Readonly<Record<TimedRule, Omit<NoticeRuleSetting, 'rule'>>>;

/** A problem not rectified, as the rules read it. */
export interface OpenProblem {
  id: string;
  ministerId: string;
  /** Its place (regionOf): the county whose staff follow it. */
  region: string;
  deadline: string;
  title: string;
}

/** A visit with suggestions waiting for an answer (待答复). */
export interface WaitingSuggestions {
  visitId: string;
  ministerId: string;
  /** The head's own region (its staff are told at the wider stage). */
  headRegion: string;
  date: string;
  pending: number;
  title: string;
}

type Made = Omit<NewNotice, 'createdAt'>;
const stamp = (createdAt: string) => (made: Made[]): NewNotice[] => made.map((n) => ({ ...n, createdAt }));
const days = (settings: RuleSettings, rule: TimedRule, fallback: number) => settings[rule].days ?? fallback;

/** 黄灯 due within N days, 红灯 overdue: the head and the county's staff; red N days: the level above; M days: the province. */
export function problemNotices(problem: OpenProblem, today: string, settings: RuleSettings, createdAt: string): NewNotice[] {
  const subject = { kind: 'problem', id: problem.id };
  const made: Made[] = [];
  const both: Addressee[] = [{ head: problem.ministerId }, { region: problem.region }];
  const tell = (rule: TimedRule, to: Addressee[], period: string, title: string, body: string) =>
    made.push(...to.map((addressee) => ({ to: addressee, rule, subject, period, title, body })));
  const overdue = problem.deadline < today;
  const soon = days(settings, 'problem.due_soon', 10);
  if (!overdue && settings['problem.due_soon'].enabled && problem.deadline <= addDays(today, soon)) {
    tell('problem.due_soon', both, problem.deadline, `黄灯 ${soon} 日内到期 · ${problem.title}`, `整改期限 ${problem.deadline}，请按期完成整改。`);
  }
  if (overdue && settings['problem.overdue'].enabled) {
    tell('problem.overdue', both, problem.deadline, `红灯 逾期 · ${problem.title}`, `整改期限 ${problem.deadline} 已过，尚未整改完成。`);
  }
  const escalation = settings['problem.escalated'];
  if (overdue && escalation.enabled) {
    const above = parentOf(problem.region)?.code;
    const first = escalation.days ?? 7;
    const wider = escalation.widerDays ?? 30;
    const body = `整改期限 ${problem.deadline} 已过 {n} 日，尚未整改完成，请督促。`;
    if (above && problem.deadline <= addDays(today, -first)) {
      tell('problem.escalated', [{ region: above }], `${first}d:${problem.deadline}`, `催办 · ${problem.title}`, body.replace('{n}', String(first)));
    }
    if (above !== PROVINCE_CODE && problem.region !== PROVINCE_CODE && problem.deadline <= addDays(today, -wider)) {
      tell('problem.escalated', [{ region: PROVINCE_CODE }], `${wider}d:${problem.deadline}`, `催办 · ${problem.title}`, body.replace('{n}', String(wider)));
    }
  }
  return stamp(createdAt)(made);
}

/** Suggestions pending N days: the head; M days: also the staff of the head's region. */
export function suggestionNotices(visit: WaitingSuggestions, today: string, settings: RuleSettings, createdAt: string): NewNotice[] {
  const rule = settings['suggestion.waiting'];
  if (!rule.enabled) return [];
  const subject = { kind: 'visit', id: visit.visitId };
  const made: Made[] = [];
  const first = rule.days ?? 15;
  const wider = rule.widerDays ?? 30;
  const text = (n: number) => ({ title: `意见建议待答复 · ${visit.title}`, body: `${visit.pending} 条意见建议收集已超过 ${n} 日，尚未答复。` });
  if (visit.date <= addDays(today, -first)) made.push({ to: { head: visit.ministerId }, rule: 'suggestion.waiting', subject, period: `${first}d:${visit.date}`, ...text(first) });
  if (visit.date <= addDays(today, -wider)) made.push({ to: { region: visit.headRegion }, rule: 'suggestion.waiting', subject, period: `${wider}d:${visit.date}`, ...text(wider) });
  return stamp(createdAt)(made);
}

/** Records awaiting review over N days, one notice a day per region with the count, to its staff. */
export function reviewWaitingNotices(waiting: ReadonlyMap<string, number>, today: string, settings: RuleSettings, createdAt: string): NewNotice[] {
  const rule = settings['review.waiting'];
  if (!rule.enabled) return [];
  const n = rule.days ?? 3;
  return [...waiting].filter(([, count]) => count > 0).map(([region, count]) => ({
    to: { region }, rule: 'review.waiting', subject: { view: 'review', region }, period: today,
    title: `${count} 条记录待审核超过 ${n} 日`, body: `本地区有 ${count} 条记录报送已超过 ${n} 日，尚未审核。`, createdAt,
  }));
}

/** The day of the month from which the heads without a visit this month are told (the 20th), once a month. */
export function noVisitNotices(heads: readonly string[], today: string, settings: RuleSettings, createdAt: string): NewNotice[] {
  const rule = settings['visit.none_this_month'];
  if (!rule.enabled || Number(today.slice(8, 10)) < (rule.days ?? 20)) return [];
  const month = today.slice(0, 7);
  return heads.map((head) => ({
    to: { head }, rule: 'visit.none_this_month', subject: { view: 'visits', month }, period: month,
    title: `${month} 尚无走访记录`, body: `本月至今没有走访记录，请按要求开展下基层走访并及时填报。`, createdAt,
  }));
}

/** Whether the monthly rule reads anything today (it needs every head's visits of the month). */
export const noVisitDue = (today: string, settings: RuleSettings): boolean =>
  settings['visit.none_this_month'].enabled && Number(today.slice(8, 10)) >= (settings['visit.none_this_month'].days ?? 20);

/** The review rule's cut: records received on or before this day have waited over N days. */
export const reviewCutoff = (today: string, settings: RuleSettings): string => addDays(today, -(settings['review.waiting'].days ?? 3));

/** From 1 October, the rule reads each head's contact branches (联系点) against the year's visits. */
export const contactDue = (today: string, settings: RuleSettings): boolean => settings['contact.unvisited'].enabled && today.slice(5) >= '10-01';

/** A head's contact branches not visited this year, by 1 October: one notice per branch and year, to the head. */
export function contactNotices(head: string, unvisited: readonly { id: string; name: string }[], today: string, settings: RuleSettings, createdAt: string): NewNotice[] {
  if (!contactDue(today, settings)) return [];
  const year = today.slice(0, 4);
  return unvisited.map((branch) => ({
    to: { head }, rule: 'contact.unvisited', subject: { kind: 'branch', id: branch.id }, period: year,
    title: `联系点本年未走访 · ${branch.name}`, body: `联系点 ${branch.name} ${year} 年尚无走访记录，请在年内安排走访。`, createdAt,
  }));
}
