import type { SuggestionPatch, Visit } from '#schemas/visit.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import { assertSuggestionMove } from '#functions/domain/visit-rules.ts';
import { visitEntry } from '#functions/catalogue/visits.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { reviseRecord } from '../records/revise-record.ts';

/**
 * Move a suggestion on (pending → answered / resolved).
 * 1. Find the visit that holds the suggestion (404 if none does).
 * 2. Check the move is allowed (409 otherwise); keep the earlier response unless a new one is given.
 * 3. Store the visit's next version (If-Match carries the visit's ETag; see reviseRecord).
 */
export async function progressSuggestion(
  deps: RecordDeps, suggestionId: string, patch: SuggestionPatch, expectedVersion: number | '*', actor: Actor,
): Promise<Visit> {
  const visitId = await deps.visitItems.visitIdOfSuggestion(suggestionId);
  if (!visitId) throw new NotFoundError();
  return reviseRecord(deps, visitEntry, { id: visitId, expectedVersion, actor, action: 'suggestion' }, (current) => {
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
