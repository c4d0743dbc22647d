import type * as z from 'zod/mini';
import type { problemSchema } from '#schemas/problem-details.ts';
import { idToken } from './auth.ts';
import { urlOn, type WebConfig } from './config.ts';

/** The API's answer for a refused request (RFC 9457), with every bad field listed: the API's own schema, as a type only. */
export type Problem = z.infer<typeof problemSchema>;

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** No token on this device, or the API refused it: the person must sign in (again). */
export class SignInRequired extends Error {}

/** The request never got an answer: no connection, or it dropped. */
export class Unreachable extends Error {}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Only with this person's token (their sub): what one person left on a shared device is never
   * sent under the token of whoever signed in after them (a page left open across a sign-out).
   */
  as?: string;
  /** The browser's HTTP cache for this request (`no-store`: an answer whose ETag does not cover all of it, never revalidated into a stale 304). */
  cache?: RequestCache;
}

export function problemOf(answer: Answer): Problem | undefined {
  const body = answer.body as Partial<Problem> | null;
  return body && typeof body === 'object' && typeof body.status === 'number' ? (body as Problem) : undefined;
}

/** Calls the API with the signed-in person's ID token; every answer with a status is returned, not thrown. */
export async function request<T = unknown>(config: WebConfig, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  let token: string | undefined;
  try {
    token = await idToken(config, options.as);
  } catch {
    throw new Unreachable('the sign-in domain cannot be reached');
  }
  if (!token) throw new SignInRequired('not signed in');
  let response: Response;
  try {
    response = await fetch(urlOn(config.apiUrl, path), {
      method: options.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': 'zh-CN',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      ...(options.cache ? { cache: options.cache } : {}),
    });
  } catch {
    throw new Unreachable(`no answer from ${path}`);
  }
  if (response.status === 401) throw new SignInRequired('the API refused the token');
  // JSON (records, problem+json) parsed; anything else (CSV) as text.
  // A 204 has no body, whatever content type the API's middleware stamped on it.
  const body = response.status === 204 ? undefined : (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : await response.text();
  return { status: response.status, body: body as T, headers: response.headers };
}

/** GET a document (JSON parsed, CSV as text); a refusal becomes an error carrying the problem. */
export async function getDocument<T>(config: WebConfig, path: string): Promise<T> {
  const answer = await request<T>(config, path);
  if (answer.status >= 400) throw new ApiError(problemOf(answer) ?? { type: 'about:blank', title: `请求失败（${answer.status}）`, status: answer.status });
  return answer.body;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}
