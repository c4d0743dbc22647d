import type { Role } from '#schemas/access.ts';
import { urlOn, type WebConfig } from './config.ts';
import type { Person, Tokens } from './sign-in-types.ts';

/**
 * The sign-in flow: OAuth 2.0 authorization code with PKCE against Cognito's managed login (on AWS),
 * the local server's stand-in (the same endpoints), or another OpenID Connect issuer found through
 * its discovery document, whose tokens do not say who the person is here: the API does (`GET /me`).
 * A chunk of its own (auth.ts loads it when someone signs in or a token is refreshed): every page
 * shows without it. A refusal is answered as its reason (a string), a network failure thrown.
 */

const PENDING = 'xjc.signin';
/** Another issuer's endpoints, kept: a refresh needs no second discovery, and a sign-out (auth.ts, without this chunk) reads its address here. */
const ENDPOINTS = 'xjc.endpoints';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** Leaves for the sign-in page; it comes back to `back` with a code. */
export async function signIn(config: WebConfig, back: string): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.pathname + location.search + location.hash }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.signIn.clientId, redirect_uri: back, scope: config.signIn.scopes.join(' '),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${(await endpointsOf(config, back)).authorization}?${query}`);
}

/** The tokens for the code in the address, with where sign-in started; or why not. */
export async function completeSignIn(config: WebConfig, back: string, isRole: (role: unknown) => role is Role): Promise<{ tokens: Tokens; returnTo: string } | string> {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) return 'sign-in answer does not match a sign-in started here';
  const tokens = await tokenRequest(config, back, { grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: back, code_verifier: pending.verifier });
  if (typeof tokens === 'string' || !config.signIn.discovery) return typeof tokens === 'string' ? tokens : { tokens, returnTo: pending.returnTo };
  const person = await personFromApi(urlOn(config.apiUrl, '/me'), tokens.idToken, isRole);
  return typeof person === 'string' ? person : { tokens: { ...tokens, person }, returnTo: pending.returnTo };
}

/** Fresh tokens for a refresh token, or why not (sign in again). */
export const refresh = (config: WebConfig, back: string, refreshToken: string) =>
  tokenRequest(config, back, { grant_type: 'refresh_token', refresh_token: refreshToken });

async function tokenRequest(config: WebConfig, back: string, form: Record<string, string>): Promise<Tokens | string> {
  const response = await fetch((await endpointsOf(config, back)).token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.signIn.clientId, ...form }),
  });
  if (!response.ok) return `sign-in refused (${response.status})`;
  const body = (await response.json()) as { id_token: string; refresh_token?: string; expires_in: number };
  return { idToken: body.id_token, refreshToken: body.refresh_token ?? form.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

/**
 * Cognito's fixed paths; another issuer's from its discovery document, with the address that ends
 * its session and comes back here (RP-initiated logout), kept per issuer.
 */
async function endpointsOf(config: WebConfig, back: string): Promise<{ authorization: string; token: string }> {
  const { authority, clientId, discovery } = config.signIn;
  if (!discovery) return { authorization: urlOn(authority, '/oauth2/authorize'), token: urlOn(authority, '/oauth2/token') };
  const kept = JSON.parse(localStorage.getItem(ENDPOINTS) ?? '{}') as { authority?: string; authorization: string; token: string };
  if (kept.authority === authority) return kept;
  const response = await fetch(`${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  const found = (response.ok ? await response.json() : {}) as { authorization_endpoint?: unknown; token_endpoint?: unknown; end_session_endpoint?: unknown };
  if (typeof found.authorization_endpoint !== 'string' || typeof found.token_endpoint !== 'string') {
    throw new Error(`the sign-in service's discovery document names no authorization or token endpoint (${response.status})`);
  }
  const logout = typeof found.end_session_endpoint === 'string'
    ? `${found.end_session_endpoint}?${new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: back })}`
    : undefined;
  const discovered = { authority, authorization: found.authorization_endpoint, token: found.token_endpoint, ...(logout ? { logout } : {}) };
  localStorage.setItem(ENDPOINTS, JSON.stringify(discovered));
  return discovered;
}

/** The person as the API decides on them, or why the account cannot sign in. */
async function personFromApi(meUrl: string, idToken: string, isRole: (role: unknown) => role is Role): Promise<Person | string> {
  const response = await fetch(meUrl, { headers: { authorization: `Bearer ${idToken}` } });
  if (!response.ok) return response.status === 401 || response.status === 403 ? '此账号尚未开通或已停用，请联系管理员' : `GET /me: ${response.status}`;
  const me = (await response.json()) as { sub: string; role: unknown; region: string; ministerId?: string; name?: string };
  return { sub: me.sub, role: isRole(me.role) ? me.role : undefined, region: me.region, ministerId: me.ministerId, name: me.name ?? me.sub };
}
