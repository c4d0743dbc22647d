import type { FormRecord } from '#schemas/form.ts';
import type { Term } from '#schemas/minister.ts';
import type { HeadCard } from '#functions/rollup/card.ts';
import type { ReceivedChange, ReceivedTrailEntry } from './records.ts';
import type { RegionState } from '#functions/rollup/figures.ts';
import type { Change, RollupState } from '#functions/rollup/fold.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';

/** What the rollup stores and reads (repositories/rollup-repository.ts). */
export interface RollupRepository {
  /** A day's changes of records of `kinds`, by the Beijing day they were received. */
  changesOfDay(date: string, kinds: readonly string[]): Promise<Change[]>;
  /**
   * Every change of records of `kinds` received before `endExclusive` (ISO instant), without the
   * version before: a full rebuild's input, handed to `onPage` a page at a time, each stream
   * (`segment`) in key order (a record's changes together, oldest version first).
   */
  pageChangesBefore(endExclusive: string, kinds: readonly string[], onPage: (segment: number, changes: Change[]) => void): Promise<void>;
  /** Every head's terms (level and region over time), by id. */
  ministerTerms(): Promise<Map<string, Term[]>>;
  /** The newest closed day strictly before `date`, and the edition of the counting rules it was closed under. */
  lastClosedDayBefore(date: string): Promise<{ date: string; countingRules?: number } | undefined>;
  isClosed(date: string): Promise<boolean>;
  /** One region's state behind its newest snapshot (provisional or closed). */
  newestState(region: string): Promise<{ date: string; state: RegionState } | undefined>;
  statesOf(date: string): Promise<RollupState>;
  /** These regions' states as of a closed day (a region nothing counted in: none). */
  closedStates(date: string, regions: readonly string[]): Promise<RollupState>;
  /** A closed day: its states and snapshots, then its marker. */
  closeDay(date: string, states: RollupState, snapshots: Snapshot[], closedAt: string): Promise<void>;
  /** Snapshots of a day still under way, and the state behind each. */
  putProvisional(snapshots: Snapshot[], states: RollupState): Promise<void>;
  /** A region's snapshots from `from` to `to` (inclusive), oldest first. */
  snapshots(region: string, from: string, to: string): Promise<Snapshot[]>;
  snapshot(region: string, date?: string): Promise<Snapshot | undefined>;
}

/** One version of a record. */
export interface VersionKey {
  kind: string;
  recordId: string;
  version: number;
}

/** A record as one of its versions made it. */
export interface RecordVersion extends VersionKey {
  after: FormRecord;
}

/** The heads' scorecards the nightly keeps, one per head and year, and what moves them (repositories/card-repository.ts). */
export interface CardReader {
  /** The cards of these heads for a year, by head id (a head never carded: none). */
  get(year: number, ministerIds: readonly string[]): Promise<Map<string, HeadCard>>;
  /** Every change entry received from `from` (inclusive) up to `endExclusive` (ISO instants), by the days it was received. */
  changesReceived(from: string, endExclusive: string): Promise<ReceivedChange[]>;
  /**
   * One record's items in a head's trail of a year (and among the entries not yet backfilled), each
   * with when it was received: the record's place in that trail as of any instant, in a few items.
   */
  recordTrail(kind: string, id: string, ministerId: string, year: number): Promise<ReceivedTrailEntry[]>;
  /** These versions of records, from their change entries (a version never stored: none). */
  versions(keys: readonly VersionKey[]): Promise<RecordVersion[]>;
}

export interface CardRepository extends CardReader {
  put(cards: readonly HeadCard[]): Promise<void>;
}
