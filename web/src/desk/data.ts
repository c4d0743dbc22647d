import type { FormRecord } from '#schemas/form.ts';
import { ApiError, problemOf, type Problem, request } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { learnHeads } from './record-heads.ts';

/**
 * The desk's calls to the API: whole lists (every page, following `nextCursor`), one record, and
 * writes that answer either the new record or the API's problem+json (a 412, a 422 with its
 * fields, a 409) for the view to show. Network trouble and a lost sign-in are thrown
 * (`Unreachable`, `SignInRequired`), as everywhere on the site.
 */
export type Outcome<T> = { ok: true; value: T; status: number } | { ok: false; status: number; problem: Problem };

let config: WebConfig;
/** Where the API is: set once when the desk starts. */
export const setConfig = (given: WebConfig) => { config = given; };
export const currentConfig = (): WebConfig => config;

const fallbackProblem = (status: number): Problem => ({ type: 'about:blank', title: `请求失败（${status}）`, status });

export async function send<T>(path: string, options: { method?: string; body?: unknown; version?: number; cache?: RequestCache } = {}): Promise<Outcome<T>> {
  const answer = await request<T>(config, path, {
    method: options.method,
    cache: options.cache,
    body: options.body,
    headers: options.version === undefined ? undefined : { 'if-match': `"${options.version}"` },
  });
  if (answer.status >= 200 && answer.status < 300) {
    learnHeads(answer.body);
    return { ok: true, value: answer.body, status: answer.status };
  }
  return { ok: false, status: answer.status, problem: problemOf(answer) ?? fallbackProblem(answer.status) };
}

/** A list as far as it has been read: its items, and where the rest begins (null: nothing more). */
export interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}

/** Pages of a list from `cursor` on, until at least `upTo` items are read or the list ends. */
export async function getList<T>(path: string, query: URLSearchParams, upTo: number, cursor: string | null = null): Promise<Listed<T>> {
  const items: T[] = [];
  do {
    const q = new URLSearchParams(query);
    if (cursor) q.set('cursor', cursor);
    // toString, not `size`: the phones this site serves include browsers older than `URLSearchParams.size`.
    const text = q.toString();
    const answer = await send<Listed<T>>(text ? `${path}?${text}` : path);
    if (!answer.ok) throw new ApiError(answer.problem);
    items.push(...answer.value.items);
    cursor = answer.value.nextCursor;
  } while (cursor && items.length < upTo);
  return { items, nextCursor: cursor };
}

/** Every item of a list, page after page: for lists a person's reach bounds (heads, a record's trail, their own records). */
export async function getAll<T>(path: string, query: URLSearchParams): Promise<T[]> {
  return (await getList<T>(path, query, Infinity)).items;
}

/** A record as the API shows it (its kind's fields, status, review, version, …). */
export type StoredRecord = FormRecord & Record<string, unknown>;

export const getRecord = (kindPath: string, id: string) => send<StoredRecord>(`/${kindPath}/${id}`);
