import { type NoticeRuleSetting, type NoticeRules, TIMED_RULE_DEFAULTS, type TimedRule } from '#schemas/notices.ts';
import type { NoticeDeps } from '../deps.ts';

/** Each time-based rule as it applies: the defaults, with what admins put over them. */
export async function readNoticeRules(deps: Pick<NoticeDeps, 'notices'>): Promise<NoticeRules> {
  const stored = new Map((await deps.notices.rules()).map((r) => [r.rule, r]));
  const rules = (Object.keys(TIMED_RULE_DEFAULTS) as TimedRule[]).map((rule): NoticeRuleSetting => ({ rule, ...TIMED_RULE_DEFAULTS[rule], ...stored.get(rule) }));
  return { rules };
}

/**
 * Admins set the rules:
 * 1. each rule put replaces its setting (a rule left out keeps its own);
 * 2. answers every rule as it now applies.
 */
export async function putNoticeRules(deps: NoticeDeps, put: NoticeRules): Promise<NoticeRules> {
  const stored = new Map((await deps.notices.rules()).map((r) => [r.rule, r]));
  for (const setting of put.rules) stored.set(setting.rule, setting);
  await deps.notices.putRules([...stored.values()], deps.clock.now().toISOString());
  return readNoticeRules(deps);
}
