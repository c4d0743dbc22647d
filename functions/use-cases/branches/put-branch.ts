import type { BranchEntry, BranchEntryInput } from '#schemas/branch.ts';
import { fieldRule, ForbiddenError, NotFoundError, PreconditionFailedError } from '#schemas/errors.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { withinReach } from '#functions/auth/policy.ts';
import type { Actor, BranchDeps } from '../deps.ts';

/** A branch outside the caller's region is not theirs to register. */
export const outsideRegion = () => new ForbiddenError({ zh: '只能登记本地区的党组织', en: 'You may only register branches of your own region' });

/** What a write of the registry may find taken: the code, or the county and name. */
export const takenError = (conflict: 'code' | 'name') => (conflict === 'code' ? fieldRule('code', 'branch.codeTaken') : fieldRule('name', 'branch.nameTaken'));

/**
 * Register a branch, or replace its entry (PUT: idempotent by nature).
 * 1. It must lie in the caller's region (403); an existing branch outside it is a 404 to them.
 * 2. An If-Match, when given, must name the current version (412); a registered branch keeps its
 *    county and type (422): visits naming it were counted there, as that type.
 * 3. The same entry again changes nothing; otherwise store the next version with a change entry,
 *    holding its code and its county-and-name so no other branch takes them (422 naming the field).
 */
export async function putBranch(
  deps: BranchDeps, id: string, input: BranchEntryInput, expectedVersion: number | '*' | undefined, actor: Actor,
): Promise<{ entry: BranchEntry; created: boolean }> {
  const { caller } = actor;
  const current = await deps.branches.get(id);
  if (caller && current && !withinReach(caller, current.countyCode)) throw new NotFoundError();
  if (caller && !withinReach(caller, input.countyCode)) throw outsideRegion();
  if (expectedVersion !== undefined && (!current || (expectedVersion !== '*' && expectedVersion !== current.version))) throw new PreconditionFailedError();
  // Visits naming the branch were counted in its county as its type: those stay what they were.
  if (current && current.countyCode !== input.countyCode) throw fieldRule('countyCode', 'branch.placeFixed');
  if (current && current.type !== input.type) throw fieldRule('type', 'branch.placeFixed');

  const now = deps.clock.now().toISOString();
  const { closedOn, code, ...fields } = input;
  const entry: BranchEntry = {
    id, ...fields, ...(code ? { code } : {}), ...(closedOn ? { closedOn } : {}),
    version: (current?.version ?? 0) + 1, createdAt: current?.createdAt ?? now, updatedAt: now,
  };
  if (current && sameContent({ ...entry, version: 0, createdAt: '', updatedAt: '' }, { ...current, version: 0, createdAt: '', updatedAt: '' })) {
    return { entry: current, created: false };
  }
  const change = { version: entry.version, action: current ? ('replace' as const) : ('create' as const), at: now, by: actor.by, requestId: actor.requestId, before: current ?? null, after: entry };
  const outcome = await deps.branches.write({ entry, change, previous: current });
  if (!outcome.ok) throw outcome.conflict === 'version' ? new PreconditionFailedError() : takenError(outcome.conflict);
  return { entry, created: !current };
}
