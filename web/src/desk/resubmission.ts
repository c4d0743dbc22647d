import { type AttachmentRef } from '#schemas/attachment-field.ts';
import type { Kind } from '#schemas/kind.ts';
import type { Names } from './describe.ts';
import { type Change, type Difference, differences } from './diff.ts';

/**
 * A record sent back to review by a correction after staff returned it or found issues with it
 * (重新提交): the decision, and what changed since — its fields (label: before → after, as the
 * change trail says them) and its files, added (新增) and removed — read from the change trail.
 * No DOM.
 */
export interface Resubmission {
  /** The decision it was corrected after: 退回 (`rejected`) or 有问题 (`has_issues`), with the reviewer's comment. */
  decision: { state: 'rejected' | 'has_issues'; comment?: string; at: string; by: string; byName?: string; version: number };
  /** The corrections since, by version. */
  corrections: number[];
  differences: Difference[];
  files: { added: AttachmentRef[]; removed: AttachmentRef[] };
}

type Review = { state?: string; comment?: string };
const reviewOf = (record: object | null): Review => ((record as { review?: Review } | null)?.review ?? {});
const filesOf = (record: object): AttachmentRef[] => (record as { attachments?: AttachmentRef[] }).attachments ?? [];
/** Files are listed as files, and the review is the decision itself: neither is a changed field here. */
const isField = (d: Difference) => !/^(attachments|review)([.[]|$)/.test(d.path);

/**
 * What changed since the last 退回 / 有问题, when the record is awaiting review again because it was
 * corrected since (undefined otherwise: never decided so, decided again since, or not corrected).
 */
export function resubmissionOf(kind: Kind, trail: readonly Change[], names: Names): Resubmission | undefined {
  const ordered = [...trail].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1);
  if (!latest || reviewOf(latest.after).state !== 'received') return undefined;
  // Not findLastIndex: the phones this site serves include browsers older than it.
  let at = ordered.length - 1;
  while (at >= 0 && ordered[at].action !== 'review') at -= 1;
  const decision = ordered[at];
  const state = reviewOf(decision?.after ?? null).state;
  if (!decision || (state !== 'rejected' && state !== 'has_issues')) return undefined;
  const since = ordered.slice(at + 1).filter((c) => c.action === 'correct');
  if (since.length === 0) return undefined;
  const before = filesOf(decision.after);
  const after = filesOf(latest.after);
  const had = new Set(before.map((f) => f.id));
  const has = new Set(after.map((f) => f.id));
  return {
    decision: {
      state, comment: reviewOf(decision.after).comment, at: decision.at, by: decision.by, byName: decision.byName, version: decision.version,
    },
    corrections: since.map((c) => c.version),
    differences: differences(kind, decision.after, latest.after, names).filter(isField),
    files: { added: after.filter((f) => !had.has(f.id)), removed: before.filter((f) => !has.has(f.id)) },
  };
}
