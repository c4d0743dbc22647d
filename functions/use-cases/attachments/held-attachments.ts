import { type AttachmentRef, attachmentIdsOf } from '#schemas/attachment-field.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { Intent, Kind } from '#schemas/kind.ts';
import type { FieldIssue } from '#schemas/errors.ts';
import { ValidationError } from '#schemas/errors.ts';
import type { RecordDeps } from '../deps.ts';

/** Whether a kind's records carry evidence (its form has the `attachments` field). */
export const carriesAttachments = (kind: Pick<Kind, 'form'>): boolean => 'attachments' in kind.form.fields;

const issue = (path: string, key: string): FieldIssue => ({ path, issue: { code: 'custom', params: { key } } });

/**
 * What a write of any kind with `attachments` adds for them, decided here once for every such kind:
 * 1. Each attachment the record names for the first time must exist, not be rejected, and be the
 *    writer's own (announced under their token subject). One that is unknown or another person's
 *    reads alike (422 "unknown": nothing of another's upload leaks); a rejected one is its own 422.
 *    A pending one is accepted: the photo may still be on its way. Attachments the record already
 *    holds are not checked again, so a staffer correcting a head's record keeps the head's photos.
 * 2. The record holds each attachment it names (an `attachment#<id>` / `heldby#<kind>#<id>` item
 *    in the write's own transaction), and gives up those a correction removed. A withdrawn record
 *    keeps holding them: it stays readable, and so does its evidence.
 * Every bad attachment is listed at once, at `attachments[i].id`.
 */
export async function attachmentIntents<T extends FormRecord>(
  deps: Pick<RecordDeps, 'attachments'>, kind: Kind<T>, next: T, previous: T | undefined, by: string,
): Promise<Intent[]> {
  if (!carriesAttachments(kind)) return [];
  const held = new Set(previous ? attachmentIdsOf(previous) : []);
  const named = (next as { attachments?: readonly AttachmentRef[] }).attachments ?? [];
  const fresh = named.map((ref, i) => ({ id: ref.id, i })).filter(({ id }) => !held.has(id));
  const found = await Promise.all(fresh.map(({ id }) => deps.attachments.get(id)));
  const problems: FieldIssue[] = [];
  fresh.forEach(({ i }, n) => {
    const attachment = found[n];
    if (!attachment || attachment.uploadedBy !== by) problems.push(issue(`attachments[${i}].id`, 'attachment.unknown'));
    else if (attachment.status === 'rejected') problems.push(issue(`attachments[${i}].id`, 'attachment.rejected'));
  });
  if (problems.length) throw new ValidationError(undefined, problems);

  const key = (attachment: string) => ({ space: 'attachment-holder' as const, attachment, kind: kind.name, record: next.id });
  const kept = new Set(named.map((ref) => ref.id));
  return [
    // The key names this record itself, so no other write can hold it: taken means "state moved", plan again.
    ...fresh.map(({ id }): Intent => ({ type: 'hold', key: key(id), holder: next.id, onTaken: () => 'retry' })),
    ...[...held].filter((id) => !kept.has(id)).map((id): Intent => ({ type: 'release', key: key(id), holder: next.id })),
  ];
}
