import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { ConflictError, MonthLockedError } from '#schemas/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { assertMayPlace, maySee } from '#functions/auth/policy.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { resolveBranches } from './resolve-branches.ts';
import { writeRecord } from './write-record.ts';

/**
 * Report a record of any kind.
 * 1. Stamp the validated input as version 1, received now, awaiting review, its registered branches
 *    made whole from the registry; it must lie in the caller's region (a head's staff: for their
 *    head), else 403.
 * 2. Store it with its first change entry and its kind's intents in one transaction, on condition
 *    that its minister exists and its id is new (see writeRecord).
 * 3. An id already stored with the same body is a retry: answer the stored record (only that it is
 *    stored, if the caller may no longer see it), change nothing. The same id with a different body
 *    is a conflict.
 */
/**
 * A new record (`created`), or a retry of one already stored: with the stored record when the caller
 * may still see it, without it (`record` absent) when they may not any more — it was moved out of
 * their region or handed to another head since — so a retry tells them it is stored, and no more.
 */
export type CreateOutcome<T> = { created: true; record: T } | { created: false; record?: T };

export async function createRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, input: object, actor: Actor): Promise<CreateOutcome<T>> {
  const now = deps.clock.now().toISOString();
  const bodyFingerprint = fingerprint(input);
  /** The same body stored under this id already: a retry, answered with what is stored (if the caller may still see it). */
  const retried = async (id: string): Promise<CreateOutcome<T> | undefined> => {
    const stored = await deps.records.get(kind, id);
    if (stored?.fingerprint !== bodyFingerprint) return undefined;
    const seen = !actor.caller || maySee(actor.caller, kind.regionOf(stored.record), stored.record);
    return seen ? { record: stored.record, created: false } : { created: false };
  };
  let resolved: object;
  try {
    resolved = await resolveBranches(deps, kind, input);
  } catch (error) {
    // A retry whose branch has closed since it was stored is still the record stored then.
    const id = 'id' in input && typeof input.id === 'string' ? input.id : undefined;
    const earlier = id === undefined ? undefined : await retried(id);
    if (earlier) return earlier;
    throw error;
  }
  const record = kind.create(resolved, { review: { state: 'received' }, submittedBy: actor.by, version: 1, createdAt: now, updatedAt: now });
  if (actor.caller) assertMayPlace(actor.caller, kind.regionOf(record), record.ministerId);

  let result;
  try {
    result = await writeRecord(deps, kind, record, { now, by: actor.by, requestId: actor.requestId, action: 'create', fingerprint: bodyFingerprint, caller: actor.caller });
  } catch (error) {
    // A retry of a create stored before its month was signed off is still that record.
    const earlier = error instanceof MonthLockedError ? await retried(record.id) : undefined;
    if (earlier) return earlier;
    throw error;
  }
  if (result.ok) return { record: result.record, created: true };

  const earlier = await retried(record.id);
  if (earlier) return earlier;
  throw new ConflictError({
    zh: '该编号已用于内容不同的另一条记录；新记录请使用新的编号',
    en: 'This id is already used by a record with different content; use a new id for a new record',
  });
}
