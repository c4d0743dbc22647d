import type { BranchEntry } from '#schemas/branch.ts';
import type { ChangeAction, ChangeReason, FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { Condition, HeldKey, Intent, Kind } from '#schemas/kind.ts';
import type { Minister } from '#schemas/minister.ts';

/** What every stored record carries, whatever it records: the store keys and versions it by these. */
export interface VersionedRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One entry of the append-only trail, written in the same transaction as the record it describes. */
export interface ChangeEntry<T> {
  version: number;
  action: ChangeAction;
  /** Why it did more than its action asked (a correction that sent a decision back). */
  reason?: ChangeReason;
  at: string;
  /** The token subject of whoever made the change. */
  by: string;
  /** What a person knows them by, as it was when they made it (absent on entries written before names were kept). */
  byName?: string;
  requestId: string;
  before: T | null;
  after: T;
}

/** One page of a list, and where the next begins (null: this is the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An entry of a head's trail: a version of a record that was theirs, or the version that took it out of that trail. */
export type TrailEntry = { kind: string; recordId: string; version: number } & ({ after: FormRecord } | { handedOver: true });

/** A change received, and the heads whose records it changed (that of the version before, and after). */
export interface ReceivedChange {
  kind: string;
  recordId: string;
  /** The record's version it made. */
  version: number;
  at: string;
  ministerIds: string[];
}

/** A trail entry with the instant it was received (its place in the trail). */
export type ReceivedTrailEntry = TrailEntry & { at: string };

/**
 * Where a list made of another list's pages resumes (the suggestions of pages of visits): where that
 * page began (`page`, the other list's cursor, absent for its first page) and how many of its items
 * were used up already.
 */
export interface Resume {
  page?: string;
  skip: number;
}

/** Resumes as the opaque cursors clients hand back; a cursor that is none is the caller's error (400). */
export interface ResumeCodec {
  encode(resume: Resume): string;
  decode(cursor: string | undefined): Resume | undefined;
}

/** What a write stored, or whether the record's own condition failed (id taken, version moved) and which parts' did. */
export type WriteOutcome =
  | { ok: true }
  | { ok: false; record: boolean; parts: number[] };

/** What one write of a record stores: the record, its change entry, and what its kind's plan asked for. */
export interface RecordWrite<T> {
  record: T;
  change: ChangeEntry<T>;
  /** The version being replaced; absent for a new record (whose id must then be new). */
  expectedVersion?: number;
  fingerprint?: string;
  intents: readonly Intent[];
  /** The change entry of a revised record of another kind is stamped like this write's. */
  at: string;
  by: string;
  byName?: string;
  requestId: string;
}

/**
 * The desk's work lists, each a sparse index: a record is in a list only while it is in the list's
 * state (repositories/state-lists.ts says which).
 */
export type StateList = 'review' | 'problems' | 'rectified' | 'accepted' | 'suggestions' | 'duplicates';

/** What a list's sort key says of a record: its region, its date (a problem's deadline), its id, and its weight (pending suggestions; else 1). */
export interface ListEntry {
  region: string;
  order: string;
  id: string;
  weight: number;
}

export interface ListPageRequest {
  limit: number;
  cursor?: string;
  /** Entries to keep, by what their sort key says (a date range, a deadline's light); all by default. */
  keep?: (entry: ListEntry) => boolean;
  /** `limit` counts the entries' weights (a visit's pending suggestions), not the entries. */
  weighed?: boolean;
}

/** The records of every kind of the catalogue, one at a time (repositories/record-repository.ts). */
export interface RecordRepository {
  get<T extends FormRecord>(kind: Kind<T>, id: string): Promise<{ record: T; fingerprint?: string } | undefined>;
  /** A stored record of a kind, as a kind's plan reads it (a revision of it keeps its create fingerprint). */
  read<T extends FormRecord>(kind: Kind<T>, id: string): Promise<T | undefined>;
  holderOf(key: HeldKey): Promise<string | undefined>;
  /**
   * A head's trail of a year (that of each version's date) up to `endExclusive` (ISO instant), with
   * the entries not yet backfilled into years (which may be of another year: the caller checks).
   */
  trail(ministerId: string, year: number, endExclusive: string): Promise<TrailEntry[]>;
  history<T extends FormRecord>(kind: Kind<T>, id: string): Promise<ChangeEntry<T>[]>;
  /** The record, its change entry and its intents in one transaction; on failure, which intents' conditions failed. */
  write<T extends FormRecord>(kind: Kind<T>, write: RecordWrite<T>): Promise<WriteOutcome & { intents?: number[] }>;
}

/**
 * The lists of records and the work lists' counts (repositories/record-lists.ts): what the list
 * routes page through, apart from the repository, so that a function writing or reading one record
 * carries none of it.
 */
export interface RecordLists {
  /** A page of a kind's records by minister or region, `conditions` being the kind's own. */
  list<T extends FormRecord>(kind: Kind<T>, query: RecordListQuery, conditions?: readonly Condition[]): Promise<Page<T>>;
  /** The desk's work lists: one page of a list in a region, full up to `limit` unless the list ends. */
  page<T extends FormRecord>(list: StateList, kind: Kind<T>, region: string, request: ListPageRequest): Promise<Page<T>>;
  /** The work lists' counters, kept by each write: by region code, each list's count by attribute. */
  counts(regions: readonly string[]): Promise<Map<string, Map<string, number>>>;
}

/** A version of a branch of the registry to store, with its change entry. */
export interface BranchWrite {
  entry: BranchEntry;
  change: ChangeEntry<BranchEntry>;
  /** The version being replaced; absent for a new branch (whose id must then be new). */
  previous?: BranchEntry;
}

export type BranchWriteOutcome = { ok: true } | { ok: false; conflict: 'version' | 'code' | 'name' };

/** The branch registry (repositories/branch-repository.ts). */
export interface BranchRepository {
  get(id: string): Promise<BranchEntry | undefined>;
  /** The branch holding a code, or a county-and-name, if any. */
  holderOf(key: HeldKey): Promise<string | undefined>;
  write(write: BranchWrite): Promise<BranchWriteOutcome>;
  list(query: { region?: string; type?: string; status?: string; q?: string; limit: number; cursor?: string }): Promise<Page<BranchEntry>>;
}

/** A head's record to store, with its change entry and the fingerprint of the body that made it. */
export interface MinisterWrite {
  record: Minister;
  change: ChangeEntry<Minister>;
  fingerprint: string;
}

/** The heads (repositories/minister-repository.ts). */
export interface MinisterRepository {
  get(id: string): Promise<Minister | undefined>;
  /** A head's name, or undefined for one never stored. */
  nameOf(id: string): Promise<string | undefined>;
  /** The names of these heads, read together (those never stored: not in the map). */
  namesOf(ids: readonly string[]): Promise<Map<string, string>>;
  getWithFingerprint(id: string): Promise<{ record: Minister; fingerprint?: string } | undefined>;
  /** A new head; fails (record: true) if the id is taken. */
  create(write: MinisterWrite): Promise<WriteOutcome>;
  /** The next version; fails (record: true) unless the stored version is `expectedVersion`. */
  replace(write: MinisterWrite & { expectedVersion: number }): Promise<WriteOutcome>;
  list(query: { region?: string; limit: number; cursor?: string }): Promise<Page<Minister>>;
}
