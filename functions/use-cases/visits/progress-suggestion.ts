import { moveSuggestion, type Visit, visitKind } from '#schemas/kinds/visit.ts';
import type { SuggestionPatch } from '#schemas/suggestions.ts';
import { NotFoundError } from '#schemas/errors.ts';
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
  const visitId = await deps.records.holderOf({ space: 'suggestion', id: suggestionId });
  if (!visitId) throw new NotFoundError();
  return reviseRecord(deps, visitKind, { id: visitId, expectedVersion, actor, action: 'suggestion' }, (current) => moveSuggestion(current, suggestionId, patch));
}
