import type { FormRecord } from '#schemas/form.ts';
import { fieldRule, ServiceUnavailableError } from '#functions/domain/errors.ts';
import type { ChangeEntry } from '#functions/adapters/record-store.ts';
import type { CatalogueEntry, PlannedPart, WriteContext, WritePlan } from '#functions/catalogue/entry.ts';

/** Plans are redone when the state they read moved (a slot taken, a linked record changed). */
const MAX_PLANS = 4;

export type WriteResult<T> = { ok: true; record: T } | { ok: false; recordConflict: true };

/**
 * Writes one version of a record with everything its kind needs in the same transaction.
 * 1. Plan: the kind amends the record and adds parts; the minister must exist when it is new or changed.
 * 2. Write the record, its change entry (before/after) and the parts at once.
 * 3. If the record's own condition failed (id taken, version moved), say so: the caller decides.
 *    If a part's failed, that part says what it means: an error for the caller, or plan again.
 */
export async function writeRecord<T extends FormRecord>(
  entry: CatalogueEntry<T>,
  next: T,
  context: WriteContext & { action: string; fingerprint?: string },
): Promise<WriteResult<T>> {
  const { deps, previous } = context;
  const repository = deps.records[entry.form.kind];
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const plan: WritePlan<T> = entry.plan ? await entry.plan(next, context) : { record: next, parts: [] };
    const parts: PlannedPart[] = [...plan.parts];
    if (!previous || previous.ministerId !== plan.record.ministerId) {
      parts.unshift({ item: deps.ministers.existsCheck(plan.record.ministerId), onFailed: () => fieldRule('ministerId', 'minister.unknown') });
    }
    const change: ChangeEntry<T> = {
      version: plan.record.version, action: context.action, at: context.now, by: context.by, requestId: context.requestId,
      before: (previous as T | undefined) ?? null, after: plan.record,
    };
    const outcome = previous
      ? await repository.replace({ record: plan.record, expectedVersion: previous.version, change, fingerprint: context.fingerprint, parts })
      : await repository.create({ record: plan.record, change, fingerprint: context.fingerprint!, parts });
    if (outcome.ok) return { ok: true, record: plan.record };
    if (outcome.record) return { ok: false, recordConflict: true };
    const verdict = parts[outcome.parts[0]].onFailed();
    if (verdict !== 'retry') throw verdict;
  }
  throw new ServiceUnavailableError(1);
}
