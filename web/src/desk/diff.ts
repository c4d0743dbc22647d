import { CHANGE_ACTIONS, CHANGE_REASONS, type ChangeAction, type ChangeReason } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { leavesOf, type Names, recordTree } from './describe.ts';

/**
 * What changed between two versions of a record, field by field in Chinese labels (label: before →
 * after): the change trail's entries, and what someone else changed while a person was deciding.
 * No DOM.
 */
export interface Difference {
  path: string;
  label: string;
  /** '' when the field was empty. */
  before: string;
  after: string;
}

/** The fields whose words differ between `before` (null: nothing yet) and `after`, in the form's order. */
export function differences(kind: Kind, before: object | null, after: object, names: Names): Difference[] {
  const was = new Map(before ? leavesOf(recordTree(kind, before, names)).map((l) => [l.path, l]) : []);
  const now = leavesOf(recordTree(kind, after, names));
  const changed: Difference[] = [];
  for (const leaf of now) {
    const old = was.get(leaf.path);
    was.delete(leaf.path);
    if ((old?.text ?? '') !== leaf.text) changed.push({ path: leaf.path, label: leaf.label, before: old?.text ?? '', after: leaf.text });
  }
  // What is gone (an item removed): shown as emptied.
  for (const old of was.values()) if (old.text !== '') changed.push({ path: old.path, label: old.label, before: old.text, after: '' });
  return changed;
}

/** One entry of the change trail as the API answers it (`GET /{kind}/{id}/history`). */
export interface Change {
  version: number;
  action: string;
  /** Why it did more than its action asked (`redecide`: a decision sent back). */
  reason?: string;
  at: string;
  by: string;
  /** Who made it, as people know them (entries written before names were kept have none). */
  byName?: string;
  before: object | null;
  after: object;
}

export interface ChangeText {
  version: number;
  /** The action's Chinese name (新建, 修改, 撤回, 审核, …). */
  action: string;
  /** Why, when the change did more than its action (修改了已作决定的内容，退回重新决定). */
  reason?: string;
  who: string;
  /** Beijing wall clock: 2026-11-20 09:30. */
  when: string;
  differences: Difference[];
}

/** A trail entry in words; a creation lists no differences (there was nothing before). */
export function changeText(kind: Kind, change: Change, names: Names & { person(sub: string): string }): ChangeText {
  return {
    version: change.version,
    action: CHANGE_ACTIONS[change.action as ChangeAction] ?? change.action,
    ...(change.reason ? { reason: CHANGE_REASONS[change.reason as ChangeReason] ?? change.reason } : {}),
    who: change.byName ?? names.person(change.by),
    when: beijingDateTime(change.at),
    differences: change.before === null ? [] : differences(kind, change.before, change.after, names),
  };
}
