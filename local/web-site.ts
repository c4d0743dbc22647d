import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { HttpAnswer } from '#local/api-gateway-v2.ts';
import { LOCAL_WEB_CLIENT } from '#local/issuer.ts';
import type { LocalOAuth } from '#local/oauth.ts';
import { securityHeaders } from '#web/headers.ts';

/**
 * The local stand-in for the site's CloudFront distribution and the sign-in domain: the built web
 * folder at `/`, `/config.json` pointing the pages at this very server, and the OAuth endpoints.
 * Only paths the API does not route reach here.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface SiteRequest {
  method: string;
  path: string;
  query: string;
  body: Buffer;
  contentType: string;
}

export type LocalSite = (request: SiteRequest) => Promise<HttpAnswer | undefined>;

/** The config the pages read: the API and the sign-in endpoints on this same origin. */
export const LOCAL_WEB_CONFIG = { apiUrl: '', signIn: { authority: '', clientId: LOCAL_WEB_CLIENT, scopes: ['openid', 'email', 'profile'] } };

export function localSite(siteDir: string, oauth: LocalOAuth, evidenceOrigins: readonly string[] = []): LocalSite {
  const root = normalize(siteDir + sep);
  // The site's security headers, as CloudFront adds them on AWS (the API and sign-in are this origin
  // here; the evidence bucket, the local S3-compatible server, is another: uploads and thumbnails).
  const secure = securityHeaders(evidenceOrigins, evidenceOrigins);
  const answer = (statusCode: number, type: string, body: Buffer | string, cache: string): HttpAnswer =>
    ({ statusCode, headers: { 'content-type': type, 'cache-control': cache, ...secure }, body: Buffer.from(body) });

  return async ({ method, path, query, body, contentType }) => {
    const form = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString()) : new URLSearchParams();
    const signIn = await oauth.handle(method, path, new URLSearchParams(query), form);
    if (signIn) return { statusCode: signIn.status, headers: { ...signIn.headers, ...secure }, body: Buffer.from(signIn.body) };
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    if (path === '/config.json') return answer(200, TYPES['.json'], JSON.stringify(LOCAL_WEB_CONFIG), 'no-cache');
    let file: string;
    try {
      file = normalize(join(root, decodeURIComponent(path === '/' ? '/index.html' : path)));
    } catch {
      return undefined;
    }
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return undefined;
    // Hashed names never change content; pages, the service worker and the config must be asked for each time.
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return answer(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), cache);
  };
}
