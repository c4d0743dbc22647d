import { evidenceConfig, type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { resumeCodec } from './adapters/cursor.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import { attachmentReader, attachmentRepository } from './repositories/attachment-repository.ts';
import { createS3Client, evidenceObjects } from './adapters/evidence-files.ts';
import { evidenceUrls } from './adapters/evidence-urls.ts';
import type { AttachmentDeps, BranchDeps, Clock, MinisterDeps, RecordDeps, RollupDeps, VerifyDeps } from './use-cases/deps.ts';

/** The one clock of the deployed functions: the system's. Tests, the seed and the CLIs pass their own. */
export const systemClock: Clock = { now: () => new Date() };

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
  const store = tableStore(config);
  // The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client.
  const rollups = rollupRepository({ ...store, client: createDocumentClient(config, { requestTimeoutMs: 30_000 }) });
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

let built: AppDeps | undefined;
let records: RecordDeps | undefined;

/**
 * The deployed functions' dependencies, built on first use (so a cold start reads config and makes
 * its clients once, and importing a handler reads nothing). Handlers take these as the default of
 * what they are given: tests and CLIs inject their own instead.
 */
export const appDeps = (): AppDeps => (built ??= makeAppDeps(tableConfig(), systemClock, recordDeps()));
/** Apart from appDeps, so the records functions carry none of the rollup's repository. */
export const recordDeps = (): RecordDeps => (records ??= makeRecordDeps(tableStore(tableConfig())));
/** Over recordDeps' repositories, for the same reason. */
export const ministerDeps = (): MinisterDeps => {
  const { ministers, branches, clock } = recordDeps();
  return { ministers, branches, clock };
};
export const rollupDeps = (): RollupDeps => appDeps().rollups;
export const branchDeps = (): BranchDeps => appDeps().branches;

/** The table of the evidence functions (built apart from appDeps: they need none of the ministers' or the rollup's repositories). */
const evidenceStore = (): StoreDeps => ({ client: createDocumentClient(tableConfig()), tableName: tableConfig().TABLE_NAME });

let attachments: AttachmentDeps | undefined;
/** The attachment routes' dependencies: the table's, and the bucket's presigner (no S3 client: they only hand out URLs). */
export const attachmentDeps = (): AttachmentDeps => (attachments ??= (() => {
  const store = evidenceStore();
  const config = evidenceConfig();
  return { records: recordRepository(store), attachments: attachmentRepository(store), files: evidenceUrls(config, config.EVIDENCE_BUCKET), clock: systemClock };
})());

let verify: VerifyDeps | undefined;
/** The verify function's dependencies: the table's, and an S3 client to read what arrived (made on first use). */
export const verifyDeps = (): VerifyDeps => (verify ??= (() => {
  const config = evidenceConfig();
  return { attachments: attachmentRepository(evidenceStore()), objects: evidenceObjects(createS3Client(config), config.EVIDENCE_BUCKET), clock: systemClock };
})());
