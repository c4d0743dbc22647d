import { CLAIMS, isRole, type Role } from '#schemas/access.ts';
import { urlOn, type WebConfig } from './config.ts';

/**
 * Sign-in by OAuth 2.0 authorization code with PKCE against Cognito's managed login (on AWS) or the
 * local server's stand-in, which speak the same endpoints. The page keeps the ID token (the API
 * reads the role, region and minister from it) and the refresh token, so a submission queued on a
 * mountain road can still be sent hours later.
 */

export interface Person {
  sub: string;
  /** Undefined for a token that names no role this system knows (the API refuses it too). */
  role?: Role;
  region: string;
  ministerId?: string;
  /** What to call the person (their name when the account has one, else their user name). */
  name: string;
}

interface Tokens {
  idToken: string;
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

const TOKENS = 'xjc.tokens';
const PENDING = 'xjc.signin';
/** Refresh this long before the token runs out, so a request never leaves with a dying token. */
const MARGIN_MS = 60_000;

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The claims of a JWT (not verified: the API verifies; the page only reads who it is for). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}

function personOf(idToken: string): Person {
  const c = claimsOf(idToken);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    sub: String(c.sub),
    role: isRole(c[CLAIMS.role]) ? (c[CLAIMS.role] as Role) : undefined,
    region: text(c[CLAIMS.region]) ?? '',
    ministerId: text(c[CLAIMS.ministerId]),
    name: text(c.name) ?? text(c['cognito:username']) ?? text(c.email) ?? String(c.sub),
  };
}

function readTokens(): Tokens | undefined {
  const raw = localStorage.getItem(TOKENS);
  return raw ? (JSON.parse(raw) as Tokens) : undefined;
}

/** Who is signed in on this device (even if the token needs refreshing), or undefined. */
export function signedIn(): Person | undefined {
  const tokens = readTokens();
  return tokens ? personOf(tokens.idToken) : undefined;
}

const redirectUri = () => `${location.origin}/`;

/** Leaves for the sign-in page; it comes back to `/` with a code, and then to the page we are on. */
export async function signIn(config: WebConfig): Promise<void> {
  if (finishSignOut(config, true)) return;
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.pathname + location.search + location.hash }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.signIn.clientId, redirect_uri: redirectUri(), scope: config.signIn.scopes.join(' '),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(urlOn(config.signIn.authority, `/oauth2/authorize?${query}`));
}

async function tokenRequest(config: WebConfig, form: Record<string, string>): Promise<Tokens> {
  const response = await fetch(urlOn(config.signIn.authority, '/oauth2/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.signIn.clientId, ...form }),
  });
  if (!response.ok) throw new SignInError(`sign-in refused (${response.status})`);
  const body = (await response.json()) as { id_token: string; refresh_token?: string; expires_in: number };
  return { idToken: body.id_token, refreshToken: body.refresh_token ?? form.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

export class SignInError extends Error {}

/**
 * On return from the sign-in page (`/?code=…&state=…`): trades the code for tokens and goes back to
 * the page sign-in started from: `'here'` when that is this page, `'leaving'` when the browser is
 * on its way to another (this page should do nothing more). False when the URL holds no answer.
 */
export async function completeSignIn(config: WebConfig): Promise<false | 'here' | 'leaving'> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) throw new SignInError('sign-in answer does not match a sign-in started here');
  const tokens = await tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: pending.verifier });
  localStorage.setItem(TOKENS, JSON.stringify(tokens));
  const back = pending.returnTo || '/';
  if (new URL(back, location.origin).pathname === location.pathname) {
    history.replaceState(null, '', back);
    return 'here';
  }
  location.replace(back);
  return 'leaving';
}

/**
 * An ID token good for the next minute, refreshed if need be; undefined when the device holds none,
 * holds another person's than `owner`'s (when given), or the refresh was refused (sign in again).
 * Throws a TypeError when offline mid-refresh.
 */
export async function idToken(config: WebConfig, owner?: string): Promise<string | undefined> {
  const tokens = readTokens();
  if (!tokens) return undefined;
  if (owner !== undefined && personOf(tokens.idToken).sub !== owner) return undefined;
  if (tokens.expiresAt - MARGIN_MS > Date.now()) return tokens.idToken;
  if (!tokens.refreshToken) return undefined;
  try {
    const fresh = await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    localStorage.setItem(TOKENS, JSON.stringify(fresh));
    return fresh.idToken;
  } catch (error) {
    if (error instanceof SignInError) return undefined;
    throw error;
  }
}

const LOGOUT_PENDING = 'xjc.logoutPending';
const SIGN_IN_NEXT = 'xjc.signInNext';

const logoutUrl = (config: WebConfig) =>
  urlOn(config.signIn.authority, `/logout?${new URLSearchParams({ client_id: config.signIn.clientId, logout_uri: redirectUri() })}`);

/**
 * Forgets the tokens and ends the sign-in domain's session too: `'leaving'` when the browser is on
 * its way there. Offline the session on this device ends at once (`'here'`: the page shows itself
 * signed out) and the sign-in domain's logout waits for the first moment online (finishSignOut).
 */
export function signOut(config: WebConfig): 'leaving' | 'here' {
  localStorage.removeItem(TOKENS);
  if (!navigator.onLine) {
    localStorage.setItem(LOGOUT_PENDING, '1');
    return 'here';
  }
  localStorage.removeItem(LOGOUT_PENDING);
  location.assign(logoutUrl(config));
  return 'leaving';
}

/**
 * The sign-in domain's logout left from an offline sign-out, made now if online (true: the browser
 * is leaving, and comes back to `/`). It must come before anyone signs in: that domain's session
 * would sign the last person in again without asking. `thenSignIn`: sign in once back.
 */
export function finishSignOut(config: WebConfig, thenSignIn = false): boolean {
  if (localStorage.getItem(LOGOUT_PENDING) === null || !navigator.onLine) return false;
  localStorage.removeItem(LOGOUT_PENDING);
  if (thenSignIn) sessionStorage.setItem(SIGN_IN_NEXT, '1');
  location.assign(logoutUrl(config));
  return true;
}

/** Whether sign-in was asked for before a pending logout took the browser away (asked once). */
export function signInWasAsked(): boolean {
  const asked = sessionStorage.getItem(SIGN_IN_NEXT) !== null;
  sessionStorage.removeItem(SIGN_IN_NEXT);
  return asked;
}
