import type { Role } from '#schemas/access.ts';

/** What the page keeps of a sign-in (auth.ts) and what the sign-in flow (auth-flow.ts) hands it. */

export interface Person {
  sub: string;
  /** Undefined for a token that names no role this system knows (the API refuses it too). */
  role?: Role;
  region: string;
  ministerId?: string;
  /** What to call the person (their name when the account has one, else their user name). */
  name: string;
}

export interface Tokens {
  idToken: string;
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Who the API says the person is (`GET /me`), when the token does not say it: kept until the next sign-in. */
  person?: Person;
}
