import type { Batch, FieldError } from './file.ts';

/**
 * An import under way, kept on the device (localStorage, keyed by the file's fingerprint): the
 * file's batches and what the API answered for each one confirmed. A dropped connection or a
 * reload loses nothing: "继续导入" sends the batches not yet confirmed (the import is idempotent, so
 * a batch whose answer was lost is harmless to send again: its rows come back unchanged). No DOM.
 */

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Rejected rows by their row number in the file. */
  rejected: { line: number; errors: FieldError[] }[];
}

export interface ImportProgress {
  fingerprint: string;
  fileName: string;
  batches: Batch[];
  /** The API's answer for each batch it confirmed, by the batch's index. */
  done: Record<number, BatchResult>;
  startedAt: string;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
const PREFIX = 'xjc.import.';

/** The API's answer for a batch, its rejected rows named by their row numbers in the file. */
export function resultOf(batch: Batch, answer: { created: number; updated: number; unchanged: number; rejected: { index: number; errors: FieldError[] }[] }): BatchResult {
  return {
    created: answer.created,
    updated: answer.updated,
    unchanged: answer.unchanged,
    rejected: answer.rejected.map((r) => ({ line: batch.lines[r.index] ?? r.index, errors: r.errors })),
  };
}

/** The sum of batches' results, the rejected rows in file order. */
export function totalOf(results: readonly BatchResult[]): BatchResult {
  return {
    created: results.reduce((n, r) => n + r.created, 0),
    updated: results.reduce((n, r) => n + r.updated, 0),
    unchanged: results.reduce((n, r) => n + r.unchanged, 0),
    rejected: results.flatMap((r) => r.rejected).sort((a, b) => a.line - b.line),
  };
}

export const remaining = (progress: ImportProgress): number[] =>
  progress.batches.map((_, i) => i).filter((i) => progress.done[i] === undefined);

export const isFinished = (progress: ImportProgress) => remaining(progress).length === 0;

export function progressStore(store: Store = localStorage) {
  return {
    read(fingerprint: string): ImportProgress | undefined {
      const raw = store.getItem(PREFIX + fingerprint);
      return raw ? (JSON.parse(raw) as ImportProgress) : undefined;
    },
    /** False when the device has no room for it: the import still runs, but cannot resume after a reload. */
    write(progress: ImportProgress): boolean {
      try {
        store.setItem(PREFIX + progress.fingerprint, JSON.stringify(progress));
        return true;
      } catch {
        return false;
      }
    },
    remove: (fingerprint: string) => store.removeItem(PREFIX + fingerprint),
    /** Imports left unfinished on this device, newest first. */
    unfinished(): ImportProgress[] {
      const found: ImportProgress[] = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (!key?.startsWith(PREFIX)) continue;
        try {
          const progress = JSON.parse(store.getItem(key)!) as ImportProgress;
          if (!isFinished(progress)) found.push(progress);
        } catch {
          // Not ours to read: left alone.
        }
      }
      return found.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    },
  };
}
