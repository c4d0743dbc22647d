import type { Minister, MinisterListQuery } from '#schemas/minister.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { Page } from '#functions/adapters/record-store.ts';
import type { MinisterDeps } from '../deps.ts';

export async function getMinister(deps: Pick<MinisterDeps, 'ministers'>, id: string): Promise<Minister> {
  const minister = await deps.ministers.get(id);
  if (!minister) throw new NotFoundError();
  return minister;
}

export function listMinisters(deps: Pick<MinisterDeps, 'ministers'>, query: MinisterListQuery): Promise<Page<Minister>> {
  return deps.ministers.list(query);
}
