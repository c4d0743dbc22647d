import type { ChangeAction, FormRecord } from '#schemas/form.ts';
import type { Intent, Kind } from '#schemas/kind.ts';
import { fieldRule, ServiceUnavailableError } from '#schemas/errors.ts';
import type { RecordDeps } from '../deps.ts';

/** Plans are redone when the state they read moved (a slot taken, a linked record changed). */
const MAX_PLANS = 4;

export type WriteResult<T> = { ok: true; record: T } | { ok: false; recordConflict: true };

export interface WriteContext<T> {
  /** The stored version being replaced; absent for a new record. */
  previous?: T;
  now: string;
  by: string;
  requestId: string;
  action: ChangeAction;
  fingerprint?: string;
}

/** What a failed intent means for the caller. */
const refusalOf = (intent: Intent) => (intent.type === 'hold' ? intent.onTaken() : intent.type === 'exists' ? intent.onMissing() : 'retry');

/**
 * Writes one version of a record with everything its kind needs in the same transaction.
 * 1. Plan: the kind amends the record and says what else the write needs; the minister must exist
 *    when the record is new or changes hands.
 * 2. Write the record, its change entry (before/after) and the intents' items at once.
 * 3. If the record's own condition failed (id taken, version moved), say so: the caller decides.
 *    If an intent's failed, the intent says what it means: an error for the caller, or plan again.
 */
export async function writeRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, next: T, context: WriteContext<T>): Promise<WriteResult<T>> {
  const { previous, now, by, requestId } = context;
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const plan = await kind.plan(next, { previous, now, holderOf: deps.records.holderOf, read: deps.records.read });
    const intents: Intent[] = [...plan.intents];
    if (!previous || previous.ministerId !== plan.record.ministerId) {
      intents.unshift({ type: 'exists', target: { minister: plan.record.ministerId }, onMissing: () => fieldRule('ministerId', 'minister.unknown') });
    }
    const outcome = await deps.records.write(kind, {
      record: plan.record,
      change: { version: plan.record.version, action: context.action, at: now, by, requestId, before: previous ?? null, after: plan.record },
      expectedVersion: previous?.version,
      fingerprint: context.fingerprint,
      intents, at: now, by, requestId,
    });
    if (outcome.ok) return { ok: true, record: plan.record };
    if (outcome.record) return { ok: false, recordConflict: true };
    const verdict = refusalOf(intents[outcome.intents?.[0] ?? 0]);
    if (verdict !== 'retry') throw verdict;
  }
  throw new ServiceUnavailableError(1);
}
