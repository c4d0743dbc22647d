import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIMS, REPORTING_SCOPE, type Role } from '#schemas/access.ts';

/**
 * The local stand-in for Cognito: one RSA key, made on first start and kept in the local data
 * folder, signs RS256 tokens of the same shape Cognito issues (users' ID tokens with the custom
 * attributes; reporting clients' client-credentials access tokens with the scope), and the local
 * server checks them as API Gateway's JWT authorizer does: signature, `iss`, `aud` or
 * `client_id`, `exp` (and `nbf` when present).
 */
export const LOCAL_ISSUER = 'https://issuer.xiajiceng.local';
/** The app clients the authorizer accepts: the web forms (ID tokens) and reporting clients (access tokens). */
export const LOCAL_WEB_CLIENT = 'xiajiceng-local-web';
export const LOCAL_REPORTING_CLIENT = 'xiajiceng-local-reporting';
const AUDIENCES = new Set([LOCAL_WEB_CLIENT, LOCAL_REPORTING_CLIENT]);

export type Claims = Record<string, unknown>;

export interface LocalIssuer {
  /** A signed token with these claims (plus iss, iat, exp), valid for `ttlSeconds`. */
  sign(claims: Claims, ttlSeconds?: number): string;
  /** The token's claims if the authorizer would let it through, else undefined. */
  verify(token: string, nowMs?: number): Claims | undefined;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function issuerOf(privateKey: KeyObject, kid: string): LocalIssuer {
  const publicKey = createPublicKey(privateKey);
  return {
    sign(claims, ttlSeconds = 3600) {
      const iat = Math.floor(Date.now() / 1000);
      const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url({ iss: LOCAL_ISSUER, iat, exp: iat + ttlSeconds, jti: randomUUID(), ...claims })}`;
      return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    },
    verify(token, nowMs = Date.now()) {
      const parts = token.split('.');
      if (parts.length !== 3) return undefined;
      try {
        const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as Claims;
        if (header.alg !== 'RS256' || header.kid !== kid) return undefined;
        if (!verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], 'base64url'))) return undefined;
        const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as Claims;
        const now = nowMs / 1000;
        if (claims.iss !== LOCAL_ISSUER || typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
        if (typeof claims.nbf === 'number' && claims.nbf > now) return undefined;
        const audiences = [claims.aud].flat().filter((a): a is string => typeof a === 'string');
        if (!audiences.some((a) => AUDIENCES.has(a)) && !(typeof claims.client_id === 'string' && AUDIENCES.has(claims.client_id))) return undefined;
        return claims;
      } catch {
        return undefined;
      }
    },
  };
}

/** The key of the local data folder, made on first use (kept out of git with the rest of `.local`). */
export function localIssuer(dataDir: string): LocalIssuer {
  const file = join(dataDir, 'issuer-key.json');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ kid: randomUUID(), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) }), { mode: 0o600 });
  }
  const { kid, privateKey } = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; privateKey: string };
  return issuerOf(createPrivateKey(privateKey), kid);
}

/** A throwaway issuer (tests). */
export function ephemeralIssuer(): LocalIssuer {
  return issuerOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, randomUUID());
}

/** A person's token, shaped like a Cognito ID token of the web client. */
export function userToken(issuer: LocalIssuer, who: { sub: string; role: Role; region: string; ministerId?: string; name?: string }, ttlSeconds?: number): string {
  return issuer.sign({
    sub: who.sub, aud: LOCAL_WEB_CLIENT, token_use: 'id', 'cognito:username': who.sub, ...(who.name ? { name: who.name } : {}),
    [CLAIMS.role]: who.role, [CLAIMS.region]: who.region, ...(who.ministerId ? { [CLAIMS.ministerId]: who.ministerId } : {}),
  }, ttlSeconds);
}

/** A reporting client's token, shaped like a Cognito client-credentials access token. */
export function reportingClientToken(issuer: LocalIssuer, ttlSeconds?: number): string {
  return issuer.sign({ sub: LOCAL_REPORTING_CLIENT, client_id: LOCAL_REPORTING_CLIENT, token_use: 'access', scope: REPORTING_SCOPE }, ttlSeconds);
}

/**
 * The claims as API Gateway hands them to the function: every value a string (arrays as
 * `[a b]`), and the scopes of an access token listed apart.
 */
export function authorizerContext(claims: Claims) {
  const text = (v: unknown) => (Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'string' ? v : JSON.stringify(v));
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : null;
  return { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, text(v)])), scopes } };
}
