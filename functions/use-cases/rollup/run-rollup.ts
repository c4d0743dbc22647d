import { addDays, beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { levelOn, type Term } from '#schemas/minister.ts';
import { PROVINCE_CODE, type RegionLevel } from '#schemas/regions.ts';
import { COUNTING_RULES } from '#functions/rollup/figures.ts';
import { foldDay, rebuilder, REGISTRY_KIND, type RollupState } from '#functions/rollup/fold.ts';
import { NegativeStateError } from '#functions/rollup/figures.ts';
import { type DayContext, snapshotsOf, type Snapshot } from '#functions/rollup/snapshot.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { RollupDeps } from '../deps.ts';
import { moveCards } from '../reporting/scorecard.ts';

/** The changes the rollup folds: of records of every kind of the catalogue, and of the branch registry. */
const KIND_NAMES = [...KINDS.map((kind) => kind.name), REGISTRY_KIND];

export type { RollupDeps };

export interface RollupOutcome {
  /** Days whose snapshots this run wrote, oldest first. */
  days: { date: string; provisional: boolean; changes: number }[];
  /** The province's snapshot for the requested day. */
  province: Snapshot;
  /** Days whose fold failed (the state it started from was inconsistent) and were rebuilt instead. */
  recovered: string[];
  /** The heads' cards moved to the end of a closed day (from their kept card), or counted in full. */
  cards?: { moved: number; counted: number };
}

/**
 * Whether a head the state has counted visits of began a term (a change of level or region) after
 * the state's day. A head's first term does not count: nothing of theirs was counted before they
 * existed. Rare (heads change post a few times a year), so rebuilding that day costs little.
 */
function levelsMovedSince(terms: ReadonlyMap<string, readonly Term[]>, states: RollupState, asOf: string): boolean {
  const counted = states.get(PROVINCE_CODE)?.ministers ?? {};
  for (const [id, own] of terms) if (counted[id] && own.slice(1).some((term) => term.from > asOf)) return true;
  return false;
}

/**
 * Roll up the figures as of the end of `date` (Beijing time).
 * 1. A closed day stays as it is (idempotent), unless a rebuild is asked for.
 * 2. Start from the newest closed day before `date`; with none (or one closed under other counting
 *    rules, see COUNTING_RULES), rebuild from every change so far.
 * 3. Fold each following day's changes in turn (a missed night is caught up), closing every day
 *    that has ended: its states, its snapshots, then its marker. A day whose base counted visits of
 *    a head who has since changed level or region is rebuilt instead (see levelsMovedSince). A fold that finds its base
 *    inconsistent (a state would go below zero) alerts, naming the day and the cause, and that day
 *    is rebuilt instead, so one bad night never blocks the ones after it.
 * 4. A day still under way gets provisional snapshots (and the states behind them) only, replaced
 *    by later runs.
 * 5. For a closed day, every head's card is moved to its end (moveCards), even when the day was
 *    closed already: a run stopped between the two catches up, and a card already there stays.
 */
export async function runRollup(deps: RollupDeps, date: string, options: { rebuild?: boolean } = {}): Promise<RollupOutcome> {
  const outcome = await rollUp(deps, date, options);
  if (!deps.cards || date >= beijingDate(deps.clock.now())) return outcome;
  return { ...outcome, cards: await moveCards(deps.cards, date) };
}

async function rollUp(deps: RollupDeps, date: string, options: { rebuild?: boolean } = {}): Promise<RollupOutcome> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  if (date > today) throw new Error(`${date} has not begun yet (today is ${today}, Beijing time)`);
  const generatedAt = now.toISOString();
  const terms = await deps.rollups.ministerTerms();
  // A visit counts under the level its head held on its date; a head unknown (never stored) as a county head.
  const levels = (id: string, date: string): RegionLevel => {
    const own = terms.get(id);
    return own ? levelOn(own, date) : 'county';
  };
  const days: RollupOutcome['days'] = [];
  const recovered: string[] = [];

  const store = async (day: string, states: RollupState, context: DayContext) => {
    const provisional = day >= today;
    const snapshots = snapshotsOf(states, day, provisional, generatedAt, context);
    if (provisional) await deps.rollups.putProvisional(snapshots, states);
    else await deps.rollups.closeDay(day, states, snapshots, generatedAt);
    days.push({ date: day, provisional, changes: context.dayChanges.length });
    return snapshots;
  };
  const provinceOf = (snapshots: Snapshot[]) => snapshots.find((s) => s.region.level === 'province')!;
  /** Every change received by the end of `day`, folded a page at a time as the scan reads them. */
  const rebuildAsOf = async (day: string) => {
    const pages = rebuilder(levels);
    await deps.rollups.pageChangesBefore(endOfBeijingDay(day), KIND_NAMES, (segment, changes) => pages.add(segment, changes));
    return pages.finish();
  };

  if (!options.rebuild && (await deps.rollups.isClosed(date))) {
    return { days, province: (await deps.rollups.snapshot(PROVINCE_CODE, date))!, recovered };
  }

  const closed = options.rebuild ? undefined : await deps.rollups.lastClosedDayBefore(date);
  // A day closed under other counting rules is no base to fold onto: rebuild.
  const base = closed?.countingRules === COUNTING_RULES ? closed.date : undefined;
  if (!base) {
    const states = await rebuildAsOf(date);
    const dayBefore = addDays(date, -1);
    const previous = (await deps.rollups.isClosed(dayBefore)) ? { asOf: dayBefore, states: await deps.rollups.statesOf(dayBefore) } : undefined;
    // The day's own changes, whole (their versions before too), for what the day restated.
    const dayChanges = await deps.rollups.changesOfDay(date, KIND_NAMES);
    return { days, province: provinceOf(await store(date, states, { previous, dayChanges })), recovered };
  }

  let states = await deps.rollups.statesOf(base);
  let asOf = base;
  let snapshots: Snapshot[] = [];
  for (let day = addDays(base, 1); day <= date; day = addDays(day, 1)) {
    const dayChanges = await deps.rollups.changesOfDay(day, KIND_NAMES);
    const previous = { asOf, states };
    try {
      // The state was counted with the terms known when it was closed: a term begun since may move a
      // visit it counted (one dated on or after that term's first day) to another level, which a fold
      // would not see, and a correction of that visit would remove it from a level it had not been added to.
      states = levelsMovedSince(terms, states, asOf) ? await rebuildAsOf(day) : foldDay(states, dayChanges, levels);
    } catch (error) {
      if (!(error instanceof NegativeStateError)) throw error;
      // The base is not what the rules would have made it: this day is rebuilt from every change, so
      // later nights fold on a sound state again, and people are told which day and why.
      await deps.alert?.({ day, cause: error.message, recovered: true });
      states = await rebuildAsOf(day);
      recovered.push(day);
    }
    snapshots = await store(day, states, { previous, dayChanges });
    asOf = day;
  }
  return { days, province: provinceOf(snapshots), recovered };
}
