import type { Visit } from '#schemas/visit.ts';
import type { Actor, VisitDeps } from '../deps.ts';
import { reviseVisit } from './revise-visit.ts';

/**
 * Withdraw a visit: it stays readable, marked withdrawn, and stops counting from now on.
 * Withdrawing twice is a conflict (409): the visit is already withdrawn.
 */
export function withdrawVisit(deps: VisitDeps, id: string, expectedVersion: number | '*', actor: Actor): Promise<Visit> {
  return reviseVisit(deps, { id, expectedVersion, actor, action: 'withdraw' }, (current) => ({ ...current, status: 'withdrawn' }));
}
