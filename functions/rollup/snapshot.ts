import { ALL_REGIONS, childrenOf, type Region } from '#schemas/regions.ts';
import { ADDITIVE_FIGURES, regionsOf, totalsOf, type Totals } from './figures.ts';
import type { RollupState, VisitChange } from './fold.ts';

const HEADLINE = ['ministers', ...ADDITIVE_FIGURES] as const;
type Headline = (typeof HEADLINE)[number];

/** One region's figures as of the end of a Beijing day (the body of GET /summary). */
export interface Snapshot {
  asOf: string;
  /** The day has not ended yet: later runs replace this snapshot. */
  provisional: boolean;
  generatedAt: string;
  region: Region;
  totals: Totals;
  /** The headline figures' change since the previous day's snapshot (null when there is none to compare). */
  sincePrevious: { asOf: string; figures: Record<Headline, number> } | null;
  /**
   * Earlier activity months (visit dates, YYYY-MM) whose figures in this region changed through
   * changes received this day: late reports, corrections or withdrawals of past months' visits.
   */
  restatedMonths: string[];
  children: { region: Region; totals: Totals }[];
}

/** What a day's snapshots are compared against: the previous day's states, and the day's own changes. */
export interface DayContext {
  previous?: { asOf: string; states: RollupState };
  dayChanges: readonly VisitChange[];
}

/** Region → months before `asOf`'s month touched by the day's changes (either side of a change). */
function restatements(asOf: string, changes: readonly VisitChange[]): Map<string, Set<string>> {
  const currentMonth = asOf.slice(0, 7);
  const byRegion = new Map<string, Set<string>>();
  for (const change of changes) {
    for (const version of [change.before, change.after]) {
      const month = version?.date.slice(0, 7);
      if (!version || !month || month >= currentMonth) continue;
      for (const region of regionsOf(version.branch.countyCode)) {
        if (!byRegion.has(region)) byRegion.set(region, new Set());
        byRegion.get(region)!.add(month);
      }
    }
  }
  return byRegion;
}

/** Every region's snapshot, each with its children's totals, so a reader needs one item. */
export function snapshotsOf(states: RollupState, asOf: string, provisional: boolean, generatedAt: string, day: DayContext): Snapshot[] {
  const restated = restatements(asOf, day.dayChanges);
  return ALL_REGIONS.map((region) => {
    const totals = totalsOf(states.get(region.code));
    const before = day.previous && totalsOf(day.previous.states.get(region.code));
    return {
      asOf,
      provisional,
      generatedAt,
      region,
      totals,
      sincePrevious: before && day.previous
        ? { asOf: day.previous.asOf, figures: Object.fromEntries(HEADLINE.map((f) => [f, totals[f] - before[f]])) as Record<Headline, number> }
        : null,
      restatedMonths: [...(restated.get(region.code) ?? [])].sort(),
      children: childrenOf(region.code).map((child) => ({ region: child, totals: totalsOf(states.get(child.code)) })),
    };
  });
}
