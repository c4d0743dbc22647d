import { type Signal, signal } from '@preact/signals';
import { attachmentIdsOf } from '#schemas/attachment-field.ts';
import { Unreachable } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { type OutboxEntry, type Post, recordStored } from '../outbox.ts';
import { setEvidence } from './host.ts';
import { browserEvidenceApi } from './network.ts';
import { indexedDbStore, ownedBy } from './store.ts';
import { createEvidence, type Evidence } from './uploader.ts';

/**
 * The evidence beside the outbox (the forms page's new records, the desk's corrections): files in
 * IndexedDB, announced just before their record is posted or corrected (a wrapper around the outbox's `post`), uploaded once it is stored, and listed
 * under each outbox entry.
 */
export interface OutboxEvidence {
  evidence: Evidence;
  /** The outbox's post, announcing a record's files first. */
  post(inner: Post): Post;
  /** Counts the files' changes, so the outbox's lists of them are drawn again. */
  changes: Signal<number>;
}

/** `owner`: whose files these are (the signed-in person's sub); only they are listed and sent. */
export function outboxEvidence(config: WebConfig, owner: string, entries: () => OutboxEntry[]): OutboxEvidence {
  const changes = signal(0);
  const evidence = createEvidence({
    store: ownedBy(indexedDbStore(), owner),
    api: browserEvidenceApi(config, owner),
    isUnreachable: (e) => e instanceof Unreachable,
    recordSent: (recordId) => recordStored(entries(), recordId),
    onChange: () => { changes.value++; },
  });
  setEvidence(evidence);
  return {
    evidence,
    post: (inner) => async (path, body, correction) => {
      const ids = attachmentIdsOf(body as object);
      // A correction's body is its changed fields only: its record is named beside it.
      const recordId = correction?.recordId ?? String((body as { id?: unknown }).id);
      if (ids.length > 0) {
        const outcome = await evidence.announceFor(recordId, ids);
        if (outcome) return { status: outcome.status, body: outcome.body, retryAfterSeconds: outcome.retryAfterSeconds };
      }
      const answer = await (correction ? inner(path, body, correction) : inner(path, body));
      // Stored: its files go up now (after the outbox has marked it sent).
      if (ids.length > 0 && answer.status >= 200 && answer.status < 300) setTimeout(() => void evidence.run(true), 0);
      return answer;
    },
    changes,
  };
}
