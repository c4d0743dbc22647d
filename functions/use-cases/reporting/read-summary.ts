import { NotFoundError } from '#functions/domain/errors.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';
import type { RollupDeps } from '../rollup/run-rollup.ts';

/** The stored snapshot of a region for a day, or its newest; 404 before the first rollup. */
export async function readSummary(deps: Pick<RollupDeps, 'rollups'>, region: string, date?: string): Promise<Snapshot> {
  const snapshot = await deps.rollups.snapshot(region, date);
  if (!snapshot) throw new NotFoundError({ zh: '该日期还没有汇总数据', en: 'No snapshot for that day yet' });
  return snapshot;
}
