import { tableConfig } from './config.ts';
import { recordDeps, tableStore } from './composition.ts';
import { cardReader } from './repositories/card-repository.ts';
import type { ScorecardDeps } from './use-cases/reporting/scorecard.ts';

/**
 * The province's scorecards read the records and the heads' cards the nightly keeps (read only):
 * apart from rollup-composition.ts, whose rollup items the scorecards function does not carry.
 */
let scorecards: ScorecardDeps | undefined;
export const scorecardDeps = (): ScorecardDeps => (scorecards ??= { ...recordDeps(), cards: cardReader(tableStore(tableConfig())) });
