import { tableConfig } from './config.ts';
import { createDocumentClient } from './adapters/dynamodb-client.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { visitRepository } from './repositories/visit-repository.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import type { Clock } from './use-cases/deps.ts';

/**
 * Module-scope wiring for the deployed functions (and the local server, which runs the same
 * handlers): config is read and the client made once per cold start. Tests build their own.
 */
const config = tableConfig();
const storeDeps = { client: createDocumentClient(config), tableName: config.TABLE_NAME };
const clock: Clock = { now: () => new Date() };

const ministers = ministerRepository(storeDeps);
export const ministerDeps = { ministers, clock };
const visits = visitRepository(storeDeps, ministers);
export const visitDeps = { visits, clock };
export const scorecardDeps = { ministers, visits, clock };
/** The rollup reads whole 1 MB pages and writes batches: a batch job's timeout, its own client. */
export const rollupDeps = {
  rollups: rollupRepository({ ...storeDeps, client: createDocumentClient(config, { requestTimeoutMs: 30_000 }) }),
  clock,
};
