import { ALL_REGIONS, childrenOf, type Region } from '#schemas/regions.ts';
import { HEADLINE_KEYS } from '#schemas/figures.ts';
import type * as z from 'zod/mini';
import type { snapshotSchema } from '#schemas/summary.ts';
import { contributionOf, regionsOf, totalsOf } from './figures.ts';
import { type Change, isRegistryChange, kindOf, type RollupState } from './fold.ts';

/** One region's figures as of the end of a Beijing day: the body of GET /summary, as its schema says. */
export type Snapshot = z.infer<typeof snapshotSchema>;

/** What a day's snapshots are compared against: the previous day's states, and the day's own changes. */
export interface DayContext {
  previous?: { asOf: string; states: RollupState };
  dayChanges: readonly Change[];
}

/** Months and places are compared, not levels: any fixed level serves. */
const anyLevel = () => 'county' as const;

/**
 * Region → months before `asOf`'s month whose figures the day's changes moved: for each change of a record,
 * the month and regions of each side that counts, unless both sides count alike in the same month
 * (a change of notes, an approval, an inspection linked to a new problem).
 */
function restatements(asOf: string, changes: readonly Change[]): Map<string, Set<string>> {
  const currentMonth = asOf.slice(0, 7);
  const byRegion = new Map<string, Set<string>>();
  for (const change of changes) {
    // The registry belongs to no month: coverage is as of the day.
    if (isRegistryChange(change)) continue;
    const kind = kindOf(change);
    const [before, after] = [change.before, change.after].map((version) => {
      const contribution = contributionOf(kind, version, anyLevel);
      return version && contribution && { month: kind.dateOf(version).slice(0, 7), contribution };
    });
    if (before && after && JSON.stringify(before) === JSON.stringify(after)) continue;
    for (const side of [before, after]) {
      if (!side || side.month >= currentMonth) continue;
      for (const region of regionsOf(side.contribution.regionCode)) {
        if (!byRegion.has(region)) byRegion.set(region, new Set());
        byRegion.get(region)!.add(side.month);
      }
    }
  }
  return byRegion;
}

/** Every region's snapshot, each with its children's totals, so a reader needs one item. */
export function snapshotsOf(states: RollupState, asOf: string, provisional: boolean, generatedAt: string, day: DayContext): Snapshot[] {
  const restated = restatements(asOf, day.dayChanges);
  return ALL_REGIONS.map((region) => {
    const totals = totalsOf(states.get(region.code), asOf);
    const before = day.previous && totalsOf(day.previous.states.get(region.code), day.previous.asOf);
    return {
      asOf,
      provisional,
      generatedAt,
      region,
      totals,
      sincePrevious: before && day.previous
        ? { asOf: day.previous.asOf, figures: Object.fromEntries(HEADLINE_KEYS.map((f) => [f, totals[f] - before[f]])) }
        : null,
      restatedMonths: [...(restated.get(region.code) ?? [])].sort(),
      children: childrenOf(region.code).map((child) => ({ region: child, totals: totalsOf(states.get(child.code), asOf) })),
    };
  });
}
