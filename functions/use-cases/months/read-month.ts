import type { RegionMonth } from '#schemas/months.ts';
import { ALL_REGIONS, childrenOf, regionContains } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import type { StoredMonth } from '#functions/ports/months.ts';
import type { MonthDeps } from '../deps.ts';
import { mapInFlight } from '../in-flight.ts';

/** Region codes counted at once: each is 14 small count queries (7 kinds × records, awaiting review). */
const CODES_IN_FLIGHT = 4;

/** The region and every region inside it: whose records a month of the region covers. */
const codesWithin = (region: string) => ALL_REGIONS.filter((r) => regionContains(region, r.code)).map((r) => r.code);

/** A stored month as answered, with its children's states and its counts. */
export async function presentMonth(deps: MonthDeps, month: StoredMonth, children: readonly StoredMonth[]): Promise<RegionMonth> {
  const counted = await mapInFlight(codesWithin(month.region), CODES_IN_FLIGHT, (code) => deps.months.counts(code, month.month));
  const counts = counted.reduce((a, b) => ({ records: a.records + b.records, awaitingReview: a.awaitingReview + b.awaitingReview }), { records: 0, awaitingReview: 0 });
  return {
    month: month.month, region: month.region, state: month.state, version: month.version, counts,
    children: children.map((c) => ({ region: c.region, state: c.state })),
    trail: month.trail,
  };
}

/**
 * A region's month (月度报送).
 * 1. The region must be within the caller's (403 otherwise).
 * 2. Read its month and its children's in one BatchGet (an open month where none is stored).
 * 3. Count the month's records, and those awaiting review, from the indexes by region and date:
 *    the read follows the month's records, never the history (repositories/month-repository.ts).
 */
export async function readRegionMonth(deps: MonthDeps, region: string, month: string, caller: Caller): Promise<RegionMonth> {
  regionInReach(caller, region);
  const [own, ...children] = await deps.months.getMany([region, ...childrenOf(region).map((c) => c.code)], month);
  return presentMonth(deps, own, children);
}
