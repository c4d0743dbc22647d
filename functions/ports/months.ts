import type { MonthAction, MonthState, MonthTrailEntry } from '#schemas/months.ts';
import type { Page } from './records.ts';

/** A region's month as the table keeps it (items/month.ts). */
export interface StoredMonth {
  region: string;
  month: string;
  state: MonthState;
  /** 0 for a month never acted on (no item). */
  version: number;
  updatedAt: string;
  trail: MonthTrailEntry[];
}

/** A step taken on a month, as the notices read it: the month's version and state after it, and its trail entry. */
export interface MonthStepEntry {
  region: string;
  month: string;
  version: number;
  state: MonthState;
  action: MonthAction;
  by: string;
  at: string;
  reason?: string;
}

/** One month's next version, written only if the stored one is still `previousVersion` (0: none stored). */
export interface MonthStep {
  next: StoredMonth;
  previousVersion: number;
}

/** The months of the monthly close (repositories/month-repository.ts). */
export interface MonthRepository {
  /** Each asked month of each region, an open one at version 0 where none is stored. */
  getMany(regions: readonly string[], month: string): Promise<StoredMonth[]>;
  /** The stored months of a region from `from` to `to` (YYYY-MM, inclusive), oldest first. */
  list(region: string, request: { from?: string; to?: string; state?: MonthState; limit: number; cursor?: string }): Promise<Page<StoredMonth>>;
  /**
   * The months a step moves (the month and, on a confirm, those below it) and the step's entry (what
   * the notices are made of, off the request: items/month.ts), in one transaction; false when any
   * month moved since it was read.
   */
  write(steps: readonly MonthStep[], entry: MonthStepEntry): Promise<boolean>;
  /**
   * The records dated in the month whose place is exactly this region code (a county, or a
   * prefecture's or the province's own records): those not withdrawn, and those awaiting review.
   */
  counts(regionCode: string, month: string): Promise<{ records: number; awaitingReview: number }>;
}

/** The states of given months, in one read: what a record write checks (the lock), and what the summary shows (the sign-off). */
export interface MonthStates {
  states(keys: readonly { region: string; month: string }[]): Promise<StoredMonth[]>;
}
