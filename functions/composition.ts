import { evidenceConfig, type TableConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { branchRepository } from './repositories/branch-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { type RollupRepository, rollupRepository } from './repositories/rollup-repository.ts';
import { attachmentReader, attachmentRepository } from './repositories/attachment-repository.ts';
import { createS3Client, evidenceObjects } from './adapters/evidence-files.ts';
import { evidenceUrls } from './adapters/evidence-urls.ts';
import type { AttachmentDeps, BranchDeps, Clock, MinisterDeps, RecordDeps, RollupDeps, VerifyDeps } from './use-cases/deps.ts';

/** The one clock of the deployed functions: the system's. Tests, the seed and the CLIs pass their own. */
export const systemClock: Clock = { now: () => new Date() };

/** The repositories of every kind of the catalogue and of the ministers, over one table. */
export function makeRecordDeps(store: StoreDeps, clock: Clock = systemClock): RecordDeps {
  return { records: recordRepository(store), ministers: ministerRepository(store), branches: branchRepository(store), attachments: attachmentReader(store), clock };
}

export interface AppDeps {
  records: RecordDeps;
  ministers: MinisterDeps;
  rollups: RollupDeps;
  branches: BranchDeps;
}

const storeOf = (config: TableConfig): StoreDeps => ({ client: createDocumentClient(config), tableName: config.TABLE_NAME });

// The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client.
const rollupsOf = (config: TableConfig) => rollupRepository({ ...storeOf(config), client: createDocumentClient(config, { requestTimeoutMs: 30_000 }) });
const ministersOf = (records: RecordDeps): MinisterDeps => ({ ministers: records.ministers, branches: records.branches, clock: records.clock });
const branchesOf = (records: RecordDeps, rollups: RollupRepository): BranchDeps => ({ branches: records.branches, rollups, clock: records.clock });

/** Everything the handlers use, over the table `config` names. */
export function makeAppDeps(config: TableConfig, clock: Clock = systemClock): AppDeps {
  const records = makeRecordDeps(storeOf(config), clock);
  const rollups = rollupsOf(config);
  return { records, ministers: ministersOf(records), rollups: { rollups, clock }, branches: branchesOf(records, rollups) };
}

/*
 * The deployed functions' dependencies, each part built on first use (so a cold start reads config
 * and makes its clients once, importing a handler reads nothing, and a function's bundle carries only
 * the repositories its part names). Handlers take these as the default of what they are given: tests
 * and CLIs inject their own instead.
 */
let store: StoreDeps | undefined;
const tableStore = (): StoreDeps => (store ??= storeOf(tableConfig()));
let records: RecordDeps | undefined;
let rollups: RollupRepository | undefined;
const rollupsOnce = (): RollupRepository => (rollups ??= rollupsOf(tableConfig()));

export const recordDeps = (): RecordDeps => (records ??= makeRecordDeps(tableStore()));
export const ministerDeps = (): MinisterDeps => ministersOf(recordDeps());
export const rollupDeps = (): RollupDeps => ({ rollups: rollupsOnce(), clock: systemClock });
export const branchDeps = (): BranchDeps => branchesOf(recordDeps(), rollupsOnce());

let attachments: AttachmentDeps | undefined;
/** The attachment routes' dependencies: the table's, and the bucket's presigner (no S3 client: they only hand out URLs). */
export const attachmentDeps = (): AttachmentDeps => (attachments ??= (() => {
  const store = tableStore();
  const config = evidenceConfig();
  return { records: recordRepository(store), attachments: attachmentRepository(store), files: evidenceUrls(config, config.EVIDENCE_BUCKET), clock: systemClock };
})());

let verify: VerifyDeps | undefined;
/** The verify function's dependencies: the table's, and an S3 client to read what arrived (made on first use). */
export const verifyDeps = (): VerifyDeps => (verify ??= (() => {
  const config = evidenceConfig();
  return { attachments: attachmentRepository(tableStore()), objects: evidenceObjects(createS3Client(config), config.EVIDENCE_BUCKET), clock: systemClock };
})());
