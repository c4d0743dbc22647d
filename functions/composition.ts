import { type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { resumeCodec } from './adapters/cursor.ts';
import { systemClock } from './system-clock.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import { attachmentReader } from './repositories/attachment-repository.ts';
import type { BranchDeps, Clock, MinisterDeps, RecordDeps, RollupDeps } from './use-cases/deps.ts';

export { systemClock };

/** The repositories of every kind of the catalogue and of the ministers, over one table. */
export function makeRecordDeps(store: StoreDeps, clock: Clock = systemClock): RecordDeps {
  return { records: recordRepository(store), ministers: ministerRepository(store), branches: branchRepository(store), attachments: attachmentReader(store), resumes: resumeCodec, clock };
}

export interface AppDeps {
  records: RecordDeps;
  ministers: MinisterDeps;
  rollups: RollupDeps;
  branches: BranchDeps;
}

/** Everything the handlers use, over the table `config` names. */
export function makeAppDeps(config: TableConfig, clock: Clock = systemClock, records: RecordDeps = makeRecordDeps(tableStore(config), clock)): AppDeps {
  const rollups = rollupRepository(rollupStore(config));
  return {
    records,
    ministers: { ministers: records.ministers, branches: records.branches, clock },
    rollups: { rollups, clock },
    branches: { branches: records.branches, rollups, clock },
  };
}

const stores = new WeakMap<TableConfig, StoreDeps>();
/** One client per table config, shared by whatever a function builds over it. */
const tableStore = (config: TableConfig): StoreDeps => {
  let store = stores.get(config);
  if (!store) stores.set(config, store = { client: createDocumentClient(config), tableName: config.TABLE_NAME });
  return store;
};

/** The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client. */
const rollupStore = (config: TableConfig): StoreDeps => ({ client: createDocumentClient(config, { requestTimeoutMs: 30_000 }), tableName: config.TABLE_NAME });

let built: AppDeps | undefined;
let records: RecordDeps | undefined;
let rollups: RollupDeps | undefined;
let branches: BranchDeps | undefined;

/**
 * The deployed functions' dependencies, built on first use (so a cold start reads config and makes
 * its clients once, and importing a handler reads nothing). Handlers take these as the default of
 * what they are given: tests and CLIs inject their own instead.
 */
export const appDeps = (): AppDeps => (built ??= makeAppDeps(tableConfig(), systemClock, recordDeps()));
export const recordDeps = (): RecordDeps => (records ??= makeRecordDeps(tableStore(tableConfig())));
export const ministerDeps = (): MinisterDeps => {
  const { ministers, branches, clock } = recordDeps();
  return { ministers, branches, clock };
};
/** Each function's dependencies are built apart, so its bundle carries only the repositories it uses. */
export const rollupDeps = (): RollupDeps => (rollups ??= { rollups: rollupRepository(rollupStore(tableConfig())), clock: systemClock });
export const branchDeps = (): BranchDeps => (branches ??= {
  branches: branchRepository(tableStore(tableConfig())), rollups: rollupDeps().rollups, clock: systemClock,
});
