import type { MonthState, MonthTrailEntry } from '#schemas/months.ts';
import type { NewNotice } from '#functions/domain/notices.ts';
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
   * The steps (a month and, on a confirm, its children) and the notices they make, in one
   * transaction; false when any month moved since it was read.
   */
  write(steps: readonly MonthStep[], notices: readonly NewNotice[]): Promise<boolean>;
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
