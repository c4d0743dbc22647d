import { type FormRecord, REVIEW_STATES, reviewStateOf } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { titleOf } from '#schemas/kind.ts';
import { isConfirmedDuplicate } from '#schemas/duplicate.ts';
import type { NoticeRule } from '#schemas/notices.ts';
import type { NewNotice } from './notices.ts';

/** One change of a record as its trail keeps it: the version it made, and the record before and after. */
export interface DecidedChange {
  version: number;
  byName?: string;
  before: FormRecord | null;
  after: FormRecord;
}

const duplicateOf = (record: FormRecord | null): unknown => (record && 'duplicateOf' in record ? record.duplicateOf : undefined);

/**
 * The decision rules a change meets, read from the change alone (what it was, what it is):
 * - review moved to 已退回 (rejected): `record.returned`, or `record.duplicate_confirmed` when the
 *   record is a repeat (确认为重复: a flagged duplicate rejected);
 * - review moved to 有问题 (has_issues): `record.flagged`;
 * - the record became a suspected duplicate (疑似重复) while undecided: `record.suspected_duplicate`.
 * A change that stays in a state (a correction of a returned record) meets none.
 */
export function decisionRules(change: DecidedChange): NoticeRule[] {
  const { before, after } = change;
  if (after.status === 'withdrawn') return [];
  const was = before ? reviewStateOf(before) : undefined;
  const is = reviewStateOf(after);
  const rules: NoticeRule[] = [];
  if (is !== was && is === 'rejected') rules.push(isConfirmedDuplicate(after) ? 'record.duplicate_confirmed' : 'record.returned');
  if (is !== was && is === 'has_issues') rules.push('record.flagged');
  if (duplicateOf(after) !== undefined && duplicateOf(before) === undefined && (is === 'received' || is === 'has_issues')) rules.push('record.suspected_duplicate');
  return rules;
}

const BODIES: Record<string, (comment: string) => string> = {
  'record.returned': (comment) => `审核意见：${comment}。请按意见修改后重新提交审核。`,
  'record.flagged': (comment) => `审核意见：${comment}。请核对并补充修改。`,
  'record.duplicate_confirmed': (comment) => `工作人员确认这条记录与另一条走访记录重复，不再计数${comment ? `（审核意见：${comment}）` : ''}。可撤回这条重复的记录。`,
  'record.suspected_duplicate': () => '同一组织部长同一天走访同一基层党组织已有一条记录，这条为疑似重复，等待工作人员确认为不同走访或确认为重复。',
};

const TITLES: Record<string, string> = {
  'record.returned': REVIEW_STATES.rejected,
  'record.flagged': REVIEW_STATES.has_issues,
  'record.duplicate_confirmed': '确认为重复',
  'record.suspected_duplicate': '疑似重复',
};

/**
 * The notices a change makes, to the record's head (and so the head's staff): one per rule it meets,
 * its period the change's version, so the same change seen again makes nothing new, while a record
 * returned, corrected and returned again is told twice.
 */
export function decisionNotices(kind: Pick<Kind, 'name' | 'form' | 'presentation'>, change: DecidedChange, createdAt: string): NewNotice[] {
  const { after } = change;
  const comment = after.review.comment ?? '';
  return decisionRules(change).map((rule) => ({
    to: { head: after.ministerId },
    rule,
    subject: { kind: kind.name, id: after.id },
    period: `v${change.version}`,
    title: titleOf(TITLES[rule], kind.form.label.zh, kind.presentation.title(after)),
    body: `${BODIES[rule](comment)}${change.byName && rule !== 'record.suspected_duplicate' ? `审核人：${change.byName}。` : ''}`,
    createdAt,
  }));
}
