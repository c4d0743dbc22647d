import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { cardReader } from './repositories/card-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { trailReader } from './repositories/trail-reader.ts';
import type { ScorecardDeps } from './use-cases/reporting/scorecard.ts';

/**
 * The province's scorecards read the heads, their trails and the cards the nightly keeps (read
 * only): apart from rollup-composition.ts, whose rollup items the scorecards function does not carry,
 * and without the record repository's writes.
 */
let scorecards: ScorecardDeps | undefined;
export const scorecardDeps = (): ScorecardDeps => {
  if (scorecards) return scorecards;
  const store = tableStore(tableConfig());
  return (scorecards = { ministers: ministerRepository(store), branches: branchRepository(store), records: trailReader(store), clock: systemClock, cards: cardReader(store) });
};
