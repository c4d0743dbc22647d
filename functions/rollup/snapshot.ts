import { ALL_REGIONS, childrenOf, type Region } from '#schemas/regions.ts';
import { totalsOf, type Totals } from './figures.ts';
import type { RollupState } from './fold.ts';

/** One region's figures as of the end of a Beijing day (the body of GET /summary). */
export interface Snapshot {
  asOf: string;
  /** The day has not ended yet: later runs replace this snapshot. */
  provisional: boolean;
  generatedAt: string;
  region: Region;
  totals: Totals;
  children: { region: Region; totals: Totals }[];
}

/** Every region's snapshot, each with its children's totals, so a reader needs one item. */
export function snapshotsOf(states: RollupState, asOf: string, provisional: boolean, generatedAt: string): Snapshot[] {
  return ALL_REGIONS.map((region) => ({
    asOf,
    provisional,
    generatedAt,
    region,
    totals: totalsOf(states.get(region.code)),
    children: childrenOf(region.code).map((child) => ({ region: child, totals: totalsOf(states.get(child.code)) })),
  }));
}
