import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oidcVerifier } from '#functions/adapters/oidc-tokens.ts';

const ISSUER = 'https://id.example.gov.cn/realms/qinghai';
const NOW = Date.parse('2026-12-07T08:00:00Z');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(claims: Record<string, unknown>, { kid = 'rsa-1', alg = 'RS256', key = rsa.privateKey }: { kid?: string; alg?: string; key?: KeyObject } = {}) {
  const head = `${part({ alg, kid, typ: 'JWT' })}.${part(claims)}`;
  const signature = alg.startsWith('ES')
    ? sign('sha256', Buffer.from(head), { key, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', Buffer.from(head), key);
  return `${head}.${signature.toString('base64url')}`;
}

const good = { iss: ISSUER, sub: 'u-1', aud: 'xiajiceng-web', exp: NOW / 1000 + 600, iat: NOW / 1000 };

/** An issuer answering discovery and its key set, counting how often the keys are fetched. */
function issuer(keys: Record<string, unknown>[]) {
  const fetched = { jwks: 0 };
  const fetch = async (url: string | URL | Request) => {
    const address = String(url);
    if (address === `${ISSUER}/.well-known/openid-configuration`) return Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/certs` });
    if (address === `${ISSUER}/certs`) {
      fetched.jwks += 1;
      return Response.json({ keys });
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch, fetched };
}

const jwk = (key: KeyObject, kid: string, alg: string) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' });

describe('a token of the trusted OpenID Connect issuer', () => {
  const keys = [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')];
  const verifierAt = (now = NOW, set = keys) => {
    const { fetch, fetched } = issuer(set);
    return { verify: oidcVerifier({ issuer: ISSUER, audience: ['xiajiceng-web'], fetch, now: () => now }), fetched };
  };

  it('is accepted with its claims when signed by a published key (RS256 and ES256), issued here, for us, in time', async () => {
    const { verify } = verifierAt();
    expect(await verify(token(good))).toMatchObject({ sub: 'u-1' });
    expect(await verify(token(good, { kid: 'ec-1', alg: 'ES256', key: ec.privateKey }))).toMatchObject({ sub: 'u-1' });
    // An access token names its client in client_id instead of aud.
    expect(await verify(token({ ...good, aud: undefined, client_id: 'xiajiceng-web' }))).toMatchObject({ sub: 'u-1' });
  });

  it('is refused when anything is off: issuer, audience, expiry, not-before, signature, algorithm, key', async () => {
    const { verify } = verifierAt();
    const refused = [
      token({ ...good, iss: 'https://elsewhere.example/' }),
      token({ ...good, aud: 'another-app' }),
      token({ ...good, exp: NOW / 1000 - 61 }),
      token({ ...good, exp: undefined }),
      token({ ...good, nbf: NOW / 1000 + 61 }),
      // Signed by a key the issuer never published, under a published kid.
      token(good, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
      // The payload changed after signing.
      (() => { const [h, , s] = token(good).split('.'); return `${h}.${part({ ...good, sub: 'admin' })}.${s}`; })(),
      // No signature at all.
      `${part({ alg: 'none', kid: 'rsa-1' })}.${part(good)}.`,
      // An RSA key used under an EC algorithm's name.
      token(good, { alg: 'ES256', key: rsa.privateKey }),
      'not.a.token',
      'abc',
    ];
    for (const t of refused) expect(await verify(t)).toBeUndefined();
  });

  it('tolerates a minute of clock difference either way', async () => {
    const { verify } = verifierAt();
    expect(await verify(token({ ...good, exp: NOW / 1000 - 30 }))).toBeDefined();
    expect(await verify(token({ ...good, nbf: NOW / 1000 + 30 }))).toBeDefined();
  });

  it('fetches the keys once, and again for an unknown key id at most once a minute (the issuer rotated them)', async () => {
    let now = NOW;
    const { fetch, fetched } = issuer(keys);
    const verify = oidcVerifier({ issuer: ISSUER, audience: ['xiajiceng-web'], fetch, now: () => now });
    await verify(token(good));
    await verify(token(good));
    expect(fetched.jwks).toBe(1);
    await verify(token(good, { kid: 'rsa-2' }));
    await verify(token(good, { kid: 'rsa-2' }));
    expect(fetched.jwks).toBe(1);
    now += 60_000;
    expect(await verify(token(good, { kid: 'rsa-2' }))).toBeUndefined();
    expect(fetched.jwks).toBe(2);
  });
});
