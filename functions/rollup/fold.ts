import type { Visit } from '#schemas/visit.ts';
import { applyChange, contributionOf, type MinisterLevels, type RegionState } from './figures.ts';

/** What the rollup reads of a change entry (see the byDay index). */
export interface VisitChange {
  recordId: string;
  version: number;
  at: string;
  before: Visit | null;
  after: Visit;
}

export type RollupState = Map<string, RegionState>;

/**
 * Only a record's own versions must be applied in order (sums commute across records), so order by
 * record and version rather than by `at`, which comes from the clocks of different function instances.
 */
const inOrder = (a: VisitChange, b: VisitChange) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : a.version - b.version);

/**
 * The nightly step: yesterday's state plus one day's changes, each record's in version order.
 * Cost follows the day's changes, not the history. The previous state is left untouched.
 */
export function foldDay(previous: RollupState, changes: readonly VisitChange[], levels: MinisterLevels): RollupState {
  const states: RollupState = structuredClone(previous);
  for (const change of [...changes].sort(inOrder)) {
    applyChange(states, contributionOf(change.before, levels), contributionOf(change.after, levels));
  }
  return states;
}

/**
 * The full rebuild: every record at its latest version among the given changes (all those received
 * by the end of the day being rebuilt), folded into an empty state.
 */
export function rebuild(changes: readonly VisitChange[], levels: MinisterLevels): RollupState {
  const latest = new Map<string, VisitChange>();
  for (const change of changes) {
    const seen = latest.get(change.recordId);
    if (!seen || seen.version < change.version) latest.set(change.recordId, change);
  }
  const states: RollupState = new Map();
  for (const change of latest.values()) applyChange(states, undefined, contributionOf(change.after, levels));
  return states;
}
