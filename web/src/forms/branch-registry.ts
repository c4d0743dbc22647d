import { branchNameKey } from '#schemas/common.ts';

/**
 * A county's registered branches (支部名册) kept on the device, so a branch is picked from the
 * registry even without signal. A county holds a few hundred names: each list is one localStorage
 * entry with the time it was fetched, refreshed when online and older than REFRESH_AFTER_MS.
 * Searching is by name or former name, spacing, width and case set aside (the server's
 * `branchNameKey`). No DOM.
 */

/** A registered branch as the picker needs it (the registry's entry, trimmed). */
export interface KnownBranch {
  id: string;
  name: string;
  type: 'village' | 'community';
  /** Former names (曾用名), if there are some. */
  aliases?: string[];
}

export interface CountyList {
  county: string;
  /** When the list was fetched (ISO 8601). */
  fetchedAt: string;
  items: KnownBranch[];
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** One page of `GET /branches`: the fetcher answers it, or throws when the API cannot be reached. */
export type PageFetcher = (query: URLSearchParams) => Promise<{ items: (KnownBranch & { status?: string })[]; nextCursor: string | null }>;

/** Refreshed when the list kept is older than this and the device is online: registries change seldom. */
export const REFRESH_AFTER_MS = 6 * 60 * 60 * 1000;
/** As many a request as the API gives. */
const PAGE = 500;
/** A county's registry never holds more than a few pages; the bound keeps a broken cursor from looping. */
const MAX_PAGES = 20;

const keyOf = (county: string) => `xjc.branches.${county}`;

export function readCounty(county: string, store: Store = localStorage): CountyList | undefined {
  try {
    const raw = store.getItem(keyOf(county));
    return raw ? (JSON.parse(raw) as CountyList) : undefined;
  } catch {
    return undefined;
  }
}

/** A county's active branches, page after page (`limit=500`, following `nextCursor`), kept on the device. */
export async function fetchCounty(county: string, fetchPage: PageFetcher, store: Store = localStorage, now = new Date()): Promise<CountyList> {
  const items: KnownBranch[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ county, status: 'active', limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const answer = await fetchPage(query);
    for (const b of answer.items) items.push({ id: b.id, name: b.name, type: b.type, ...(b.aliases?.length ? { aliases: b.aliases } : {}) });
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  const list: CountyList = { county, fetchedAt: now.toISOString(), items };
  try {
    store.setItem(keyOf(county), JSON.stringify(list));
  } catch {
    // A full storage keeps the older list (or none): picking then works while online only.
  }
  return list;
}

export const isStale = (list: CountyList | undefined, now = new Date()): boolean =>
  !list || now.getTime() - Date.parse(list.fetchedAt) > REFRESH_AFTER_MS;

/** The branch a kept list holds under an id, in any county kept (a draft names a branch by id only). */
export function findKept(id: string, store: Storage = localStorage): (KnownBranch & { county: string }) | undefined {
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith('xjc.branches.')) continue;
    const list = readCounty(key.slice('xjc.branches.'.length), store);
    const found = list?.items.find((b) => b.id === id);
    if (found && list) return { ...found, county: list.county };
  }
  return undefined;
}

/**
 * The branches whose name or a former name holds what was typed (as compared), the ones that begin
 * with it first, then in name order; at most `limit`.
 */
export function searchBranches(items: readonly KnownBranch[], typed: string, limit = 8): KnownBranch[] {
  const q = branchNameKey(typed);
  if (!q) return items.slice(0, limit);
  const ranked: [number, KnownBranch][] = [];
  for (const b of items) {
    const keys = [b.name, ...(b.aliases ?? [])].map(branchNameKey);
    const rank = keys.some((k) => k.startsWith(q)) ? 0 : keys.some((k) => k.includes(q)) ? 1 : -1;
    if (rank >= 0) ranked.push([rank, b]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name, 'zh-CN')).slice(0, limit).map(([, b]) => b);
}

/** The one registered branch whose name (or a former name) is exactly what was typed, as compared. */
export function exactMatch(items: readonly KnownBranch[], typed: string): KnownBranch | undefined {
  const q = branchNameKey(typed);
  if (!q) return undefined;
  const found = items.filter((b) => [b.name, ...(b.aliases ?? [])].some((n) => branchNameKey(n) === q));
  return found.length === 1 ? found[0] : undefined;
}
