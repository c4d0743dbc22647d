import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSignIn, finishSignOut, idToken, signedIn, signIn, signInWasAsked, signOut } from '#web/src/auth.ts';
import type { WebConfig } from '#web/src/config.ts';

/**
 * The page's session on a shared phone, without a browser: the storages, the connection and the
 * address bar stood in for, as auth.ts reads them.
 */
function memory(): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const CONFIG: WebConfig = { apiUrl: '', signIn: { authority: 'https://sign-in.example', clientId: 'web', scopes: ['openid'] } };
const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
let online = true;
let visited: string[] = [];
const globals = ['localStorage', 'sessionStorage', 'navigator', 'location', 'history'] as const;
const nodeFetch = globalThis.fetch;

beforeEach(() => {
  online = true;
  visited = [];
  for (const [name, value] of Object.entries({
    localStorage: memory(),
    sessionStorage: memory(),
    navigator: { get onLine() { return online; } },
    location: { origin: 'https://xjc.example', assign: (url: string) => void visited.push(url) },
  })) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
});

afterEach(() => {
  for (const name of globals) Reflect.deleteProperty(globalThis, name);
  globalThis.fetch = nodeFetch;
});

const signedInAs = (sub: string) =>
  localStorage.setItem('xjc.tokens', JSON.stringify({ idToken: jwt({ sub, 'custom:role': 'admin' }), expiresAt: Date.now() + 3_600_000 }));

describe("a request for one person's submissions", () => {
  it("gets that person's token only: another person signed in on the device means none", async () => {
    signedInAs('admin-1');
    await expect(idToken(CONFIG, 'head-1')).resolves.toBeUndefined();
    await expect(idToken(CONFIG, 'admin-1')).resolves.toMatch(/^e30\./);
    await expect(idToken(CONFIG)).resolves.toMatch(/^e30\./);
  });
});

describe('signing out', () => {
  it('online: forgets the tokens and leaves for the sign-in domain\'s logout', () => {
    signedInAs('head-1');
    expect(signOut(CONFIG)).toBe('leaving');
    expect(localStorage.getItem('xjc.tokens')).toBeNull();
    expect(visited).toEqual([`https://sign-in.example/logout?client_id=web&logout_uri=${encodeURIComponent('https://xjc.example/')}`]);
  });

  it('offline: ends the session here without leaving, and the logout is made at the first chance online, before the next sign-in', () => {
    signedInAs('head-1');
    online = false;
    expect(signOut(CONFIG)).toBe('here');
    expect(localStorage.getItem('xjc.tokens')).toBeNull();
    expect(visited).toEqual([]);
    expect(finishSignOut(CONFIG)).toBe(false);

    online = true;
    expect(finishSignOut(CONFIG, true)).toBe(true);
    expect(visited).toHaveLength(1);
    expect(visited[0]).toContain('/logout?');
    // Back from the logout: the sign-in asked for goes on, once; the logout is not made twice.
    expect(signInWasAsked()).toBe(true);
    expect(signInWasAsked()).toBe(false);
    expect(finishSignOut(CONFIG)).toBe(false);
  });
});

describe('another OpenID Connect issuer (the China profile): endpoints discovered, the person asked of the API', () => {
  const ISSUER = 'https://id.example.gov.cn/realms/dangjian';
  const OIDC: WebConfig = { apiUrl: 'https://api.example.cn', signIn: { authority: ISSUER, clientId: 'xiajiceng-web', scopes: ['openid'], discovery: true } };
  const idTokenOf = jwt({ sub: 'kc-1', name: '李四', phone_number: '13800000001' });
  let asked: { url: string; init?: RequestInit }[] = [];

  beforeEach(() => {
    asked = [];
    Object.defineProperty(globalThis, 'history', { value: { replaceState: () => undefined }, configurable: true, writable: true });
    Object.defineProperty(globalThis, 'fetch', {
      configurable: true, writable: true,
      value: async (url: string, init?: RequestInit) => {
        asked.push({ url, init });
        if (url === `${ISSUER}/.well-known/openid-configuration`) {
          return Response.json({ authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`, token_endpoint: `${ISSUER}/protocol/openid-connect/token`, end_session_endpoint: `${ISSUER}/protocol/openid-connect/logout` });
        }
        if (url === `${ISSUER}/protocol/openid-connect/token`) return Response.json({ id_token: idTokenOf, refresh_token: 'r1', expires_in: 300 });
        if (url === 'https://api.example.cn/me') return Response.json({ sub: 'kc-1', role: 'staff', region: '632500', name: '李四' });
        return new Response('{}', { status: 404 });
      },
    });
  });

  it('signs in through the discovered endpoints and takes role and region from GET /me, kept with the tokens', async () => {
    await signIn(OIDC);
    expect(visited).toHaveLength(1);
    const authorize = new URL(visited[0]);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${ISSUER}/protocol/openid-connect/auth`);
    expect(authorize.searchParams.get('client_id')).toBe('xiajiceng-web');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    Object.assign(location, { search: `?code=c1&state=${authorize.searchParams.get('state')}`, pathname: '/' });
    expect(await completeSignIn(OIDC)).toBe('here');
    const me = asked.find((a) => a.url === 'https://api.example.cn/me');
    expect(new Headers(me?.init?.headers).get('authorization')).toBe(`Bearer ${idTokenOf}`);
    expect(signedIn()).toEqual({ sub: 'kc-1', role: 'staff', region: '632500', name: '李四' });
    // Discovery is asked once: the endpoints are kept.
    expect(asked.filter((a) => a.url.endsWith('/.well-known/openid-configuration'))).toHaveLength(1);
  });

  it('signs out at the discovered end-session endpoint with the ID token as a hint', async () => {
    await signIn(OIDC);
    visited = [];
    localStorage.setItem('xjc.tokens', JSON.stringify({ idToken: idTokenOf, expiresAt: Date.now() + 60_000 }));
    expect(signOut(OIDC)).toBe('leaving');
    const logout = new URL(visited[0]);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${ISSUER}/protocol/openid-connect/logout`);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe('https://xjc.example/');
    expect(logout.searchParams.get('id_token_hint')).toBe(idTokenOf);
  });
});
