import type { Problem } from './api.ts';
import { OUTBOX_BASE } from './outbox-unsent.ts';
import { adoptUnowned, ownedKey, type OwnedStore } from './owner.ts';

/**
 * The submissions kept on the device until the API has them. A submission is written here before
 * it is sent, so closing the page, losing the signal or a refused token loses nothing; it is sent
 * with the id chosen when its form opened, so sending it twice stores it once (the API answers a
 * repeat with 200). The page lists what is waiting, what was sent and what was refused.
 */
export type EntryState = 'waiting' | 'sent' | 'refused';

export interface OutboxEntry {
  id: string;
  kind: string;
  /** The collection it is posted to: `/visits`. */
  path: string;
  /** What a person recognises it by: "走访记录 · 东关大街社区党委 · 2026-11-20". */
  title: string;
  body: Record<string, unknown>;
  state: EntryState;
  queuedAt: string;
  attempts: number;
  /** Epoch ms before which no retry is made (after a busy answer or a failed attempt). */
  notBefore?: number;
  sentAt?: string;
  /** The API's answer: 201 stored now, 200 stored earlier (a repeat). */
  status?: number;
  /**
   * Stored, but flagged by the API as a suspected duplicate (疑似重复: the answer names the record it
   * may repeat in `duplicateOf`); it counts only once staff confirm it as distinct.
   */
  suspectedDuplicate?: boolean;
  problem?: Problem;
  /**
   * A correction of a stored record (修改): sent as `PATCH path` with `If-Match` of the version it
   * was made on, so a record changed meanwhile is a 412 kept here (refused), never overwritten.
   */
  method?: 'PATCH';
  version?: number;
  /** The record a correction is of (a new record's entry is its record: `id`). */
  recordId?: string;
  /** The record as the correction was made on it: what changed meanwhile is read against it. */
  base?: Record<string, unknown>;
}

/** How a correction is sent, beside its path and body. */
export interface Correction {
  method: 'PATCH';
  version: number;
  recordId: string;
}

/** How one entry is posted; throws `Unreachable` (no answer) or `SignInRequired` (token refused). */
export type Post = (path: string, body: unknown, correction?: Correction) => Promise<{ status: number; body: unknown; retryAfterSeconds?: number }>;

/** The record an entry is of. */
export const recordOf = (entry: Pick<OutboxEntry, 'id' | 'recordId'>): string => entry.recordId ?? entry.id;
/** A correction's entry is one per record: a newer correction of it replaces the last. */
export const correctionId = (recordId: string) => `correction:${recordId}`;
export const isCorrection = (entry: Pick<OutboxEntry, 'method'>) => entry.method === 'PATCH';
/**
 * Whether all that names a record's files is stored: the record, and each correction of it (none
 * of its entries still waiting or refused; one gone from the list was sent long ago). Its files go up only then.
 */
export const recordStored = (entries: readonly OutboxEntry[], recordId: string): boolean =>
  !entries.some((e) => recordOf(e) === recordId && e.state !== 'sent');

export type KeyValueStore = OwnedStore;

export interface Outbox {
  entries(): OutboxEntry[];
  /** Keeps a submission (replacing one with the same id) and tries to send at once. */
  add(entry: Pick<OutboxEntry, 'id' | 'kind' | 'path' | 'title' | 'body' | 'method' | 'version' | 'recordId' | 'base'>): Promise<void>;
  /**
   * Sends every waiting entry whose time has come (`force`: every waiting entry, as when the
   * connection returns or the person asks), oldest first; one run at a time.
   */
  flush(force?: boolean): Promise<FlushResult>;
  remove(id: string): void;
}

export interface FlushResult {
  sent: number;
  /** Stopped because there is no connection or the person must sign in again. */
  stopped?: 'unreachable' | 'sign-in';
}


/** Sent entries kept for the list, newest first; older ones are dropped. */
const KEEP_SENT = 50;
const backoffMs = (attempts: number) => Math.min(5 * 60_000, 2_000 * 2 ** Math.min(attempts, 10));

export interface OutboxOptions {
  store: KeyValueStore;
  /** Whose submissions these are (the token's `sub`): only they are listed and sent. */
  owner: string;
  post: Post;
  onChange?: (entries: OutboxEntry[]) => void;
  now?: () => number;
  /** Errors that mean "no answer" and "sign in again" (the API module's classes). */
  isUnreachable: (error: unknown) => boolean;
  isSignInRequired: (error: unknown) => boolean;
  /**
   * The entries this page sends (all when unsaid): the forms page new records, the desk corrections,
   * so two pages open at once never send the same correction twice (the second would be a 412).
   */
  sends?: (entry: OutboxEntry) => boolean;
}

/** How the API marks a stored record it suspects repeats another: the id of that other in `duplicateOf`. */
const isSuspectedDuplicate = (body: unknown) =>
  typeof body === 'object' && body !== null && typeof (body as { duplicateOf?: unknown }).duplicateOf === 'string';

export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const KEY = ownedKey(OUTBOX_BASE, options.owner);
  adoptUnowned(options.store, OUTBOX_BASE, options.owner, (own, unowned) => {
    const mine = JSON.parse(own) as OutboxEntry[];
    return JSON.stringify([...mine, ...(JSON.parse(unowned) as OutboxEntry[]).filter((e) => !mine.some((m) => m.id === e.id))]);
  });
  const load = (): OutboxEntry[] => JSON.parse(options.store.getItem(KEY) ?? '[]') as OutboxEntry[];
  const save = (entries: OutboxEntry[]) => {
    const sent = entries.filter((e) => e.state === 'sent').slice(-KEEP_SENT);
    const kept = entries.filter((e) => e.state !== 'sent' || sent.includes(e));
    options.store.setItem(KEY, JSON.stringify(kept));
    options.onChange?.(kept);
  };
  const update = (id: string, change: Partial<OutboxEntry>) => save(load().map((e) => (e.id === id ? { ...e, ...change } : e)));
  let running: Promise<FlushResult> | undefined;
  /** Asked again while a run was under way: it runs once more, for entries added meanwhile. */
  let again = false;
  let forced = false;

  async function flushOnce(force: boolean): Promise<FlushResult> {
    let sent = 0;
    for (const entry of load()) {
      if (entry.state !== 'waiting' || (!force && (entry.notBefore ?? 0) > now())) continue;
      if (options.sends && !options.sends(entry)) continue;
      let answer: Awaited<ReturnType<Post>>;
      try {
        answer = await (entry.method === 'PATCH' && entry.version !== undefined
          ? options.post(entry.path, entry.body, { method: entry.method, version: entry.version, recordId: recordOf(entry) })
          : options.post(entry.path, entry.body));
      } catch (error) {
        if (options.isSignInRequired(error)) return { sent, stopped: 'sign-in' };
        if (!options.isUnreachable(error)) throw error;
        update(entry.id, { attempts: entry.attempts + 1, notBefore: now() + backoffMs(entry.attempts) });
        return { sent, stopped: 'unreachable' };
      }
      // 201 stored now; 200 stored earlier (a correction: stored); 204 stored earlier and no longer this person's to see.
      if (answer.status === 200 || answer.status === 201 || answer.status === 204) {
        update(entry.id, {
          state: 'sent', status: answer.status, sentAt: new Date(now()).toISOString(), attempts: entry.attempts + 1, notBefore: undefined,
          suspectedDuplicate: isSuspectedDuplicate(answer.body) || undefined,
        });
        sent += 1;
      } else if (answer.status === 429 || answer.status >= 500) {
        const wait = answer.retryAfterSeconds !== undefined ? answer.retryAfterSeconds * 1000 : backoffMs(entry.attempts);
        update(entry.id, { attempts: entry.attempts + 1, notBefore: now() + wait });
      } else {
        update(entry.id, { state: 'refused', status: answer.status, attempts: entry.attempts + 1, problem: answer.body as Problem });
      }
    }
    return { sent };
  }

  const outbox: Outbox = {
    entries: load,
    async add(entry) {
      const others = load().filter((e) => e.id !== entry.id);
      // Undefined fields are left out, so a new record's entry stays as it was stored before corrections.
      const kept = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as typeof entry;
      save([...others, { ...kept, state: 'waiting', queuedAt: new Date(now()).toISOString(), attempts: 0 }]);
      await outbox.flush(true);
    },
    flush(force = false) {
      forced ||= force;
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let result: FlushResult;
        do {
          again = false;
          const thisForced = forced;
          forced = false;
          result = await flushOnce(thisForced);
        } while (again && !result.stopped);
        return result;
      })().finally(() => { running = undefined; });
      return running;
    },
    remove(id) {
      save(load().filter((e) => e.id !== id));
    },
  };
  return outbox;
}
