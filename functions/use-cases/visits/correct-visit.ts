import { visitContentSchema, type Visit, type VisitPatch } from '#schemas/visit.ts';
import { ValidationError } from '#functions/domain/errors.ts';
import { parseWith } from '#functions/domain/validation.ts';
import type { Actor, VisitDeps } from '../deps.ts';
import { reviseVisit } from './revise-visit.ts';

/**
 * Correct a visit.
 * 1. Merge the changed fields into the current visit.
 * 2. Check the merged visit against the same rules as a new one (422 listing every bad field).
 * 3. Store it as the next version (see reviseVisit).
 */
export function correctVisit(deps: VisitDeps, id: string, patch: VisitPatch, expectedVersion: number | '*', actor: Actor): Promise<Visit> {
  return reviseVisit(deps, { id, expectedVersion, actor, action: 'correct' }, (current) => {
    const merged = { ...current, ...patch };
    parseWith(visitContentSchema, merged, (fields) => new ValidationError(undefined, fields));
    return merged;
  });
}
