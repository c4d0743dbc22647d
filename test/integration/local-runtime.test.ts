import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient, ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type IndexDefinition, KEY_ATTRIBUTES, TABLE_DEFINITION } from '#functions/table.ts';
import type { HttpLambdaHandler } from '#local/api-gateway-v2.ts';
import { localDynamoDbClient, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { DEFAULT_MAX_BODY_BYTES, type LocalApi, createLocalApi } from '#local/http-adapter.ts';
import { REPO_ROOT } from '#local/paths.ts';
import type { LocalRoute } from '#local/route-matcher.ts';
import {
  NoRunningStackError, type StackState, findRunningStack, removeStackState, stackStatePath, stackStore, writeStackState,
} from '#local/stack-state.ts';
import { ensureTable } from '#local/table.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { LOCAL_WEB_CLIENT } from '#local/issuer.ts';
import { BYTES } from './fixtures/binary.ts';
import { api, startTestApi } from './support/local-stack.ts';

const endpoint = inject('dynamodbEndpoint');
let dynamodb: DynamoDBClient;
beforeAll(() => {
  dynamodb = localDynamoDbClient(endpoint);
});
afterAll(() => dynamodb.destroy());

const newTableName = () => `runtime-${randomUUID()}`;

/** Whether something accepts TCP connections at `url`'s port. */
function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

describe('the table, from functions/table.ts', () => {
  it('has exactly the declared keys and indexes, all strings, on-demand, with TTL on', async () => {
    const tableName = newTableName();
    expect(await ensureTable(dynamodb, tableName)).toEqual({ created: true, timeToLive: 'enabled' });
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));

    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table?.AttributeDefinitions?.map((a) => [a.AttributeName, a.AttributeType]).sort())
      .toEqual([...new Set(KEY_ATTRIBUTES)].map((name) => [name, 'S']).sort());
    const indexes = table?.GlobalSecondaryIndexes?.map((i) => ({ name: i.IndexName, keys: i.KeySchema?.map((k) => `${k.AttributeName}:${k.KeyType}`), projection: i.Projection?.ProjectionType }));
    expect(indexes?.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(
      (TABLE_DEFINITION.indexes as readonly IndexDefinition[]).map((i) => ({ name: i.name, keys: [`${i.partitionKey}:HASH`, `${i.sortKey}:RANGE`], projection: i.projection ?? 'ALL' }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(table?.LocalSecondaryIndexes).toBeUndefined();

    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: TABLE_DEFINITION.timeToLiveAttribute, TimeToLiveStatus: 'ENABLED' });
    // The stream the notices read, as on AWS.
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: TABLE_DEFINITION.stream });
  });

  it('goes without its stream when asked (tests and benchmarks that read none), and is not given one when ensured so again', async () => {
    const tableName = newTableName();
    expect(await ensureTable(dynamodb, tableName, { stream: false })).toEqual({ created: true, timeToLive: 'enabled' });
    expect(await ensureTable(dynamodb, tableName, { stream: false })).toEqual({ created: false, timeToLive: 'enabled' });
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(table?.StreamSpecification?.StreamEnabled ?? false).toBe(false);
  });

  it('is created once, however often and however concurrently it is ensured', async () => {
    const tableName = newTableName();
    const results = await Promise.all([1, 2, 3].map(() => ensureTable(dynamodb, tableName)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.every((r) => r.timeToLive === 'enabled')).toBe(true);
    expect(await ensureTable(dynamodb, tableName)).toEqual({ created: false, timeToLive: 'enabled' });
    const { TableNames: names = [] } = await dynamodb.send(new ListTablesCommand({}));
    expect(names.filter((n) => n === tableName)).toHaveLength(1);
  });

  it('refuses to reuse a table whose keys differ from the declaration', async () => {
    const tableName = newTableName();
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }));
    await expect(ensureTable(dynamodb, tableName)).rejects.toThrow(/does not match functions\/table\.ts/);
  });
});

describe('DynamoDB Local', () => {
  it('commits a transaction of 100 writes (what a visit with many suggestions needs)', async () => {
    const tableName = newTableName();
    await ensureTable(dynamodb, tableName);
    const documents = DynamoDBDocumentClient.from(dynamodb);
    await documents.send(new TransactWriteCommand({
      TransactItems: Array.from({ length: 100 }, (_, i) => ({
        Put: { TableName: tableName, Item: { pk: `tx#${i}`, sk: 'record' }, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    }));
    expect((await documents.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count).toBe(100);
  });

  it('shows every client the same tables, whatever key and region it signs with (-sharedDb)', async () => {
    const tableName = newTableName();
    await ensureTable(dynamodb, tableName);
    const stranger = localDynamoDbClient(endpoint, { region: 'us-east-1', credentials: { accessKeyId: 'someoneElse', secretAccessKey: 'x' } });
    try {
      const { Table: table } = await stranger.send(new DescribeTableCommand({ TableName: tableName }));
      expect(table?.TableName).toBe(tableName);
    } finally {
      stranger.destroy();
    }
  });

  it('stops for good, and refuses a port that is taken rather than answer from someone else', async () => {
    const second = await startDynamoDbLocal();
    expect(await isListening(second.endpoint)).toBe(true);
    await second.stop();
    expect(await isListening(second.endpoint)).toBe(false);
    await second.stop();

    await expect(startDynamoDbLocal({ port: Number(new URL(endpoint).port) })).rejects.toThrow(/in use/);
  });
});

const FIXTURE_ROUTES: LocalRoute[] = [
  { method: 'GET', path: '/echo', handler: 'echo' },
  { method: 'POST', path: '/things/{id}', handler: 'echo' },
  { method: 'GET', path: '/things/{id}', handler: 'echo' },
  { method: 'GET', path: '/things/latest', handler: 'plain' },
  { method: 'GET', path: '/files/{name}', handler: 'binary' },
  { method: 'GET', path: '/boom', handler: 'throws' },
];

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch: fetch cannot send a header twice or leave out Content-Type. */
function send(url: string, method: string, headers: OutgoingHttpHeaders = {}, body?: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Echo {
  event: APIGatewayProxyEventV2;
  context: { functionName: string; awsRequestId: string; remainingMs: number };
}
const echoOf = (res: RawResponse): Echo => JSON.parse(res.body.toString('utf8')) as Echo;

describe('the HTTP adapter (API Gateway HTTP API, payload 2.0)', () => {
  let local: LocalApi;
  const loads: string[] = [];
  const invocations: string[] = [];

  beforeAll(async () => {
    const loadHandler = async (route: LocalRoute): Promise<HttpLambdaHandler> => {
      loads.push(route.handler);
      const module = (await import(`./fixtures/${route.handler}.ts`)) as { handler: HttpLambdaHandler };
      return (event, context) => {
        invocations.push(event.routeKey);
        return module.handler(event, context);
      };
    };
    local = await createLocalApi({ routes: FIXTURE_ROUTES, loadHandler, port: 0, quiet: true });
  });
  afterAll(() => local?.close());

  it('builds the event API Gateway would send', async () => {
    const res = await send(`${local.url}/things/a%20b%2Fc?x=1&x=2&y=%E4%B8%AD&z=a+b&flag`, 'POST', {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Custom': ['one', 'two'],
      Cookie: 'a=1; b=2',
      'User-Agent': 'local-runtime-test',
    }, '{"名":"值"}');
    const { event, context } = echoOf(res);

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /things/{id}',
      rawPath: '/things/a b/c',
      rawQueryString: 'x=1&x=2&y=%E4%B8%AD&z=a+b&flag',
      queryStringParameters: { x: '1,2', y: '中', z: 'a b', flag: '' },
      pathParameters: { id: 'a b/c' },
      cookies: ['a=1', 'b=2'],
      body: '{"名":"值"}',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'x-custom': 'one,two', 'content-type': 'application/json; charset=utf-8', 'user-agent': 'local-runtime-test' });
    expect(Object.keys(event.headers).filter((name) => name !== name.toLowerCase() || name === 'cookie')).toEqual([]);
    expect(event.requestContext).toMatchObject({
      routeKey: 'POST /things/{id}', stage: '$default',
      http: { method: 'POST', path: '/things/a b/c', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'local-runtime-test' },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(context.functionName).toBe('echo');
    expect(context.awsRequestId).not.toBe(event.requestContext.requestId);
    expect(context.remainingMs).toBeGreaterThan(1_000);

    // …and writes the structured result back.
    expect(res.status).toBe(201);
    expect(res.headers['x-echo']).toBe('yes');
    expect(res.headers['set-cookie']).toEqual(['session=abc; HttpOnly', 'theme=dark']);
    expect(res.headers['apigw-requestid']).toBe(event.requestContext.requestId);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  it('leaves out what a request does not have', async () => {
    const { event } = echoOf(await send(`${local.url}/echo`, 'GET'));
    expect(event.rawQueryString).toBe('');
    for (const absent of ['queryStringParameters', 'pathParameters', 'cookies', 'body'] as const) expect(event).not.toHaveProperty(absent);
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes text bodies as text and everything else base64-encoded', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x10, 0x80]);
    const binary = echoOf(await send(`${local.url}/things/1`, 'POST', { 'content-type': 'application/octet-stream' }, bytes)).event;
    expect(binary).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    const untyped = echoOf(await send(`${local.url}/things/1`, 'POST', {}, 'id=1')).event;
    expect(untyped).toMatchObject({ isBase64Encoded: true, body: Buffer.from('id=1').toString('base64') });
    const form = echoOf(await send(`${local.url}/things/1`, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'id=1')).event;
    expect(form.isBase64Encoded).toBe(true);
    const text = echoOf(await send(`${local.url}/things/1`, 'POST', { 'content-type': 'text/plain' }, '青海')).event;
    expect(text).toMatchObject({ isBase64Encoded: false, body: '青海' });
  });

  it('prefers a literal path segment to a parameter, and reads every kind of result', async () => {
    const plain = await send(`${local.url}/things/latest`, 'GET');
    expect([plain.status, plain.headers['content-type'], JSON.parse(plain.body.toString())]).toEqual([200, 'application/json', { greeting: '你好' }]);
    const file = await send(`${local.url}/files/logo.png`, 'GET');
    expect([file.status, file.headers['content-type'], [...file.body]]).toEqual([200, 'image/png', BYTES]);
  });

  it('answers unknown paths 404, wrong methods 405 with Allow, and bad encoding 400, as problem+json', async () => {
    const notFound = await send(`${local.url}/nothing/here`, 'GET');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(notFound.body.toString())).toEqual({ type: '/problems/not-found', title: 'Not found', status: 404 });

    const wrongMethod = await send(`${local.url}/things/1`, 'DELETE');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, POST');
    expect(JSON.parse(wrongMethod.body.toString())).toMatchObject({ status: 405 });

    expect((await send(`${local.url}/things/%E4%B8`, 'GET')).status).toBe(400);
  });

  it('refuses a body over its cap (413) without calling the handler', async () => {
    const before = invocations.length;
    const tooLarge = await send(`${local.url}/things/1`, 'POST', { 'content-type': 'application/json' }, Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body.toString())).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
    expect(invocations.length).toBe(before);

    const atTheCap = await send(`${local.url}/things/1`, 'POST', { 'content-type': 'application/json' }, Buffer.alloc(DEFAULT_MAX_BODY_BYTES, 0x20));
    expect(atTheCap.status).toBe(201);
    expect(invocations.length).toBe(before + 1);
  });

  it('answers 500 without internals when a handler throws, and logs the error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await send(`${local.url}/boom`, 'GET');
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body.toString())).toEqual({ type: '/problems/internal', title: 'Internal server error', status: 500 });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('GET /boom'), expect.objectContaining({ message: expect.stringContaining('secret') }));
    } finally {
      logged.mockRestore();
    }
  });

  it('imports each handler module once', async () => {
    await Promise.all([1, 2, 3].map(() => send(`${local.url}/echo`, 'GET')));
    expect(loads.filter((handler) => handler === 'echo')).toEqual(['echo']);
  });
});

describe('the real handlers behind startTestApi', () => {
  it('serves the route table with the modules in functions/handlers/', async () => {
    const stack = await startTestApi();
    try {
      const call = api(stack.url);
      const health = await call<{ status: string }>('GET', '/health');
      expect([health.status, health.body?.status]).toEqual([200, 'ok']);
      expect((await call('POST', '/health')).status).toBe(405);
      expect((await call('GET', '/nope')).status).toBe(404);
    } finally {
      await stack.close();
    }
  });
});

describe('stack.json', () => {
  let dataDir: string;
  /** Stands for a running stack's API: it answers its health check. */
  let health: Server;
  let apiUrl: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'xiajiceng-stack-'));
    health = createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end('{}'));
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    const address = health.address();
    apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => health.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  const state = (pid: number, url = apiUrl): StackState => ({
    apiUrl: url, dynamodbEndpoint: endpoint, tableName: 'xiajiceng-local', pid, startedAt: new Date().toISOString(),
  });

  it('finds the running stack, and says to start one when there is none', async () => {
    await expect(findRunningStack(dataDir)).rejects.toThrow(/start it with npm start/);
    const ours = state(process.pid);
    await writeStackState(dataDir, ours);
    expect(await findRunningStack(dataDir)).toEqual(ours);

    await removeStackState(dataDir, process.pid + 1); // not its stack: stays
    expect(await findRunningStack(dataDir)).toMatchObject({ pid: process.pid });
    await removeStackState(dataDir);
    await expect(readFile(stackStatePath(dataDir))).rejects.toThrow(/ENOENT/);
  });

  it('treats a stack whose process is gone as not running', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeStackState(dataDir, state(gone));
    const error = await findRunningStack(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRunningStackError);
    expect((error as Error).message).toMatch(new RegExp(`process ${gone} .*start it with npm start`));
  });

  it('treats a stack whose process is a zombie (exited, not yet reaped, as just after kill -9) as not running', async () => {
    // The child exits after the shell has become `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))));
      await eventually(async () => ((await readFile(`/proc/${zombie}/stat`, 'utf8').catch(() => '')).includes(') Z ') ? true : undefined), 5_000, 'the zombie');
      await writeStackState(dataDir, state(zombie));
      await expect(findRunningStack(dataDir)).rejects.toThrow(new RegExp(`process ${zombie} .*start it with npm start`));
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('treats a stack whose API does not answer as not running, though its pid is alive', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    await writeStackState(dataDir, state(process.pid, `http://127.0.0.1:${closed}`));
    await expect(findRunningStack(dataDir)).rejects.toThrow(/does not answer.*start it with npm start/);
  });
});

// npm start compiles its TypeScript and starts a JVM: seconds alone, over 25 s on a machine at load 12.
describe('npm start (local/start.ts)', { timeout: 150_000 }, () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

  async function npmStart(args: string[], env: Record<string, string> = {}) {
    const dataDir = await mkdtemp(join(tmpdir(), 'xiajiceng-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
      cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const running = () => eventually(() => findRunningStack(dataDir).catch(() => undefined), 90_000, `stack.json (stdout: ${stdout} stderr: ${stderr})`);
    return { child, dataDir, exited, running, output: () => ({ stdout, stderr }) };
  }

  it('runs the stack, records it in stack.json, and on SIGINT stops it all and removes the file', async () => {
    const cli = await npmStart(['--in-memory', '--port', '0']);
    const stack = await cli.running();
    expect(stack).toMatchObject({ tableName: 'xiajiceng-local', pid: cli.child.pid });
    expect((await fetch(`${stack.apiUrl}/health`)).status).toBe(200);
    expect(cli.output().stdout).toContain(`curl -s ${stack.apiUrl}/health`);
    // Its sign-in page lists the accounts of its own table.
    const store = stackStore(stack);
    const directory = accountRepository(store);
    await directory.put({ username: 'staff-630100', name: '西宁市组织部工作人员', role: 'staff', region: '630100', enabled: true, updatedAt: new Date().toISOString() });
    const authorize = new URLSearchParams({ response_type: 'code', client_id: LOCAL_WEB_CLIENT, redirect_uri: `${stack.apiUrl}/`, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    expect(await (await fetch(`${stack.apiUrl}/oauth2/authorize?${authorize}`)).text()).toContain('value="staff-630100">西宁市组织部工作人员');
    store.client.destroy();

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(await isListening(stack.dynamodbEndpoint)).toBe(false);
    await expect(readFile(stackStatePath(cli.dataDir))).rejects.toThrow(/ENOENT/);
    await rm(cli.dataDir, { recursive: true, force: true });
  });

  it('leaves no DynamoDB Local behind when it is killed outright', async () => {
    const cli = await npmStart(['--in-memory', '--port', '0']);
    const stack = await cli.running();
    cli.child.kill('SIGKILL');
    await cli.exited;
    await eventually(async () => ((await isListening(stack.dynamodbEndpoint)) ? undefined : true), 10_000, 'DynamoDB Local to stop');
    await expect(findRunningStack(cli.dataDir)).rejects.toThrow(NoRunningStackError);
    await rm(cli.dataDir, { recursive: true, force: true });
  });

  it('says in one line how to install Java when there is none', async () => {
    const emptyPath = await mkdtemp(join(tmpdir(), 'no-java-'));
    const cli = await npmStart(['--in-memory', '--port', '0'], { PATH: emptyPath });
    expect(await cli.exited).toBe(1);
    const { stderr } = cli.output();
    const ours = stderr.split('\n').filter((line) => line.startsWith('npm start:'));
    expect(ours).toEqual([expect.stringContaining('apt-get install -y default-jre-headless')]);
    expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
    await rm(emptyPath, { recursive: true, force: true });
    await rm(cli.dataDir, { recursive: true, force: true });
  });
});
