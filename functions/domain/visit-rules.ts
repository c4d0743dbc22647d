import type { Suggestion } from '#schemas/visit.ts';
import { ConflictError } from './errors.ts';

/** A suggestion only moves forward: pending → answered (on the spot) or resolved; answered → resolved. */
const NEXT_STATUSES: Record<Suggestion['status'], readonly Suggestion['status'][]> = {
  pending: ['answered', 'resolved'],
  answered: ['resolved'],
  resolved: [],
};

export function assertSuggestionMove(from: Suggestion['status'], to: Suggestion['status']): void {
  if (!NEXT_STATUSES[from].includes(to)) {
    throw new ConflictError({ zh: `意见建议不能从“${from}”改为“${to}”`, en: `A suggestion cannot move from ${from} to ${to}` });
  }
}
