import type { SuggestionPatch, Visit } from '#schemas/visit.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import { assertSuggestionMove } from '#functions/domain/visit-rules.ts';
import type { Actor, VisitDeps } from '../deps.ts';
import { reviseVisit } from './revise-visit.ts';

/**
 * Move a suggestion on (pending → answered / resolved).
 * 1. Find the visit that holds the suggestion (404 if none does).
 * 2. Check the move is allowed (409 otherwise); keep the earlier response unless a new one is given.
 * 3. Store the visit's next version (If-Match carries the visit's ETag; see reviseVisit).
 */
export async function progressSuggestion(
  deps: VisitDeps, suggestionId: string, patch: SuggestionPatch, expectedVersion: number | '*', actor: Actor,
): Promise<Visit> {
  const visitId = await deps.visits.visitIdOfSuggestion(suggestionId);
  if (!visitId) throw new NotFoundError();
  return reviseVisit(deps, { id: visitId, expectedVersion, actor, action: 'suggestion' }, (current) => {
    const suggestion = current.suggestions.find((s) => s.id === suggestionId);
    if (!suggestion) throw new NotFoundError();
    assertSuggestionMove(suggestion.status, patch.status);
    return {
      ...current,
      suggestions: current.suggestions.map((s) =>
        s.id === suggestionId ? { ...s, status: patch.status, ...(patch.response ? { response: patch.response } : {}) } : s),
    };
  });
}
