import type { Visit } from '#schemas/visit.ts';
import { fieldRule, NotFoundError, PreconditionFailedError, ValidationError } from '#functions/domain/errors.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { assertNotWithdrawn, MAX_RECORD_BYTES, suggestionIdTaken } from '#functions/domain/visit-rules.ts';
import type { Actor, VisitDeps } from '../deps.ts';

export type VisitAction = 'correct' | 'withdraw' | 'suggestion';

/**
 * Every change to a stored visit goes this way.
 * 1. Load the visit (404 if none) and refuse a withdrawn one (409).
 * 2. Check the caller saw the current version (If-Match; 412 if stale).
 * 3. Let `revise` compute the next content; identical content changes nothing.
 * 4. Store version n+1 with a change entry (before/after) in one transaction, on condition that
 *    version n is still current — a concurrent writer makes this a 412, never a lost update.
 */
export async function reviseVisit(
  deps: VisitDeps,
  args: { id: string; expectedVersion: number | '*'; actor: Actor; action: VisitAction },
  revise: (current: Visit) => Visit,
): Promise<Visit> {
  const stored = await deps.visits.get(args.id);
  if (!stored) throw new NotFoundError();
  const current = stored.record;
  assertNotWithdrawn(current);
  if (args.expectedVersion !== '*' && args.expectedVersion !== current.version) throw new PreconditionFailedError();

  const revised = revise(current);
  if (sameContent(revised, current)) return current;
  if (Buffer.byteLength(JSON.stringify(revised)) > MAX_RECORD_BYTES) {
    throw new ValidationError({ zh: '该记录内容过多，无法再增加', en: 'This record has grown too large to add more' });
  }

  const now = deps.clock.now().toISOString();
  const next: Visit = { ...revised, id: current.id, createdAt: current.createdAt, version: current.version + 1, updatedAt: now };
  const outcome = await deps.visits.replace(next, current, {
    version: next.version, action: args.action, at: now, by: args.actor.by, requestId: args.actor.requestId, before: current, after: next,
  });
  if (outcome.ok) return next;
  if (outcome.visitExists) throw new PreconditionFailedError();
  if (outcome.ministerMissing) throw fieldRule('ministerId', 'minister.unknown');
  throw suggestionIdTaken();
}
