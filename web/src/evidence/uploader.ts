import type { Problem } from '../api.ts';
import { type EvidenceFile, isDue, moves, type Upload, uploadUsable } from './files.ts';
import type { FileStore } from './store.ts';

/**
 * The evidence files waiting with their records, and their way to the server. The order, decided:
 *
 * 1. **Announce** (`POST /attachments`, a few hundred bytes each) just before the record is posted:
 *    a record may name only attachments its writer has announced, and a pending one is accepted.
 * 2. **Post the record** (the outbox): it is stored and counts at once, whatever the photos' fate.
 * 3. **Upload** the bytes to each presigned URL (progress shown), oldest first, each file on its own
 *    back-off; an expired or refused URL is asked for afresh (the same body again gives a fresh one
 *    while the file is pending). A URL's object is written once: a 412 means this file's bytes are there.
 * 4. **Ask for the verdict** (`GET /attachments/{id}`): stored (the bytes on the device are let go),
 *    or rejected (shown as an error). A verdict is final (announcing a judged file again is a 409 that
 *    says which): a rejected file is removed from the record in the desk and picked afresh.
 *
 * Nothing is lost either way: the bytes stay on the device until the server has stored them.
 */

export interface EvidenceApi {
  /** POST /attachments; throws the API module's `Unreachable` / `SignInRequired`. */
  announce(input: { id: string; contentType: string; size: number }): Promise<{ status: number; body: unknown }>;
  /** GET /attachments/{id}. */
  get(id: string): Promise<{ status: number; body: unknown }>;
  /** PUT the bytes to a presigned URL; answers the HTTP status, throws when there is no answer. */
  put(upload: Upload, blob: Blob, onProgress: (fraction: number) => void): Promise<number>;
}

export interface EvidenceOptions {
  store: FileStore;
  api: EvidenceApi;
  now?: () => number;
  isUnreachable(error: unknown): boolean;
  /** Whether the record naming a file has been stored (only then are its bytes sent). */
  recordSent(recordId: string): boolean;
  /** A file changed (its state, or its upload's progress); none: the list changed. */
  onChange?(file?: EvidenceFile): void;
}

/** What the outbox is told instead of posting the record: a refusal naming the files, or "busy, later". */
export interface AnnounceOutcome {
  status: number;
  body: Problem;
  retryAfterSeconds?: number;
}

export interface Evidence {
  ready: Promise<void>;
  files(): EvidenceFile[];
  ofRecord(recordId: string): EvidenceFile[];
  get(id: string): EvidenceFile | undefined;
  /** The fraction sent of a file being uploaded. */
  progress(id: string): number | undefined;
  /** A file picked in a form (state `draft`). */
  add(file: EvidenceFile): Promise<void>;
  /** A draft taken out of its form. */
  removeDraft(id: string): Promise<void>;
  /** The record was submitted naming these files: they wait to be sent; its other files go. */
  queue(recordId: string, ids: readonly string[]): Promise<void>;
  /** Announces what the record names and is not announced yet; undefined when the record may be posted now. */
  announceFor(recordId: string, ids: readonly string[]): Promise<AnnounceOutcome | undefined>;
  /** Uploads and asks for verdicts, for files of records already stored (`force`: ignore back-offs). */
  run(force?: boolean): Promise<void>;
  /** The record was deleted from the outbox: its files go too. */
  dropRecord(recordId: string): Promise<void>;
  /**
   * Lets go of drafts of forms no longer open, and of stored files whose record the outbox no longer
   * lists; a file still on its way stays until the server has it.
   */
  prune(keep: ReadonlySet<string>): Promise<void>;
}

const messageOf = (body: unknown, status: number) => {
  const p = body as Partial<Problem> | undefined;
  return p?.errors?.[0]?.message ?? p?.detail ?? p?.title ?? `HTTP ${status}`;
};

export function createEvidence(options: EvidenceOptions): Evidence {
  const now = options.now ?? Date.now;
  const files = new Map<string, EvidenceFile>();
  const progress = new Map<string, number>();
  const ready = options.store.all().then((all) => {
    for (const f of all) files.set(f.id, f.state === 'uploading' ? { ...f, state: 'announced' } : f);
    options.onChange?.();
  });
  const save = async (file: EvidenceFile) => {
    files.set(file.id, file);
    await options.store.put(file);
    options.onChange?.(file);
  };
  const drop = async (id: string) => {
    files.delete(id);
    await options.store.remove(id);
  };
  const sorted = () => [...files.values()].sort((a, b) => a.addedAt.localeCompare(b.addedAt));

  /** One POST /attachments; answers what became of the file (thrown: no answer). */
  async function announce(file: EvidenceFile): Promise<EvidenceFile | { busy: number | undefined }> {
    const answer = await options.api.announce({ id: file.id, contentType: file.contentType, size: file.size });
    const body = answer.body as { status?: string; upload?: Upload } | undefined;
    if ((answer.status === 200 || answer.status === 201) && body?.upload) return moves.announced(file, body.upload);
    const type = (answer.body as Partial<Problem> | undefined)?.type;
    if (answer.status === 409 && type === '/problems/attachment-stored') return moves.alreadyStored(file);
    if (answer.status === 409 && type === '/problems/attachment-rejected') return moves.verdict(file, 'rejected', now());
    if (answer.status === 429 || answer.status >= 500) return { busy: undefined };
    return moves.refused(file, messageOf(answer.body, answer.status));
  }

  let running: Promise<void> | undefined;
  let again = false;

  async function runOnce(force: boolean): Promise<void> {
    for (const listed of sorted()) {
      const file = files.get(listed.id);
      if (!file || !isDue(file, now(), force) || !options.recordSent(file.recordId)) continue;
      try {
        if (file.state === 'verifying') {
          const answer = await options.api.get(file.id);
          const status = (answer.body as { status?: string } | undefined)?.status;
          await save(moves.verdict(file, answer.status === 200 && (status === 'stored' || status === 'rejected') ? status : 'pending', now()));
          continue;
        }
        let current = file;
        if (current.state === 'waiting' || !uploadUsable(current, now())) {
          const outcome = await announce(current);
          if ('busy' in outcome) { await save(moves.failed(current, now())); continue; }
          await save(outcome);
          if (outcome.state !== 'announced') continue;
          current = outcome;
        }
        if (!current.blob) { await save(moves.refused(current, '本机已没有这个文件，请重新选择')); continue; }
        progress.set(current.id, 0);
        await save(moves.started(current));
        let status: number;
        try {
          status = await options.api.put(current.upload!, current.blob, (fraction) => {
            progress.set(current.id, fraction);
            options.onChange?.(files.get(current.id));
          });
        } finally {
          progress.delete(current.id);
        }
        // 412: the URL's object is there already (an earlier PUT of these bytes whose answer was lost).
        if ((status >= 200 && status < 300) || status === 412) {
          const uploaded = moves.uploaded(current, now());
          await save(uploaded);
          // The verdict is usually there within a moment: asked at once, then on the back-off.
          const answer = await options.api.get(uploaded.id);
          const verdict = (answer.body as { status?: string } | undefined)?.status;
          await save(moves.verdict(uploaded, answer.status === 200 && (verdict === 'stored' || verdict === 'rejected') ? verdict : 'pending', now()));
        } else if (status === 400 || status === 403) {
          await save(moves.expired(current, now()));
        } else {
          await save(moves.failed(current, now()));
        }
      } catch (error) {
        const latest = files.get(file.id)!;
        if (latest.state === 'uploading') await save(moves.failed(latest, now()));
        else if (latest.state !== 'verifying') await save({ ...latest, attempts: latest.attempts + 1, notBefore: now() + 2_000 });
        if (options.isUnreachable(error)) return;
        // Signed out, or something unexpected: stop this run; the next one tries again.
        return;
      }
    }
  }

  const evidence: Evidence = {
    ready,
    files: sorted,
    ofRecord: (recordId) => sorted().filter((f) => f.recordId === recordId),
    get: (id) => files.get(id),
    progress: (id) => progress.get(id),
    add: (file) => save(file),
    async removeDraft(id) {
      if (files.get(id)?.state === 'draft') await drop(id);
      options.onChange?.();
    },
    async queue(recordId, ids) {
      for (const f of evidence.ofRecord(recordId)) {
        if (ids.includes(f.id)) await save(moves.queued(f));
        // Taken out of the record (a draft, or a file of a refused submission corrected): not sent.
        else await drop(f.id);
      }
      options.onChange?.();
    },
    async announceFor(recordId, ids) {
      await ready;
      const errors: { path: string; message: string }[] = [];
      for (const [index, id] of ids.entries()) {
        let file = files.get(id);
        if (!file || file.recordId !== recordId) continue;
        if (file.state === 'draft') file = moves.queued(file);
        if (file.state === 'refused') file = { ...file, state: 'waiting' };
        if (!(file.state === 'waiting' || (file.state === 'announced' && !uploadUsable(file, now())))) continue;
        const outcome = await announce(file);
        if ('busy' in outcome) return { status: 503, body: { type: 'about:blank', title: '服务繁忙，稍后自动重试', status: 503 } };
        await save(outcome);
        if (outcome.state === 'refused') errors.push({ path: `attachments[${index}].id`, message: outcome.problem ?? '佐证材料被退回' });
      }
      if (errors.length === 0) return undefined;
      return { status: 422, body: { type: '/problems/validation', title: '佐证材料被退回', status: 422, errors } };
    },
    run(force = false) {
      if (running) { again = true; return running; }
      running = (async () => {
        await ready;
        do { again = false; await runOnce(force); } while (again);
      })().finally(() => { running = undefined; });
      return running;
    },
    async dropRecord(recordId) {
      for (const f of evidence.ofRecord(recordId)) await drop(f.id);
      options.onChange?.();
    },
    async prune(keep) {
      await ready;
      for (const f of sorted()) if (!keep.has(f.recordId) && (f.state === 'draft' || f.state === 'stored')) await drop(f.id);
      options.onChange?.();
    },
  };
  return evidence;
}
