import { type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { resumeCodec } from './adapters/cursor.ts';
import { systemClock } from './system-clock.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { attachmentReader } from './repositories/attachment-repository.ts';
import type { Clock, MinisterDeps, RecordDeps } from './use-cases/deps.ts';

export { systemClock };

/** The repositories of every kind of the catalogue and of the ministers, over one table. */
export function makeRecordDeps(store: StoreDeps, clock: Clock = systemClock): RecordDeps {
  return { records: recordRepository(store), ministers: ministerRepository(store), branches: branchRepository(store), attachments: attachmentReader(store), resumes: resumeCodec, clock };
}

const stores = new WeakMap<TableConfig, StoreDeps>();
/** One client per table config, shared by whatever a function builds over it. */
export const tableStore = (config: TableConfig): StoreDeps => {
  let store = stores.get(config);
  if (!store) stores.set(config, store = { client: createDocumentClient(config), tableName: config.TABLE_NAME });
  return store;
};

let records: RecordDeps | undefined;

/**
 * The deployed functions' dependencies, built on first use (so a cold start reads config and makes
 * its clients once, and importing a handler reads nothing). Handlers take these as the default of
 * what they are given: tests and CLIs inject their own instead. The rollup's and the registry's are in
 * rollup-composition.ts, so that a function of the records carries none of the rollup's items.
 */
export const recordDeps = (): RecordDeps => (records ??= makeRecordDeps(tableStore(tableConfig())));
export const ministerDeps = (): MinisterDeps => {
  const { ministers, branches, clock } = recordDeps();
  return { ministers, branches, clock };
};
