import { evidenceConfig, tableConfig } from './config.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { attachmentRepository } from './repositories/attachment-repository.ts';
import { createS3Client, evidenceObjects } from './adapters/evidence-files.ts';
import { evidenceUrls } from './adapters/evidence-urls.ts';
import type { AttachmentDeps, VerifyDeps } from './use-cases/deps.ts';
import { systemClock } from './system-clock.ts';

/**
 * The evidence functions' composition, apart from composition.ts: their bundles then carry none of
 * the heads', the registry's or the rollup's repositories (nor their items' declarations).
 */
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
