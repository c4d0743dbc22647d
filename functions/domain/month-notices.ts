import { MONTH_ACTIONS, type MonthAction } from '#schemas/month-words.ts';
import { NOTICE_RULES, type NoticeRule } from '#schemas/notices.ts';
import { findRegion, parentOf } from '#schemas/regions.ts';
import type { MonthStepEntry } from '#functions/ports/months.ts';
import type { NewNotice } from './notices.ts';

/** Who hears of a step: the parent's staff of a submit, the region's own staff of a return, an approval, a reopening. */
const NOTIFIED: Partial<Record<MonthAction, { rule: NoticeRule; to: 'parent' | 'region' }>> = {
  submit: { rule: 'month.submitted', to: 'parent' },
  return: { rule: 'month.returned', to: 'region' },
  approve: { rule: 'month.approved', to: 'region' },
  reopen: { rule: 'month.reopened', to: 'region' },
};

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const ASKS: Partial<Record<MonthAction, string>> = { submit: '请审核。', return: '请核对修改后重新报送。', reopen: '请核对修改后重新报送。' };

/**
 * The notice a step of the monthly close makes (a confirm makes none: no rule names it), to the staff
 * of one region, its period the month's version: the same step seen again makes nothing new, a month
 * returned twice is told twice.
 */
export function monthStepNotices(step: MonthStepEntry, createdAt: string): NewNotice[] {
  const notified = NOTIFIED[step.action];
  const to = notified?.to === 'parent' ? parentOf(step.region)?.code : step.region;
  if (!notified || !to) return [];
  const name = findRegion(step.region)?.name ?? step.region;
  return [{
    to: { region: to },
    rule: notified.rule,
    subject: { view: 'months', region: step.region, month: step.month },
    period: `v${step.version}`,
    title: `${name}${monthWords(step.month)}${NOTICE_RULES[notified.rule].replace('月度', '月度报送')}`,
    body: `${MONTH_ACTIONS[step.action]}人：${step.by}。${step.reason ? `理由：${step.reason}。` : ''}${ASKS[step.action] ?? ''}`,
    createdAt,
  }];
}
