import type { Suggestion, Visit } from '#schemas/visit.ts';
import { ConflictError, type FieldIssue } from './errors.ts';

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

/** A suggestion id belongs to one visit for good; `fields` name the offending ids when known. */
export function suggestionIdTaken(fields: FieldIssue[] = []): ConflictError {
  return new ConflictError({ zh: '意见建议的编号已被其他走访记录使用', en: 'A suggestion id is already used by another visit' }, fields);
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
