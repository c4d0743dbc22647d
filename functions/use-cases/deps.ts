import type { MinisterRepository } from '#functions/repositories/minister-repository.ts';
import type { VisitRepository } from '#functions/repositories/visit-repository.ts';

/** Who acts and under which API request: recorded in every change entry. */
export interface Actor {
  by: string;
  requestId: string;
}

export interface Clock {
  now(): Date;
}

export interface VisitDeps {
  visits: VisitRepository;
  clock: Clock;
}

export interface MinisterDeps {
  ministers: MinisterRepository;
  clock: Clock;
}
