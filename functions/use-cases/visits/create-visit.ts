import type { Visit, VisitInput } from '#schemas/visit.ts';
import { ConflictError, fieldRule } from '#functions/domain/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { suggestionIdTaken } from '#functions/domain/visit-rules.ts';
import type { Actor, VisitDeps } from '../deps.ts';

/**
 * Report a visit.
 * 1. Stamp the validated visit as version 1, received now.
 * 2. Store it with its first change entry and its suggestions' pointers in one transaction,
 *    on condition that its minister exists and its id is new.
 * 3. An id already stored with the same body is a retry: answer the stored visit, change nothing.
 *    The same id with a different body is a conflict.
 */
export async function createVisit(deps: VisitDeps, input: VisitInput, actor: Actor): Promise<{ visit: Visit; created: boolean }> {
  const now = deps.clock.now().toISOString();
  const visit: Visit = { ...input, status: 'submitted', version: 1, createdAt: now, updatedAt: now };
  const bodyFingerprint = fingerprint(input);

  const outcome = await deps.visits.create(
    visit,
    { version: 1, action: 'create', at: now, by: actor.by, requestId: actor.requestId, before: null, after: visit },
    bodyFingerprint,
  );
  if (outcome.ok) return { visit, created: true };

  if (outcome.visitExists) {
    const stored = await deps.visits.get(visit.id);
    if (stored?.fingerprint === bodyFingerprint) return { visit: stored.record, created: false };
    throw new ConflictError({
      zh: '该编号已用于内容不同的另一条记录；新记录请使用新的编号',
      en: 'This id is already used by a record with different content; use a new id for a new record',
    });
  }
  if (outcome.ministerMissing) throw fieldRule('ministerId', 'minister.unknown');
  throw suggestionIdTaken(outcome.suggestionsTaken.map((id) => ({
    path: `suggestions[${input.suggestions.findIndex((s) => s.id === id)}].id`,
    issue: { code: 'custom', params: { key: 'id.duplicate' } },
  })));
}
