import type { ChangeAction, ChangeReason, FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '#schemas/errors.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { assertMayPlace, assertMaySee } from '#functions/auth/policy.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { writeRecord } from './write-record.ts';

export interface Revision {
  id: string;
  expectedVersion: number | '*';
  actor: Actor;
}

/**
 * Every change to a stored record goes this way.
 * 1. Load the record (404 if none, or if the caller may not see it) and refuse a withdrawn one (409).
 * 2. Check the caller saw the current version (If-Match; 412 if stale).
 * 3. Let `revise` compute the next content; identical content changes nothing; a correction may
 *    not move a record out of the caller's region (403).
 * 4. Store version n+1 with a change entry (before/after) in one transaction, on condition that
 *    version n is still current — a concurrent writer makes this a 412, never a lost update.
 */
export async function reviseRecord<T extends FormRecord>(
  deps: RecordDeps,
  kind: Kind<T>,
  args: Revision & { action: ChangeAction; reasonOf?: (current: T, revised: T) => ChangeReason | undefined },
  revise: (current: T, now: string) => T,
): Promise<T> {
  const stored = await deps.records.get(kind, args.id);
  if (!stored) throw new NotFoundError();
  const current = stored.record;
  const { caller } = args.actor;
  if (caller) assertMaySee(caller, kind.regionOf(current), current);
  if (current.status === 'withdrawn') {
    throw new ConflictError({ zh: `该${kind.form.label.zh}已撤回，不能再修改`, en: `This ${kind.form.label.en.toLowerCase()} has been withdrawn and cannot change` });
  }
  if (args.expectedVersion !== '*' && args.expectedVersion !== current.version) throw new PreconditionFailedError();

  const now = deps.clock.now().toISOString();
  const revised = revise(current, now);
  if (sameContent(revised, current)) return current;
  if (caller) assertMayPlace(caller, kind.regionOf(revised), revised.ministerId);

  const next: T = { ...revised, id: current.id, createdAt: current.createdAt, version: current.version + 1, updatedAt: now };
  const result = await writeRecord(deps, kind, next, {
    previous: current, now, by: args.actor.by, requestId: args.actor.requestId, action: args.action, reason: args.reasonOf?.(current, next), fingerprint: stored.fingerprint, caller,
  });
  if (!result.ok) throw new PreconditionFailedError();
  return result.record;
}
