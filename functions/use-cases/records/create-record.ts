import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { ConflictError } from '#schemas/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { assertMayPlace } from '#functions/auth/policy.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { writeRecord } from './write-record.ts';

/**
 * Report a record of any kind.
 * 1. Stamp the validated input as version 1, received now, awaiting review; it must lie in the
 *    caller's region (a head's staff: for their head), else 403.
 * 2. Store it with its first change entry and its kind's intents in one transaction, on condition
 *    that its minister exists and its id is new (see writeRecord).
 * 3. An id already stored with the same body is a retry: answer the stored record, change nothing.
 *    The same id with a different body is a conflict.
 */
export async function createRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, input: object, actor: Actor): Promise<{ record: T; created: boolean }> {
  const now = deps.clock.now().toISOString();
  const record = kind.create(input, { review: { state: 'received' }, submittedBy: actor.by, version: 1, createdAt: now, updatedAt: now });
  if (actor.caller) assertMayPlace(actor.caller, kind.regionOf(record), record.ministerId);
  const bodyFingerprint = fingerprint(input);

  const result = await writeRecord(deps, kind, record, { now, by: actor.by, requestId: actor.requestId, action: 'create', fingerprint: bodyFingerprint });
  if (result.ok) return { record: result.record, created: true };

  const stored = await deps.records.get(kind, record.id);
  if (stored?.fingerprint === bodyFingerprint) return { record: stored.record, created: false };
  throw new ConflictError({
    zh: '该编号已用于内容不同的另一条记录；新记录请使用新的编号',
    en: 'This id is already used by a record with different content; use a new id for a new record',
  });
}
