/**
 * Where the API is and how to sign in, read from `/config.json`: the local server writes it for its
 * own stand-ins, and on AWS the deployment writes it with the stacks' outputs. The last copy is kept
 * on the device so the forms open without a connection.
 */
export interface WebConfig {
  /** The API's base URL; empty: the page's own origin (the local server serves both). */
  apiUrl: string;
  signIn: {
    /** The sign-in domain: `https://<prefix>.auth.<region>.amazoncognito.com`, or the local server. */
    authority: string;
    clientId: string;
    scopes: string[];
    /**
     * Another OpenID Connect issuer (the China profile): its endpoints come from its discovery
     * document, and since its tokens do not carry the role and region, the person is asked of the
     * API (`GET /me`). Unset: Cognito's managed login, whose paths are fixed and whose ID token says who.
     */
    discovery?: boolean;
  };
}

const KEPT = 'xjc.config';

export async function loadConfig(): Promise<WebConfig> {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`config.json: ${response.status}`);
    const config = (await response.json()) as WebConfig;
    localStorage.setItem(KEPT, JSON.stringify(config));
    return config;
  } catch (error) {
    const kept = localStorage.getItem(KEPT);
    if (kept) return JSON.parse(kept) as WebConfig;
    throw error;
  }
}

/** A URL on the API or the sign-in domain; an empty base is the page's own origin. */
export const urlOn = (base: string, path: string): string => `${(base || location.origin).replace(/\/+$/, '')}${path}`;
