import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { routeKey } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import {
  type HttpAnswer, type HttpLambdaHandler, fromLambdaResult, functionNameOf, lambdaContext, toApiGatewayEvent,
} from '#local/api-gateway-v2.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { authorizerContext, type LocalIssuer } from '#local/issuer.ts';
import type { LocalSite } from '#local/web-site.ts';
import { type LocalRoute, MalformedPathError, type RouteMatch, routeMatcher } from '#local/route-matcher.ts';

/**
 * The local stand-in for API Gateway: a Node HTTP server that serves the route table by calling the
 * very same Lambda handler modules that run on AWS, with the events API Gateway would send them.
 */

/** What the server itself reads of a body; the API's 64 KiB limit is the handlers' to enforce (413 too). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** API Gateway gives an integration at most 30 s; this is what getRemainingTimeInMillis() counts down from. */
const DEFAULT_TIMEOUT_MS = 29_000;

export interface LocalApiOptions {
  routes?: readonly LocalRoute[];
  host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Finds a route's handler; by default the `handler` export of `functions/handlers/<route.handler>.ts`. */
  loadHandler?: (route: LocalRoute) => Promise<HttpLambdaHandler>;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** No line per request. */
  quiet?: boolean;
  /** Checks the tokens of `signed-in` routes as API Gateway's JWT authorizer does; none: every route is open. */
  issuer?: LocalIssuer;
  /** Answers the paths the API does not route (the web pages and the sign-in stand-in). */
  site?: LocalSite;
}

export interface LocalApi {
  url: string;
  port: number;
  /** Stops accepting connections and resolves once open ones are done. */
  close(): Promise<void>;
}

export async function loadHandlerModule(route: Pick<LocalRoute, 'handler'>): Promise<HttpLambdaHandler> {
  const file = join(REPO_ROOT, 'functions', 'handlers', `${route.handler}.ts`);
  const module: { handler?: unknown } = await import(pathToFileURL(file).href);
  if (typeof module.handler !== 'function') throw new Error(`${file} does not export a function named handler`);
  return module.handler as HttpLambdaHandler;
}

const PROBLEMS = {
  400: { slug: 'bad-request', title: 'Bad request' },
  404: { slug: 'not-found', title: 'Not found' },
  405: { slug: 'method-not-allowed', title: 'Method not allowed' },
  413: { slug: 'payload-too-large', title: 'Payload too large' },
  500: { slug: 'internal', title: 'Internal server error' },
} as const;

/** The gateway's own refusals, in the API's problem+json shape (on AWS they are API Gateway's plain JSON). */
function problem(status: keyof typeof PROBLEMS, headers: Record<string, string> = {}): HttpAnswer {
  const { slug, title } = PROBLEMS[status];
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify({ type: `/problems/${slug}`, title, status })),
  };
}

/** What API Gateway's JWT authorizer answers for a missing, forged or expired token. */
function unauthorized(requestId: string): HttpAnswer {
  return {
    statusCode: 401,
    headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'apigw-requestid': requestId },
    body: Buffer.from(JSON.stringify({ message: 'Unauthorized' })),
  };
}

/** The body, or undefined once it exceeds `limit` (the rest is read and dropped, so the client gets our answer). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

function urlOf(address: AddressInfo): string {
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const host = unspecified ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export async function createLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const match = routeMatcher(options.routes ?? ROUTES);
  const loadHandler = options.loadHandler ?? loadHandlerModule;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  // Imported on first use, once, like a function's cold start: a broken module fails only its routes.
  const handlers = new Map<string, Promise<HttpLambdaHandler>>();
  const handlerFor = (route: LocalRoute) => {
    let pending = handlers.get(route.handler);
    if (!pending) {
      pending = loadHandler(route);
      handlers.set(route.handler, pending);
      pending.catch(() => handlers.delete(route.handler));
    }
    return pending;
  };

  async function answer(request: IncomingMessage): Promise<HttpAnswer> {
    const receivedAt = new Date();
    const method = request.method ?? 'GET';
    const [encodedPath, ...query] = (request.url ?? '/').split('?');
    let found: RouteMatch;
    try {
      found = match(method, encodedPath);
    } catch (error) {
      if (error instanceof MalformedPathError) return problem(400);
      throw error;
    }
    if (found.kind === 'not-found') {
      const page = options.site && (await readBody(request, maxBodyBytes).then((body) => body && options.site!({
        method, path: encodedPath, query: query.join('?'), body, contentType: String(request.headers['content-type'] ?? ''),
      })));
      return page || problem(404);
    }
    if (found.kind === 'method-not-allowed') return problem(405, { allow: found.allow.join(', ') });

    const body = await readBody(request, maxBodyBytes);
    if (!body) return problem(413);
    const { route, pathParameters } = found;
    const requestId = randomUUID();
    let authorizer: ReturnType<typeof authorizerContext> | undefined;
    if (options.issuer && route.auth !== 'public') {
      const token = /^Bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1] ?? String(request.headers.authorization ?? '');
      const claims = token ? options.issuer.verify(token) : undefined;
      if (!claims) return unauthorized(requestId);
      authorizer = authorizerContext(claims);
    }
    try {
      const handler = await handlerFor(route);
      const event = toApiGatewayEvent({ request, method, encodedPath, rawQueryString: query.join('?'), body, route, pathParameters, requestId, receivedAt, authorizer });
      const result = fromLambdaResult(await handler(event, lambdaContext(functionNameOf(route.handler), timeoutMs)));
      return { ...result, headers: { ...result.headers, 'apigw-requestid': requestId } };
    } catch (error) {
      // Handlers turn their errors into responses; reaching here is a bug, and the client learns nothing of it.
      console.error(`${routeKey(route)} failed (request ${requestId}):`, error);
      return problem(500, { 'apigw-requestid': requestId });
    }
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    if (!options.quiet) {
      response.on('finish', () => {
        console.log(`${request.method} ${request.url} ${response.statusCode} ${Math.round(performance.now() - started)}ms`);
      });
    }
    answer(request).then(
      ({ statusCode, headers, body }) => response.writeHead(statusCode, { ...headers, 'content-length': body.length }).end(body),
      (error: unknown) => {
        // The client went away mid-body, or our own code failed: nothing sensible to add.
        if (!response.headersSent) response.writeHead(500).end();
        if (!request.destroyed) console.error('local API:', error);
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new Error(`port ${options.port} on ${options.host ?? '127.0.0.1'} is already in use (choose another with PORT or --port)`)
        : error);
    });
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;

  return {
    url: urlOf(address),
    port: address.port,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
      // Requests in progress get a moment to finish; keep-alive connections would otherwise hold close() open.
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    }),
  };
}
