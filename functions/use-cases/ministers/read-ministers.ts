import type { Minister } from '#schemas/minister.ts';
import type { MinisterListQuery } from '#schemas/minister-input.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { Page } from '#functions/ports/records.ts';
import type { MinisterDeps } from '../deps.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach, withinReach } from '#functions/auth/policy.ts';

/** A minister, if it exists and lies within the caller's region (404 either way otherwise). */
export async function getMinister(deps: Pick<MinisterDeps, 'ministers'>, id: string, caller?: Caller): Promise<Minister> {
  const minister = await deps.ministers.get(id);
  if (!minister || (caller && !withinReach(caller, minister.regionCode))) throw new NotFoundError();
  return minister;
}

/** The ministers of a region within the caller's (403 outside it; without one, the caller's own). */
export function listMinisters(deps: Pick<MinisterDeps, 'ministers'>, query: MinisterListQuery, caller?: Caller): Promise<Page<Minister>> {
  return deps.ministers.list(caller ? { ...query, region: regionInReach(caller, query.region) } : query);
}
