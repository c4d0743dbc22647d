import { createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import type { Claims, TokenVerifier } from '#functions/ports/accounts.ts';

export interface OidcVerifierOptions {
  /** The issuer's URL exactly as its tokens' `iss` says it. */
  issuer: string;
  /** Client ids the tokens may be issued to (`aud` of ID tokens, `client_id` or `azp` of access tokens). */
  audience: readonly string[];
  /** For tests; the global fetch otherwise. */
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/** Signature algorithms accepted, by how node:crypto verifies them: never `none`, never a shared secret. */
const ALGORITHMS: Record<string, { hash: string; keyType: 'rsa' | 'ec'; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { hash: 'sha256', keyType: 'rsa' },
  RS384: { hash: 'sha384', keyType: 'rsa' },
  RS512: { hash: 'sha512', keyType: 'rsa' },
  ES256: { hash: 'sha256', keyType: 'ec', dsaEncoding: 'ieee-p1363' },
  ES384: { hash: 'sha384', keyType: 'ec', dsaEncoding: 'ieee-p1363' },
};

/** Clocks disagree a little between the issuer and here. */
const LEEWAY_S = 60;
/** An unknown `kid` refetches the keys (the issuer rotated them), but not more than once a minute. */
const REFETCH_MS = 60_000;

/** A signature of the wrong length or form makes node:crypto throw: it is a signature that does not verify. */
function safeVerify(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

const decodePart = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The issuer's keys, found through its discovery document and kept for the function's life: a
 * warm authorizer verifies a token with no call out. Keys are fetched again when a token names one
 * not yet seen.
 */
function issuerKeys(options: OidcVerifierOptions) {
  const fetchJson = async (url: string): Promise<unknown> => {
    const answer = await (options.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(3000) });
    if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
    return answer.json();
  };
  let keys = new Map<string, { key: KeyObject; alg?: string }>();
  let fetchedAt = -Infinity;
  async function refresh(): Promise<void> {
    const discovery = await fetchJson(`${options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
    if (!isObject(discovery) || typeof discovery.jwks_uri !== 'string') throw new Error('the discovery document names no jwks_uri');
    const jwks = await fetchJson(discovery.jwks_uri);
    const next = new Map<string, { key: KeyObject; alg?: string }>();
    for (const jwk of isObject(jwks) && Array.isArray(jwks.keys) ? jwks.keys : []) {
      if (!isObject(jwk) || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        next.set(jwk.kid, { key: createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), alg: typeof jwk.alg === 'string' ? jwk.alg : undefined });
      } catch {
        // A key node:crypto cannot read (an unknown key type) signs nothing we accept.
      }
    }
    keys = next;
  }
  return async (kid: string, now: number) => {
    if (!keys.has(kid) && now - fetchedAt >= REFETCH_MS) {
      fetchedAt = now;
      await refresh();
    }
    return keys.get(kid);
  };
}

/**
 * A verifier of one issuer's JSON Web Tokens, as API Gateway's JWT authorizer checks them (RFC 7519,
 * OpenID Connect Core 3.1.3.7): a signature by one of the issuer's published keys with the algorithm
 * that key is for, `iss` equal to the issuer, `aud` (or `client_id`/`azp`) one of the audience,
 * `exp` ahead and `nbf` behind (a minute's leeway each way).
 */
export function oidcVerifier(options: OidcVerifierOptions): TokenVerifier {
  const keyOf = issuerKeys(options);
  const now = options.now ?? Date.now;
  return async (token) => {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    let header: unknown;
    let claims: unknown;
    try {
      header = decodePart(parts[0]);
      claims = decodePart(parts[1]);
    } catch {
      return undefined;
    }
    if (!isObject(header) || !isObject(claims) || typeof header.alg !== 'string' || typeof header.kid !== 'string') return undefined;
    const algorithm = ALGORITHMS[header.alg];
    if (!algorithm) return undefined;
    const at = now();
    const found = await keyOf(header.kid, at);
    if (!found || found.key.asymmetricKeyType !== algorithm.keyType || (found.alg !== undefined && found.alg !== header.alg)) return undefined;
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], 'base64url');
    const key = algorithm.dsaEncoding ? { key: found.key, dsaEncoding: algorithm.dsaEncoding } : found.key;
    if (!safeVerify(() => verify(algorithm.hash, signed, key, signature))) return undefined;
    const seconds = at / 1000;
    if (claims.iss !== options.issuer) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_S < seconds) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_S > seconds) return undefined;
    const audiences = [claims.aud, claims.client_id, claims.azp].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.some((a) => options.audience.includes(a))) return undefined;
    return claims;
  };
}
