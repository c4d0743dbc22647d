import { findRegion, PROVINCE_CODE } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';
import type { RollupDeps } from '../rollup/run-rollup.ts';

/** The region whose figures to read: the one asked for if within the caller's (403 if not), else the caller's own. */
export function figuresRegion(caller: Caller | undefined, asked: string | undefined): string {
  return caller ? regionInReach(caller, asked) : (asked ?? PROVINCE_CODE);
}

/** The stored snapshot of a region for a day, or its newest; 404 before the first rollup. */
export async function readSummary(deps: Pick<RollupDeps, 'rollups'>, region: string, date?: string): Promise<Snapshot> {
  const snapshot = await deps.rollups.snapshot(region, date);
  if (!snapshot) throw new NotFoundError({ zh: '该日期还没有汇总数据', en: 'No snapshot for that day yet' });
  return snapshot;
}

/**
 * A region's figures day by day (the last 30 days unless a range is given); days without a
 * snapshot are simply absent. Children are left out: a series is about one region.
 */
export async function readSummaryHistory(deps: RollupDeps, region: string, from?: string, to?: string) {
  const end = to ?? beijingDate(deps.clock.now());
  const start = from ?? addDays(end, -29);
  const snapshots = await deps.rollups.snapshots(region, start, end);
  return {
    region: findRegion(region)!,
    items: snapshots.map(({ asOf, provisional, totals }) => ({ asOf, provisional, totals })),
  };
}

export type SummaryHistory = Awaited<ReturnType<typeof readSummaryHistory>>;
