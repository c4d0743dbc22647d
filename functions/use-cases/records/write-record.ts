import type { ChangeAction, ChangeReason, FormRecord } from '#schemas/form.ts';
import type { Intent, Kind, MinisterTarget, PlanContext } from '#schemas/kind.ts';
import { fieldRule, ServiceUnavailableError, ValidationError } from '#schemas/errors.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { maySee, withinReach } from '#functions/auth/policy.ts';
import type { RecordDeps } from '../deps.ts';
import { attachmentIntents } from '../attachments/held-attachments.ts';
import { actorName } from './actor-name.ts';
import { assertMonthsOpen } from './month-lock.ts';

/** Plans are redone when the state they read moved (a slot taken, a linked record changed). */
const MAX_PLANS = 4;

/**
 * Records grow through corrections (e.g. long responses to many suggestions) and links (a finding
 * listing the problems it opened); keep each well under DynamoDB's 400 KB item limit, since its
 * change entry holds it twice (before and after).
 */
export const MAX_RECORD_BYTES = 160 * 1024;

export type WriteResult<T> = { ok: true; record: T } | { ok: false; recordConflict: true };

export interface WriteContext<T> {
  /** The stored version being replaced; absent for a new record. */
  previous?: T;
  now: string;
  by: string;
  requestId: string;
  action: ChangeAction;
  reason?: ChangeReason;
  fingerprint?: string;
  /** Whose rights bound what the write may read and name; absent when the system itself writes. */
  caller?: Caller;
}

const tooLarge = () => new ValidationError({ zh: '该记录内容过多，无法再增加', en: 'This record has grown too large to add more' });
const sizeOf = (record: unknown) => Buffer.byteLength(JSON.stringify(record));

/** What a failed intent means for the caller. */
const refusalOf = (intent: Intent) => (intent.type === 'hold' ? intent.onTaken() : intent.type === 'exists' ? intent.onMissing() : 'retry');

/**
 * The head a record names, checked in its own transaction when the record is new, changes hands or
 * moves: they exist, serve a region holding the record's, and, when the writer names them, lie within
 * the writer's region. A head the writer may not reach reads as unknown, like one never stored.
 */
function headOf<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, record: T, context: WriteContext<T>): Intent | undefined {
  const { previous, caller } = context;
  const named = !previous || previous.ministerId !== record.ministerId;
  if (!named && kind.regionOf(previous) === kind.regionOf(record)) return undefined;
  const target: MinisterTarget = {
    minister: record.ministerId,
    covers: kind.regionOf(record),
    ...(named && caller && caller.role !== 'admin' ? { within: caller.region } : {}),
  };
  return {
    type: 'exists',
    target,
    async onMissing() {
      const minister = await deps.ministers.get(record.ministerId);
      if (!minister || (target.within && caller && !withinReach(caller, minister.regionCode))) return fieldRule('ministerId', 'minister.unknown');
      return fieldRule('ministerId', 'minister.outsideRegion');
    },
  };
}

/**
 * Writes one version of a record with everything its kind needs in the same transaction.
 * 0. A write of a record's facts in a signed-off month is refused (month-lock.ts: one read).
 * 1. Plan: the kind amends the record and says what else the write needs, reading only records the
 *    writer may see (one they may not reads as one that does not exist); the head must fit the record;
 *    the attachments it names for the first time must be the writer's and not rejected (held-attachments.ts).
 * 2. Bound what grows (the record, and any record its write revises), then write the record, its
 *    change entry (before/after) and the intents' items at once.
 * 3. If the record's own condition failed (id taken, version moved), say so: the caller decides.
 *    If an intent's failed, the intent says what it means: an error for the caller, or plan again.
 */
export async function writeRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, next: T, context: WriteContext<T>): Promise<WriteResult<T>> {
  const { previous, now, by, requestId, caller } = context;
  await assertMonthsOpen(deps, kind, next, previous, context.action);
  const planContext: PlanContext<T> = {
    previous,
    now,
    holderOf: deps.records.holderOf,
    async read(other, id) {
      const record = await deps.records.read(other, id);
      return record && (!caller || maySee(caller, other.regionOf(record), record)) ? record : undefined;
    },
  };
  // Evidence is every kind's alike: checked and held here, not in each kind's plan.
  const attached = await attachmentIntents(deps, kind, next, previous, by);
  const byName = await actorName(deps, caller);
  const who = { by, ...(byName ? { byName } : {}) };
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const plan = await kind.plan(next, planContext);
    const head = headOf(deps, kind, plan.record, context);
    const intents: Intent[] = [...(head ? [head] : []), ...plan.intents, ...attached];
    const revised = intents.flatMap((intent) => (intent.type === 'revise' ? [intent.after] : []));
    if ([plan.record, ...revised].some((record) => sizeOf(record) > MAX_RECORD_BYTES)) throw tooLarge();
    const outcome = await deps.records.write(kind, {
      record: plan.record,
      change: { version: plan.record.version, action: context.action, ...(context.reason ? { reason: context.reason } : {}), at: now, ...who, requestId, before: previous ?? null, after: plan.record },
      expectedVersion: previous?.version,
      fingerprint: context.fingerprint,
      intents, at: now, ...who, requestId,
    });
    if (outcome.ok) return { ok: true, record: plan.record };
    if (outcome.record) return { ok: false, recordConflict: true };
    const failed = outcome.intents?.[0];
    // Only the store's own bookkeeping failed (none of the intents): the state moved under us.
    const verdict = failed === undefined ? 'retry' : await refusalOf(intents[failed]);
    if (verdict !== 'retry') throw verdict;
  }
  throw new ServiceUnavailableError(1);
}
