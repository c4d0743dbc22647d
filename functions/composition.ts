import { type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import type { BranchDeps, Clock, MinisterDeps, RecordDeps, RollupDeps } from './use-cases/deps.ts';

/** The one clock of the deployed functions: the system's. Tests, the seed and the CLIs pass their own. */
export const systemClock: Clock = { now: () => new Date() };

/** The repositories of every kind of the catalogue and of the ministers, over one table. */
export function makeRecordDeps(store: StoreDeps, clock: Clock = systemClock): RecordDeps {
  return { records: recordRepository(store), ministers: ministerRepository(store), branches: branchRepository(store), clock };
}

export interface AppDeps {
  records: RecordDeps;
  ministers: MinisterDeps;
  rollups: RollupDeps;
  branches: BranchDeps;
}

/** Everything the handlers use, over the table `config` names. */
export function makeAppDeps(config: TableConfig, clock: Clock = systemClock): AppDeps {
  const store = { client: createDocumentClient(config), tableName: config.TABLE_NAME };
  const records = makeRecordDeps(store, clock);
  // The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client.
  const rollups = rollupRepository({ ...store, client: createDocumentClient(config, { requestTimeoutMs: 30_000 }) });
  return {
    records,
    ministers: { ministers: records.ministers, branches: records.branches, clock },
    rollups: { rollups, clock },
    branches: { branches: records.branches, rollups, clock },
  };
}

let built: AppDeps | undefined;

/**
 * The deployed functions' dependencies, built on first use (so a cold start reads config and makes
 * its clients once, and importing a handler reads nothing). Handlers take these as the default of
 * what they are given: tests and CLIs inject their own instead.
 */
export const appDeps = (): AppDeps => (built ??= makeAppDeps(tableConfig()));
export const recordDeps = (): RecordDeps => appDeps().records;
export const ministerDeps = (): MinisterDeps => appDeps().ministers;
export const rollupDeps = (): RollupDeps => appDeps().rollups;
export const branchDeps = (): BranchDeps => appDeps().branches;
