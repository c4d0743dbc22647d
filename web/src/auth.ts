import { CLAIMS, isRole, type Role } from '#schemas/access.ts';
import { urlOn, type WebConfig } from './config.ts';
import type { Person, Tokens } from './sign-in-types.ts';

export type { Person };

/**
 * Sign-in by OAuth 2.0 authorization code with PKCE against Cognito's managed login (on AWS) or the
 * local server's stand-in, which speak the same endpoints, or another OpenID Connect issuer found
 * through its discovery document (the China profile). The page keeps the ID token (the API reads
 * the role, region and minister from it, or from our own directory) and the refresh token, so a
 * submission queued on a mountain road can still be sent hours later.
 */

const TOKENS = 'xjc.tokens';
/** Refresh this long before the token runs out, so a request never leaves with a dying token. */
const MARGIN_MS = 60_000;


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

/** The sign-in flow itself (PKCE, the token endpoint, another issuer's discovery): a chunk loaded when a person signs in or a token is refreshed. */
const flow = () => import('./auth-flow.ts');

/** Leaves for the sign-in page; it comes back to `/` with a code, and then to the page we are on. */
export async function signIn(config: WebConfig): Promise<void> {
  if (finishSignOut(config, true)) return;
  await (await flow()).signIn(config, redirectUri());
}

/** A sign-in the page could not complete (an answer it did not ask for, a refused code, an account not set up). */
export class SignInError extends Error {}

/**
 * On return from the sign-in page (`/?code=…&state=…`): trades the code for tokens and goes back to
 * the page sign-in started from: `'here'` when that is this page, `'leaving'` when the browser is
 * on its way to another (this page should do nothing more). False when the URL holds no answer.
 */
export async function completeSignIn(config: WebConfig): Promise<false | 'here' | 'leaving'> {
  if (!new URLSearchParams(location.search).get('code')) return false;
  const completed = await (await flow()).completeSignIn(config, redirectUri(), isRole);
  if (typeof completed === 'string') throw new SignInError(completed);
  localStorage.setItem(TOKENS, JSON.stringify(completed.tokens));
  const back = completed.returnTo || '/';
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
  const fresh = await (await flow()).refresh(config, redirectUri(), tokens.refreshToken);
  if (typeof fresh === 'string') return undefined;
  localStorage.setItem(TOKENS, JSON.stringify(tokens.person ? { ...fresh, person: tokens.person } : fresh));
  return fresh.idToken;
}

const LOGOUT_PENDING = 'xjc.logoutPending';
const SIGN_IN_NEXT = 'xjc.signInNext';

/** Where the issuer ends its session: Cognito's `/logout`, or the end-session address kept at discovery (none: the page itself). */
function logoutUrl(config: WebConfig, idTokenHint?: string): string {
  if (!config.signIn.discovery) {
    return urlOn(config.signIn.authority, `/logout?${new URLSearchParams({ client_id: config.signIn.clientId, logout_uri: redirectUri() })}`);
  }
  const logout = (JSON.parse(localStorage.getItem('xjc.endpoints') ?? '{}') as { logout?: string }).logout;
  return logout ? `${logout}${idTokenHint ? `&id_token_hint=${idTokenHint}` : ''}` : redirectUri();
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
