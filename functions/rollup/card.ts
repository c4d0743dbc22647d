import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { applyChange, type Contribution, contributionOf, emptyState, type MinisterLevels, type RegionState } from './figures.ts';

/**
 * What a head's scorecard of a year counts, folded: the province-level rollup state of the records
 * that count for it, and how many of each kind count. Visited branches are the state's own `branches`
 * multiset (branch key → counted visits), so a visit taken out removes its branch only with its last visit.
 */
export interface CardTally {
  state: RegionState;
  /** Kind → records that count. */
  counted: Record<string, number>;
}

/**
 * A head's card as the nightly keeps it (items/card.ts): the tally of every trail entry received
 * before `asOf` (an instant: the end of the Beijing day the nightly closed), under the head's
 * version then (a head whose terms changed since is counted anew: a visit counts under its head's level).
 */
export interface HeadCard extends CardTally {
  ministerId: string;
  year: number;
  asOf: string;
  minister: { version: number; updatedAt: string };
  /** The edition of the counting rules it was counted under (COUNTING_RULES): under others it is no base to move from. */
  countingRules: number;
}

export const emptyTally = (kinds: readonly string[]): CardTally => ({ state: emptyState(), counted: Object.fromEntries(kinds.map((k) => [k, 0])) });

/**
 * What a version counts on a head's card of `year`, or undefined: counted in the year of its own date
 * (a visit's, a problem's foundOn, …), as the rollup counts it.
 */
export function cardContribution(kind: Kind, version: FormRecord | undefined, year: number, levels: MinisterLevels): Contribution | undefined {
  if (!version || Number(kind.dateOf(version).slice(0, 4)) !== year) return undefined;
  return contributionOf(kind, version, levels);
}

/**
 * A record's contribution moved on a tally (before out, after in). Folded at the province alone: its
 * state is what a fold over the record's county and prefecture would leave there (a card's records
 * register no branch, so coverage never moves), at a third of the work.
 */
export function moveTally(tally: CardTally, kind: string, before: Contribution | undefined, after: Contribution | undefined): void {
  const atProvince = (c: Contribution | undefined) => c && { ...c, regionCode: PROVINCE_CODE };
  applyChange(new Map([[PROVINCE_CODE, tally.state]]), atProvince(before), atProvince(after));
  tally.counted[kind] = (tally.counted[kind] ?? 0) + (after ? 1 : 0) - (before ? 1 : 0);
}

/** The latest of a record's entries in a trail: its version there, or undefined when it left (a marker) or has none. */
export function latestIn<E extends { version: number } & ({ after: FormRecord } | { handedOver: true })>(entries: Iterable<E>): FormRecord | undefined {
  let latest: E | undefined;
  // The first of equal versions wins, as a trail read in key order has it.
  for (const entry of entries) if ((latest?.version ?? 0) < entry.version) latest = entry;
  return latest && 'after' in latest ? latest.after : undefined;
}
