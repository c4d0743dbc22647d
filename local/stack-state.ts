import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { localDataDir } from '#local/paths.ts';
import { type AppDeps, makeAppDeps } from '#functions/rollup-composition.ts';
import { LOCAL_AWS_REGION, quietSdkNodeNotice } from '#local/handler-env.ts';
import { tableStore } from '#functions/composition.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';

/**
 * `<DATA_DIR>/stack.json`: written by `npm start` while it runs, so other local commands (seed,
 * rollup, token…) talk to the same DynamoDB Local and API instead of starting their own.
 */
export const stackStateSchema = z.object({
  apiUrl: z.url(),
  dynamodbEndpoint: z.url(),
  tableName: z.string().min(3),
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime(),
});

export type StackState = z.infer<typeof stackStateSchema>;

export class NoRunningStackError extends Error {
  constructor(reason: string) {
    super(`no local stack is running (${reason}): start it with npm start`);
    this.name = 'NoRunningStackError';
  }
}

export const stackStatePath = (dataDir: string): string => join(dataDir, 'stack.json');

export async function writeStackState(dataDir: string, state: StackState): Promise<void> {
  const file = stackStatePath(dataDir);
  // Written whole then renamed, so a reader never sees half a file.
  await writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify(stackStateSchema.parse(state), null, 2)}\n`);
  await rename(`${file}.${process.pid}.tmp`, file);
}

/** Removes the state file if it is `pid`'s (a second stack must not erase the first one's). */
export async function removeStackState(dataDir: string, pid: number = process.pid): Promise<void> {
  const state = await readStackState(dataDir);
  if (state?.pid === pid) await rm(stackStatePath(dataDir), { force: true });
}

async function readStackState(dataDir: string): Promise<StackState | undefined> {
  let text: string;
  try {
    text = await readFile(stackStatePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return stackStateSchema.parse(JSON.parse(text));
  } catch {
    return undefined; // torn or foreign: as good as none
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
  return !isZombie(pid);
}

/**
 * A process that has exited but whose parent has not reaped it yet still answers `kill(pid, 0)`:
 * right after a `kill -9` its pid stays a zombie for a moment. Linux says so in `/proc/<pid>/stat`
 * (the state after the command's closing parenthesis); elsewhere the API's answer decides.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** The recorded API answers its health check: a live pid may be another program's after a reboot. */
async function answers(apiUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The stack `npm start` is running now, or a NoRunningStackError saying to start one. A recorded
 * stack counts as running only while its process is alive (not a zombie) and its API answers.
 */
export async function findRunningStack(dataDir: string = localDataDir()): Promise<StackState> {
  const state = await readStackState(dataDir);
  if (!state) throw new NoRunningStackError(`no readable ${stackStatePath(dataDir)}`);
  if (!isAlive(state.pid)) throw new NoRunningStackError(`process ${state.pid} that started it has exited`);
  if (!(await answers(state.apiUrl))) throw new NoRunningStackError(`its API at ${state.apiUrl} does not answer`);
  return state;
}

/** The use cases' dependencies over the running stack's table: what the seed and the rollup CLI write through. */
export function stackDeps(stack: Pick<StackState, 'tableName' | 'dynamodbEndpoint'>): AppDeps {
  quietSdkNodeNotice();
  return makeAppDeps({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, AWS_REGION: LOCAL_AWS_REGION });
}

/** The running stack's table, for what reads or writes it directly (the sign-in stand-in's accounts, the seed's). */
export function stackStore(stack: Pick<StackState, 'tableName' | 'dynamodbEndpoint'>): StoreDeps {
  quietSdkNodeNotice();
  return tableStore({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, AWS_REGION: LOCAL_AWS_REGION });
}
