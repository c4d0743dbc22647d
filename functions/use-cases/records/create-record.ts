import type { FormRecord } from '#schemas/form.ts';
import { ConflictError } from '#functions/domain/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import type { CatalogueEntry } from '#functions/catalogue/entry.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { writeRecord } from './write-record.ts';
import { assertMayPlace } from '#functions/auth/policy.ts';

/**
 * Report a record of any kind.
 * 1. Stamp the validated input as version 1, received now, awaiting review; it must lie in the
 *    caller's region (a head's staff: for their head), else 403.
 * 2. Store it with its first change entry and its kind's parts in one transaction, on condition
 *    that its minister exists and its id is new (see writeRecord).
 * 3. An id already stored with the same body is a retry: answer the stored record, change nothing.
 *    The same id with a different body is a conflict.
 */
export async function createRecord<T extends FormRecord>(
  deps: RecordDeps, entry: CatalogueEntry<T>, input: Omit<T, 'review' | 'version' | 'createdAt' | 'updatedAt'>, actor: Actor,
): Promise<{ record: T; created: boolean }> {
  const now = deps.clock.now().toISOString();
  const fields = entry.fromInput ? entry.fromInput(input) : input;
  const record = { ...fields, review: { state: 'received' }, submittedBy: actor.by, version: 1, createdAt: now, updatedAt: now } as T;
  if (actor.caller) assertMayPlace(actor.caller, entry.form.regionOf(record as never), record.ministerId);
  const bodyFingerprint = fingerprint(input);

  const result = await writeRecord(entry, record, { deps, now, by: actor.by, requestId: actor.requestId, action: 'create', fingerprint: bodyFingerprint });
  if (result.ok) return { record: result.record, created: true };

  const stored = await deps.records[entry.form.kind].get(record.id);
  if (stored?.fingerprint === bodyFingerprint) return { record: stored.record as T, created: false };
  throw new ConflictError({
    zh: '该编号已用于内容不同的另一条记录；新记录请使用新的编号',
    en: 'This id is already used by a record with different content; use a new id for a new record',
  });
}
