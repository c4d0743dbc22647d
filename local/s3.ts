import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { freePort } from '#local/free-port.ts';
import { evidenceGuard } from '#local/s3-guard.ts';

/**
 * The local stand-in for the evidence bucket: s3rver, an S3-compatible server (an npm package, so
 * `npm ci` is all it needs), with the bucket made at start and CORS for the site's origins. Like S3's
 * ObjectCreated notification on AWS, each upload invokes the verify function's own handler module
 * with the event s3rver emits (the S3 notification shape: `Records[].s3.object.key`).
 *
 * s3rver checks no signature (it accepts any well-formed one of its one access key): locally the API
 * alone decides who gets a URL. On AWS, S3 enforces signatures, expiry, content type and length; the
 * guard in front of s3rver (s3-guard.ts) keeps its disk to evidence keys and its objects create-only.
 */

export const LOCAL_EVIDENCE_BUCKET = 'xiajiceng-evidence-local';

export interface LocalS3Options {
  /** Keep the objects here (created if missing); a temporary folder, removed at stop, when absent. */
  directory?: string;
  host?: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Browser origins that may PUT and GET (the site's). */
  corsOrigins: readonly string[];
  /** What an ObjectCreated event runs; by default the verify function's handler module. */
  onObjectCreated?: (event: S3Event) => Promise<unknown>;
  /** Told of a verify invocation that failed (S3 would retry it and the function's alarm would fire). */
  onError?: (error: unknown) => void;
}

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: the S3 endpoint the functions are given (path-style addressing). */
  endpoint: string;
  bucket: string;
  directory: string;
  /** Whether the folder is temporary (removed at stop). */
  temporary: boolean;
  /** Resolves once every verify invocation started so far has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Browsers PUT the bytes with their Content-Type, and GET them back, from the site's origins only. */
export function corsXml(origins: readonly string[]): string {
  const allowed = origins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>`
    + '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
}

/** The verify function's handler module (VERIFY_HANDLER), imported on first use and invoked as S3 would invoke it. */
async function verifyByHandler(): Promise<(event: S3Event) => Promise<unknown>> {
  const { handler } = await import('#functions/handlers/attachments/verify.ts');
  return (event) => handler(event, lambdaContext('attachments-verify', 60_000));
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'xiajiceng-s3-')));
  await mkdir(directory, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host === '0.0.0.0' ? '127.0.0.1' : host));
  const server = new S3rver({
    address: host, port, silent: true, directory, vhostBuckets: false,
    configureBuckets: [{ name: LOCAL_EVIDENCE_BUCKET, configs: options.corsOrigins.length ? [corsXml(options.corsOrigins)] : [] }],
  });
  // First in Koa's stack: nothing else of s3rver sees a request the guard refuses.
  server.middleware.unshift(evidenceGuard(LOCAL_EVIDENCE_BUCKET, server.store));
  await server.run();

  let verify: Promise<(event: S3Event) => Promise<unknown>> | undefined;
  const onObjectCreated = options.onObjectCreated ?? (async (event: S3Event) => (await (verify ??= verifyByHandler()))(event));
  const inFlight = new Set<Promise<unknown>>();
  server.on('event', (event: S3Event) => {
    // As S3's notification is the evidence bucket's own: objects created in any other bucket of this server are not evidence.
    if (!event.Records?.some((r) => r.eventName?.startsWith('ObjectCreated:') && r.s3?.bucket?.name === LOCAL_EVIDENCE_BUCKET)) return;
    const run = onObjectCreated(event).catch((error: unknown) => (options.onError ?? ((e) => console.error('verify failed:', e)))(error));
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  });

  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    endpoint: `http://${shownHost}:${port}`,
    bucket: LOCAL_EVIDENCE_BUCKET,
    directory,
    temporary,
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      await server.close();
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}
