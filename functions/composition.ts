import { type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { resumeCodec } from './adapters/cursor.ts';
import { systemClock } from './system-clock.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordLists } from './repositories/record-lists.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { attachmentReader } from './repositories/attachment-repository.ts';
import { monthStates } from './repositories/month-states.ts';
import type { MinisterRepository } from './ports/records.ts';
import type { Clock, ListDeps, MinisterDeps, RecordDeps } from './use-cases/deps.ts';

export { systemClock };

/** The repositories a record's own reads and writes use (and the heads' and the scorecards'), over one table. */
function recordParts(store: StoreDeps, clock: Clock): RecordDeps {
  return {
    records: recordRepository(store), ministers: ministerRepository(store), branches: branchRepository(store), attachments: attachmentReader(store),
    months: monthStates(store), clock,
  };
}

/**
 * The list routes' dependencies, apart from `recordParts`: a list function then carries none of the
 * record repository's writes, and a function of one record none of the lists' reads.
 */
function listParts(store: StoreDeps, clock: Clock, ministers: MinisterRepository = ministerRepository(store)): ListDeps {
  return { lists: recordLists(store), resumes: resumeCodec, ministers, clock };
}

/** Every repository of the records, the lists and the ministers, over one table: for tests, the seed and the CLIs. */
export function makeRecordDeps(store: StoreDeps, clock: Clock = systemClock): RecordDeps & ListDeps {
  const parts = recordParts(store, clock);
  return { ...parts, ...listParts(store, clock, parts.ministers) };
}

const stores = new WeakMap<TableConfig, StoreDeps>();
/** One client per table config, shared by whatever a function builds over it. */
export const tableStore = (config: TableConfig): StoreDeps => {
  let store = stores.get(config);
  if (!store) stores.set(config, store = { client: createDocumentClient(config), tableName: config.TABLE_NAME });
  return store;
};

let records: RecordDeps | undefined;
let lists: ListDeps | undefined;

/**
 * The deployed functions' dependencies, built on first use (so a cold start reads config and makes
 * its clients once, and importing a handler reads nothing). Handlers take these as the default of
 * what they are given: tests and CLIs inject their own instead. The rollup's and the registry's are in
 * rollup-composition.ts, so that a function of the records carries none of the rollup's items.
 */
export const recordDeps = (): RecordDeps => (records ??= recordParts(tableStore(tableConfig()), systemClock));
/** The list routes' (records by region or head, work lists, their counts, the suggestions ledger). */
export const listDeps = (): ListDeps => (lists ??= listParts(tableStore(tableConfig()), systemClock));
export const ministerDeps = (): MinisterDeps => {
  const { ministers, branches, clock } = recordDeps();
  return { ministers, branches, clock };
};
