import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { localDynamoDbClient } from '#local/dynamodb-local.ts';
import { exposeEvidenceToHandlers, exposeRobotsToHandlers, exposeTableToHandlers, setHandlerLogLevel } from '#local/handler-env.ts';
import { freePort } from '#local/free-port.ts';
import { type LocalS3, startLocalS3 } from '#local/s3.ts';
import { type LocalApiOptions, createLocalApi } from '#local/http-adapter.ts';
import { ensureTable, type TableOptions } from '#local/table.ts';
import { ephemeralIssuer, type LocalIssuer, userToken } from '#local/issuer.ts';
import { localOAuth } from '#local/oauth.ts';
import { localSite } from '#local/web-site.ts';
import { tableSignInAccounts } from '#local/sign-in-accounts.ts';
import type { Role } from '#schemas/access.ts';

export interface TestApi {
  url: string;
  /** Signs tokens the test API accepts (its own throwaway key). */
  issuer: LocalIssuer;
  tableName: string;
  /** For assertions on what the handlers stored; marshals like the handlers' own client. */
  client: DynamoDBDocumentClient;
  /** The file's own S3-compatible server (the evidence bucket), its uploads verified by the verify function's handler. */
  s3: LocalS3;
  close(): Promise<void>;
}

/**
 * A fresh table, created from functions/table.ts in the run's DynamoDB Local (see global-setup.ts).
 * Without its stream unless the file reads it (the notices' tests): one DynamoDB Local serves the
 * whole run, and every stream record it keeps slows every later write of every file (local/table.ts).
 */
export async function createTestTable(dynamodbEndpoint: string = inject('dynamodbEndpoint'), { stream = false }: TableOptions = {}): Promise<string> {
  const tableName = `test-${randomUUID()}`;
  const client = localDynamoDbClient(dynamodbEndpoint);
  try {
    await ensureTable(client, tableName, { stream });
  } finally {
    client.destroy();
  }
  return tableName;
}

/**
 * The API for one test file: the real handlers behind the local HTTP adapter, over a table of the
 * file's own. Call it before anything imports a handler (they read their table once, at import).
 */
export async function startTestApi(options: Pick<LocalApiOptions, 'routes' | 'loadHandler'> & {
  /** A built web folder to serve at `/`, with the sign-in stand-in (browser tests). */
  siteDir?: string;
  /** The robot receiver's origin, accepted as a robot's host (robot tests). */
  robots?: { receiverOrigin?: string };
  /** The table's stream, for files that feed it to the notices (off by default: see createTestTable). */
  stream?: boolean;
} = {}): Promise<TestApi> {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const tableName = await createTestTable(dynamodbEndpoint, { stream: options.stream });
  exposeTableToHandlers({ tableName, dynamodbEndpoint });
  // Robots' credentials in a file of the table's own (the robots' functions read where once, like the table).
  exposeRobotsToHandlers({ secretsFile: join(tmpdir(), `${tableName}-robot-secrets.json`), ...options.robots });
  // The handlers' JSON logs would drown the test report (the unit project does the same).
  setHandlerLogLevel('SILENT');
  const issuer = ephemeralIssuer();
  testIssuer = issuer;
  const { siteDir, robots: _robots, stream: _stream, ...apiOptions } = options;
  // The API's port first: the bucket's CORS names the site's origin (the API serves the site locally).
  const port = await freePort();
  const siteOrigins = [`http://127.0.0.1:${port}`];
  const s3 = await startLocalS3({ corsOrigins: siteOrigins });
  exposeEvidenceToHandlers({ bucket: s3.bucket, endpoint: s3.endpoint });
  // The site's CSP names the bucket (uploads and thumbnails), as npm start's and CloudFront's do.
  const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodbEndpoint, AWS_REGION: 'cn-northwest-1' });
  const site = siteDir ? localSite(siteDir, localOAuth(issuer, siteOrigins, tableSignInAccounts({ client, tableName })), [s3.endpoint]) : undefined;
  const api = await createLocalApi({ ...apiOptions, port, quiet: true, issuer, site });
  return {
    url: api.url,
    issuer,
    tableName,
    client,
    s3,
    close: async () => {
      await api.close();
      await s3.stop();
      client.destroy();
    },
  };
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed when the answer is JSON (problem+json included). */
  body: T | undefined;
}

/** The issuer of the test API started last in this file (one per file). */
let testIssuer: LocalIssuer | undefined;

/** A token of the test API for this caller. */
export function tokenFor(who: { sub?: string; role: Role; region: string; ministerId?: string; name?: string }): string {
  if (!testIssuer) throw new Error('start the test API first');
  return userToken(testIssuer, { sub: who.sub ?? `${who.role}-${who.region}`, ...who });
}

/** The Authorization header of a province-wide admin of the test API, for tests that fetch directly. */
export const adminAuthorization = () => ({ authorization: `Bearer ${tokenFor({ sub: 'test-admin', role: 'admin', region: '630000' })}` });

/**
 * `call(method, path, body?, headers?)` against `baseUrl`, sending and reading JSON, signed in
 * with `token` — by default as a province-wide admin, so tests about other things need not care.
 */
export function api(baseUrl: string, token?: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const bearer = token ?? (testIssuer ? tokenFor({ sub: 'test-admin', role: 'admin', region: '630000' }) : undefined);
    const res = await fetch(baseUrl + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const isJson = /\bjson\b/.test(res.headers.get('content-type') ?? '');
    return { status: res.status, headers: res.headers, body: text && isJson ? (JSON.parse(text) as T) : undefined };
  };
}

/** Headers tests keep spelling: English messages, and `If-Match` of a version. */
export const EN = { 'accept-language': 'en' } as const;
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** The Beijing date `n` days ago. */
export const daysAgo = (n: number) => beijingDate(Date.now() - n * 86_400_000);

/**
 * `api(url, token)` with loosely typed bodies: tests assert the answers field by field. Made once
 * the test API is up (`connect()` in beforeAll), called as `call(method, path, body?, headers?)`.
 */
export function looseCaller() {
  let client: ReturnType<typeof api> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => client!<any>(method, path, body, headers);
  return Object.assign(call, { connect: (url: string, token?: string) => void (client = api(url, token)) });
}
