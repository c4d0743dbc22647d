import type { FormRecord } from '#schemas/form.ts';
import type { Caller } from '#functions/auth/caller.ts';
import type { MinisterRepository } from '#functions/repositories/minister-repository.ts';
import type { RecordRepository } from '#functions/repositories/record-repository.ts';
import type { VisitSideItems } from '#functions/repositories/visit-side-items.ts';

/** Who acts and under which API request: recorded in every change entry. */
export interface Actor {
  by: string;
  requestId: string;
  /**
   * The signed-in caller whose rights bound what this may do. Absent only when the system itself
   * acts (the seed, the CLI, tests of the use cases): every signed-in route has one.
   */
  caller?: Caller;
}

export interface Clock {
  now(): Date;
}

export interface RecordDeps {
  /** The repository of each kind, by its form's `kind`. */
  records: Readonly<Record<string, RecordRepository<FormRecord>>>;
  ministers: MinisterRepository;
  /** A visit's suggestion pointers and same-day slots. */
  visitItems: VisitSideItems;
  clock: Clock;
}

export interface MinisterDeps {
  ministers: MinisterRepository;
  clock: Clock;
}
