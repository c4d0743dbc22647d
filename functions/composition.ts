import { tableConfig } from './config.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { makeRecordDeps } from './record-deps.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import type { Clock } from './use-cases/deps.ts';

/**
 * Module-scope wiring for the deployed functions (and the local server, which runs the same
 * handlers): config is read and the client made once per cold start. Tests build their own.
 */
const config = tableConfig();
const storeDeps = { client: createDocumentClient(config), tableName: config.TABLE_NAME };
const clock: Clock = { now: () => new Date() };

export const recordDeps = makeRecordDeps(storeDeps, clock);
export const ministerDeps = { ministers: recordDeps.ministers, clock };
/** The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client. */
export const rollupDeps = {
  rollups: rollupRepository({ ...storeDeps, client: createDocumentClient(config, { requestTimeoutMs: 30_000 }) }),
  clock,
};
