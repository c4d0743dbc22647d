import type { Visit, VisitListQuery } from '#schemas/visit.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { ChangeEntry, Page } from '#functions/adapters/record-store.ts';
import type { VisitDeps } from '../deps.ts';

export async function getVisit(deps: Pick<VisitDeps, 'visits'>, id: string): Promise<Visit> {
  const stored = await deps.visits.get(id);
  if (!stored) throw new NotFoundError();
  return stored.record;
}

export function listVisits(deps: Pick<VisitDeps, 'visits'>, query: VisitListQuery): Promise<Page<Visit>> {
  return deps.visits.list(query);
}

/** The append-only trail, oldest first; 404 for an id never stored. */
export async function visitHistory(deps: Pick<VisitDeps, 'visits'>, id: string): Promise<ChangeEntry<Visit>[]> {
  const entries = await deps.visits.history(id);
  if (!entries.length) throw new NotFoundError();
  return entries;
}
