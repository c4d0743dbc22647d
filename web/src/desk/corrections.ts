import { type Signal, signal } from '@preact/signals';
import { request, SignInRequired, Unreachable } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { outboxEvidence, type OutboxEvidence } from '../evidence/outbox-wiring.ts';
import { watchConnection } from '../forms/connection.tsx';
import { alreadyHolds } from './landed.ts';
import { correctionId, createOutbox, isCorrection, type Outbox, type OutboxEntry, type Post } from '../outbox.ts';

/**
 * The desk's corrections (修改) kept on the device: the forms page's outbox, carrying entries that
 * are `PATCH`es with the version they were made on, and its evidence store for the photos and files
 * a correction adds. Written to the device before anything is sent, so neither a lost signal nor a
 * reload loses one; sent when the connection returns, the new files uploaded once it has landed.
 * Started once, when a correction first opens or when the desk starts with one waiting.
 */
export interface Corrections {
  outbox: Outbox;
  evidence: OutboxEvidence;
  /** The corrections on this device, as they change. */
  entries: Signal<OutboxEntry[]>;
  /** The correction of a record kept here (waiting, refused or sent). */
  of(recordId: string): OutboxEntry | undefined;
  /** Sends what waits (and its files) now, when there is a connection. */
  flush(): Promise<void>;
  /** Whether the device is online, so a correction can say beforehand that it will wait. */
  online: Signal<boolean>;
}

/** How often waiting corrections are looked at, as the forms page's outbox is (each entry backs off on its own). */
const RETRY_EVERY_MS = 5_000;

/** A correction as the API takes it: the changed fields, with `If-Match` of the version it was made on, under `owner`'s token only. */
function patchWith(config: WebConfig, owner: string): Post {
  return async (path, body, correction) => {
    if (!navigator.onLine) throw new Unreachable('offline');
    const answer = await request(config, path, {
      method: correction?.method ?? 'POST', body, as: owner,
      headers: correction ? { 'if-match': `"${correction.version}"` } : undefined,
    });
    if (correction && answer.status === 412) {
      // Sent before, its answer lost? Then the record already holds it: landed, not refused.
      const now = await request(config, path, { as: owner });
      if (now.status === 200 && alreadyHolds(now.body, body)) return { status: 200, body: now.body };
    }
    const retryAfter = Number(answer.headers.get('retry-after'));
    return { status: answer.status, body: answer.body, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
  };
}

let started: Corrections | undefined;

export function startCorrections(config: WebConfig, owner: string): Corrections {
  if (started) return started;
  const entries = signal<OutboxEntry[]>([]);
  const evidence = outboxEvidence(config, owner, () => outbox.entries());
  const outbox: Outbox = createOutbox({
    store: localStorage,
    owner,
    post: evidence.post(patchWith(config, owner)),
    sends: isCorrection,
    onChange: (all) => { entries.value = all.filter(isCorrection); },
    isUnreachable: (e) => e instanceof Unreachable,
    isSignInRequired: (e) => e instanceof SignInRequired,
  });
  entries.value = outbox.entries().filter(isCorrection);
  const flush = async (force = false) => {
    if (!navigator.onLine) return;
    await outbox.flush(force).catch(() => undefined);
    await evidence.evidence.run(force);
  };
  const online = watchConnection(() => void flush(true));
  setInterval(() => void flush(), RETRY_EVERY_MS);
  started = {
    outbox, evidence, entries, online,
    of: (recordId) => entries.value.find((e) => e.id === correctionId(recordId)),
    flush: () => flush(true),
  };
  void flush(true);
  return started;
}
