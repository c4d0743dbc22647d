import { type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { systemClock } from './system-clock.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import { cardRepository } from './repositories/card-repository.ts';
import { makeRecordDeps, recordDeps, tableStore } from './composition.ts';
import type { BranchDeps, Clock, MinisterDeps, RecordDeps, RollupDeps } from './use-cases/deps.ts';

/**
 * The dependencies of the functions that read or write the rollup's items (the nightly rollup, the
 * summary, the registry): apart from composition.ts, so that a records function's bundle carries
 * none of the rollup repository and its items' schemas.
 */
export interface AppDeps {
  records: RecordDeps;
  ministers: MinisterDeps;
  rollups: RollupDeps;
  branches: BranchDeps;
}

/** The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client. */
const rollupStore = (config: TableConfig): StoreDeps => ({ client: createDocumentClient(config, { requestTimeoutMs: 30_000 }), tableName: config.TABLE_NAME });

/** Everything the handlers use, over the table `config` names. */
export function makeAppDeps(config: TableConfig, clock: Clock = systemClock, records: RecordDeps = makeRecordDeps(tableStore(config), clock)): AppDeps {
  const store = rollupStore(config);
  const rollups = rollupRepository(store);
  return {
    records,
    ministers: { ministers: records.ministers, branches: records.branches, clock },
    rollups: { rollups, clock, cards: { ...records, cards: cardRepository(store) } },
    branches: { branches: records.branches, rollups, clock },
  };
}

let built: AppDeps | undefined;
let rollups: RollupDeps | undefined;
let branches: BranchDeps | undefined;

/** The deployed functions' dependencies, built on first use (see composition.ts). */
export const appDeps = (): AppDeps => (built ??= makeAppDeps(tableConfig(), systemClock, recordDeps()));
export const rollupDeps = (): RollupDeps => (rollups ??= {
  rollups: rollupRepository(rollupStore(tableConfig())), clock: systemClock, cards: { ...recordDeps(), cards: cardRepository(tableStore(tableConfig())) },
});
export const branchDeps = (): BranchDeps => (branches ??= {
  branches: branchRepository(tableStore(tableConfig())), rollups: rollupDeps().rollups, clock: systemClock,
});
