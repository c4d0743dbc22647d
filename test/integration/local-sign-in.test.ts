import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_WEB_CLIENT } from '#local/issuer.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { seedAccounts } from '#local/seed-accounts.ts';
import { startTestApi, type TestApi } from './support/local-stack.ts';

/**
 * The local stand-in for Cognito's managed login: the authorization-code flow with PKCE, as the
 * web pages use it, ending in an ID token the API accepts; and the pages served beside the API.
 */
let stack: TestApi;
const siteDir = mkdtempSync(join(tmpdir(), 'xjc-site-'));

const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');
/** A page of the site itself: the only kind of address the sign-in sends people back to. */
let redirectUri: string;
let authorizeQuery: Record<string, string>;

beforeAll(async () => {
  writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>forms</title>');
  stack = await startTestApi({ siteDir });
  redirectUri = `${stack.url}/back/`;
  authorizeQuery = { response_type: 'code', client_id: LOCAL_WEB_CLIENT, redirect_uri: redirectUri, state: 's1', code_challenge: challenge, code_challenge_method: 'S256' };
});
afterAll(() => stack?.close());


async function codeFor(who: Record<string, string>): Promise<string> {
  const response = await fetch(`${stack.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...authorizeQuery, ...who }),
  });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe('s1');
  return back.searchParams.get('code')!;
}

const token = (form: Record<string, string>) => fetch(`${stack.url}/oauth2/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: LOCAL_WEB_CLIENT, ...form }),
});

describe('the local sign-in stand-in', () => {
  it('shows a sign-in page for a PKCE request and refuses one without PKCE', async () => {
    const page = await fetch(`${stack.url}/oauth2/authorize?${new URLSearchParams(authorizeQuery)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="role"');
    const { code_challenge: _, ...withoutPkce } = authorizeQuery;
    expect((await fetch(`${stack.url}/oauth2/authorize?${new URLSearchParams(withoutPkce)}`)).status).toBe(400);
  });

  it('trades a code, once and only with its verifier, for an ID token the API accepts, and refreshes it', async () => {
    const code = await codeFor({ role: 'staff', region: '630100', sub: 'li' });
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: 'wrong' })).status).toBe(400);

    const again = await codeFor({ role: 'staff', region: '630100', sub: 'li' });
    const answer = await token({ grant_type: 'authorization_code', code: again, redirect_uri: redirectUri, code_verifier: verifier });
    expect(answer.status).toBe(200);
    const tokens = (await answer.json()) as { id_token: string; refresh_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(3600);
    const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString()) as Record<string, string>;
    expect(claims).toMatchObject({ sub: 'li', 'custom:role': 'staff', 'custom:region': '630100', aud: LOCAL_WEB_CLIENT });
    // Used once: the same code again is refused.
    expect((await token({ grant_type: 'authorization_code', code: again, redirect_uri: redirectUri, code_verifier: verifier })).status).toBe(400);

    const regions = await fetch(`${stack.url}/regions`, { headers: { authorization: `Bearer ${tokens.id_token}` } });
    expect(regions.status).toBe(200);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { id_token: string }).id_token).toMatch(/^ey/);
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'forged' })).status).toBe(400);
  });

  it('asks a submitter for the minister they report for', async () => {
    const response = await fetch(`${stack.url}/oauth2/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...authorizeQuery, role: 'submitter', region: '630102' }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('填报人需填写部长编号');
  });

  it('sends people back only to the site itself, as the allowed callback and sign-out URLs of a user pool client do', async () => {
    for (const elsewhere of ['https://attacker.example/steal', 'http://127.0.0.1:1/back/', 'javascript:alert(1)', 'not a url']) {
      const page = await fetch(`${stack.url}/oauth2/authorize?${new URLSearchParams({ ...authorizeQuery, redirect_uri: elsewhere })}`);
      expect(page.status, elsewhere).toBe(400);
      const post = await fetch(`${stack.url}/oauth2/authorize`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...authorizeQuery, redirect_uri: elsewhere, role: 'admin', region: '630000' }),
      });
      expect(post.status, elsewhere).toBe(400);
      expect(post.headers.get('location')).toBeNull();
      const logout = await fetch(`${stack.url}/logout?${new URLSearchParams({ client_id: LOCAL_WEB_CLIENT, logout_uri: elsewhere })}`, { redirect: 'manual' });
      expect(logout.status, elsewhere).toBe(400);
    }
    const logout = await fetch(`${stack.url}/logout?${new URLSearchParams({ client_id: LOCAL_WEB_CLIENT, logout_uri: `${stack.url}/` })}`, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(`${stack.url}/`);
  });

  it('serves the pages and their config beside the API, and nothing outside the site folder', async () => {
    const home = await fetch(`${stack.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const config = (await (await fetch(`${stack.url}/config.json`)).json()) as { signIn: { clientId: string } };
    expect(config.signIn.clientId).toBe(LOCAL_WEB_CLIENT);
    expect((await fetch(`${stack.url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${stack.url}/no-such-page.html`)).status).toBe(404);
  });
});

describe('the local sign-in page lists the accounts of the table', () => {
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, string>;

  it('shows each seeded account by name, role and region, signs in as one, and refuses a disabled one', async () => {
    const directory = accountRepository({ client: stack.client, tableName: stack.tableName });
    const accounts = seedAccounts([{ id: 'm-630102-01', name: '王建国', regionCode: '630102' }], '2026-01-01T00:00:00Z');
    for (const account of accounts) await directory.put(account);
    await directory.put({ username: 'gone', name: '马停用', role: 'staff', region: '632600', enabled: false, updatedAt: '2026-01-01T00:00:00Z' });

    const page = await (await fetch(`${stack.url}/oauth2/authorize?${new URLSearchParams(authorizeQuery)}`)).text();
    expect(page).toMatch(/<button type="submit" name="account" value="m-630102-01">王建国<small>填报人 · 城东区/);
    expect(page).toContain('value="staff-632600">果洛藏族自治州组织部工作人员<small>工作人员 · 果洛藏族自治州');
    expect(page).toContain('value="admin-630000">系统管理员<small>管理员 · 青海省');
    expect(page).toMatch(/value="gone" disabled>马停用<small>工作人员 · 果洛藏族自治州 · 已停用/);
    // The fields below stay as they were: browser tests sign in through them.
    for (const id of ['role', 'region', 'ministerId', 'sub']) expect(page).toContain(`id="${id}"`);

    const code = await codeFor({ account: 'm-630102-01' });
    const tokens = (await (await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier })).json()) as { id_token: string; refresh_token: string };
    expect(claimsOf(tokens.id_token)).toMatchObject({ sub: 'm-630102-01', name: '王建国', 'custom:role': 'submitter', 'custom:region': '630102', 'custom:ministerId': 'm-630102-01' });

    // A disabled account cannot be chosen, even by a crafted request; and one disabled after signing in cannot refresh.
    const refused = await fetch(`${stack.url}/oauth2/authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...authorizeQuery, account: 'gone' }),
    });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('账号 gone 已停用');
    for (const account of ['', 'x'.repeat(2000), 'nobody']) {
      const unknown = await fetch(`${stack.url}/oauth2/authorize`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...authorizeQuery, account }),
      });
      expect(unknown.status, account.slice(0, 10)).toBe(200);
      expect(await unknown.text()).toContain('没有这个账号');
    }
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
    await directory.put({ ...accounts.find((a) => a.username === 'm-630102-01')!, enabled: false });
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(400);
  });
});
