import type { Suggestion, Visit } from '#schemas/visit.ts';
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

export function assertNotWithdrawn(visit: Visit): void {
  if (visit.status === 'withdrawn') {
    throw new ConflictError({ zh: '该走访记录已撤回，不能再修改', en: 'This visit has been withdrawn and cannot change' });
  }
}

/**
 * Records grow through corrections (e.g. long responses to many suggestions); keep each well under
 * DynamoDB's 400 KB item limit, since its change entry holds it twice (before and after).
 */
export const MAX_RECORD_BYTES = 160 * 1024;
