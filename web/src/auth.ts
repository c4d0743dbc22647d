import { CLAIMS, isRole, type Role } from '#schemas/access.ts';
import { urlOn, type WebConfig } from './config.ts';

/**
 * Sign-in by OAuth 2.0 authorization code with PKCE against Cognito's managed login (on AWS) or the
 * local server's stand-in, which speak the same endpoints, or another OpenID Connect issuer found
 * through its discovery document (the China profile). The page keeps the ID token (the API reads
 * the role, region and minister from it, or from our own directory) and the refresh token, so a
 * submission queued on a mountain road can still be sent hours later.
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
  /** Who the API says the person is (`GET /me`), when the token does not say it: kept until the next sign-in. */
  person?: Person;
}

/** Where the issuer signs people in, issues tokens and ends sessions. */
interface Endpoints {
  authorization: string;
  token: string;
  endSession?: string;
}

/** The discovered endpoints, kept so a refresh or a sign-out needs no second discovery (and a sign-out none at all). */
const ENDPOINTS = 'xjc.endpoints';

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

function personOf(tokens: Pick<Tokens, 'idToken' | 'person'>): Person {
  if (tokens.person) return tokens.person;
  const c = claimsOf(tokens.idToken);
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
  return tokens ? personOf(tokens) : undefined;
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
  location.assign(`${(await endpointsOf(config)).authorization}?${query}`);
}

/** Cognito's fixed paths on its sign-in domain (and the local stand-in's). */
const cognitoEndpoints = (config: WebConfig): Endpoints => ({
  authorization: urlOn(config.signIn.authority, '/oauth2/authorize'),
  token: urlOn(config.signIn.authority, '/oauth2/token'),
});

function keptEndpoints(config: WebConfig): Endpoints | undefined {
  const kept = JSON.parse(localStorage.getItem(ENDPOINTS) ?? 'null') as (Endpoints & { authority: string }) | null;
  return kept?.authority === config.signIn.authority ? kept : undefined;
}

/** The issuer's endpoints: Cognito's, or those its discovery document names (fetched once, then kept). */
async function endpointsOf(config: WebConfig): Promise<Endpoints> {
  if (!config.signIn.discovery) return cognitoEndpoints(config);
  const kept = keptEndpoints(config);
  if (kept) return kept;
  const response = await fetch(`${config.signIn.authority.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new SignInError(`the sign-in service's discovery document: ${response.status}`);
  const found = (await response.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown; end_session_endpoint?: unknown };
  if (typeof found.authorization_endpoint !== 'string' || typeof found.token_endpoint !== 'string') throw new SignInError('the sign-in service names no authorization or token endpoint');
  const endpoints: Endpoints = {
    authorization: found.authorization_endpoint,
    token: found.token_endpoint,
    ...(typeof found.end_session_endpoint === 'string' ? { endSession: found.end_session_endpoint } : {}),
  };
  localStorage.setItem(ENDPOINTS, JSON.stringify({ ...endpoints, authority: config.signIn.authority }));
  return endpoints;
}

/** The person as the API decides on them, for a token that does not say it. */
async function personFromApi(config: WebConfig, idToken: string): Promise<Person> {
  const response = await fetch(urlOn(config.apiUrl, '/me'), { headers: { authorization: `Bearer ${idToken}` } });
  if (!response.ok) throw new SignInError(response.status === 401 || response.status === 403 ? '此账号尚未开通或已停用，请联系管理员' : `GET /me: ${response.status}`);
  const me = (await response.json()) as { sub: string; role: unknown; region: string; ministerId?: string; name?: string };
  return { sub: me.sub, role: isRole(me.role) ? me.role : undefined, region: me.region, ministerId: me.ministerId, name: me.name ?? String(claimsOf(idToken).name ?? me.sub) };
}

async function tokenRequest(config: WebConfig, form: Record<string, string>): Promise<Tokens> {
  const response = await fetch((await endpointsOf(config)).token, {
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
  if (config.signIn.discovery) tokens.person = await personFromApi(config, tokens.idToken);
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
  if (owner !== undefined && personOf(tokens).sub !== owner) return undefined;
  if (tokens.expiresAt - MARGIN_MS > Date.now()) return tokens.idToken;
  if (!tokens.refreshToken) return undefined;
  try {
    const fresh = await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    if (tokens.person) fresh.person = tokens.person;
    localStorage.setItem(TOKENS, JSON.stringify(fresh));
    return fresh.idToken;
  } catch (error) {
    if (error instanceof SignInError) return undefined;
    throw error;
  }
}

const LOGOUT_PENDING = 'xjc.logoutPending';
const SIGN_IN_NEXT = 'xjc.signInNext';

/**
 * Where the issuer ends its session: Cognito's `/logout`, or the discovered end-session endpoint
 * (RP-initiated logout) when there is one; without one, the page itself (the issuer's session stays).
 */
function logoutUrl(config: WebConfig, idTokenHint?: string): string {
  if (!config.signIn.discovery) {
    return urlOn(config.signIn.authority, `/logout?${new URLSearchParams({ client_id: config.signIn.clientId, logout_uri: redirectUri() })}`);
  }
  const endSession = keptEndpoints(config)?.endSession;
  if (!endSession) return redirectUri();
  const query = new URLSearchParams({ client_id: config.signIn.clientId, post_logout_redirect_uri: redirectUri(), ...(idTokenHint ? { id_token_hint: idTokenHint } : {}) });
  return `${endSession}?${query}`;
}

/**
 * Forgets the tokens and ends the sign-in domain's session too: `'leaving'` when the browser is on
 * its way there. Offline the session on this device ends at once (`'here'`: the page shows itself
 * signed out) and the sign-in domain's logout waits for the first moment online (finishSignOut).
 */
export function signOut(config: WebConfig): 'leaving' | 'here' {
  const hint = readTokens()?.idToken;
  localStorage.removeItem(TOKENS);
  if (!navigator.onLine) {
    localStorage.setItem(LOGOUT_PENDING, '1');
    return 'here';
  }
  localStorage.removeItem(LOGOUT_PENDING);
  location.assign(logoutUrl(config, hint));
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
