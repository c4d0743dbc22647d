import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishSignOut, idToken, signInWasAsked, signOut } from '#web/src/auth.ts';
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
const globals = ['localStorage', 'sessionStorage', 'navigator', 'location'] as const;

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
