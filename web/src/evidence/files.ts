import type { PreparedType } from './scale.ts';

/**
 * A file of evidence on the device, and how it moves on, without the DOM or the network (unit-tested
 * in test/unit/web-evidence.test.ts). Its bytes wait in IndexedDB with the record naming it (store.ts);
 * the uploader (uploader.ts) applies these moves.
 *
 *   draft ──(the record is submitted)──▶ waiting ──(POST /attachments)──▶ announced ──(PUT)──▶ uploading
 *   uploading ──(200; 412: its object is there already)──▶ verifying ──(GET: stored)──▶ stored (its bytes then let go)
 *                                  └─(GET: rejected)──▶ rejected (final: the record is corrected, the file picked afresh)
 *   uploading ──(no answer, 5xx)──▶ announced, after a back-off;  (URL expired, 403)──▶ waiting
 *   waiting ──(POST 409: judged already)──▶ stored / rejected, as the answer's type says
 *   waiting ──(POST refused: 413, 422, another 409)──▶ refused (the record is refused with it)
 */

export type FileState = 'draft' | 'waiting' | 'announced' | 'uploading' | 'verifying' | 'stored' | 'rejected' | 'refused';

export interface Upload {
  url: string;
  headers: Record<string, string>;
  /** ISO; a URL this close to expiring is asked for afresh rather than used. */
  expiresAt: string;
}

/** A file already stored with a record (a correction on the desk): its type and a short-lived link to it, as `GET /attachments/{id}` answers. */
export interface StoredFile {
  contentType: string;
  url?: string;
}

export interface EvidenceFile {
  /** The attachment id (a UUID made when the file was picked): a retry carries it. */
  id: string;
  /** The record that names it (the form's record id). */
  recordId: string;
  /** Whose it is (the sub of the person who picked it; see owner.ts); absent on files kept before. */
  owner?: string;
  name: string;
  contentType: PreparedType;
  /** Bytes sent (after scaling). */
  size: number;
  /** Bytes as picked. */
  originalSize: number;
  width?: number;
  height?: number;
  /** What the photo says: `YYYY-MM-DDTHH:MM:SS` on its own clock, and where. */
  takenAt?: string;
  gps?: { latitude: number; longitude: number };
  thumbnail?: string;
  /** The bytes; let go once the server has stored them. */
  blob?: Blob;
  state: FileState;
  attempts: number;
  /** Epoch ms before which no attempt is made. */
  notBefore?: number;
  upload?: Upload;
  /** Why it was refused or rejected, in the API's words. */
  problem?: string;
  /** Epoch ms the last PUT was answered. */
  uploadedAt?: number;
  addedAt: string;
}

/** After `attempts` failed tries: 2 s, 4 s, 8 s … at most 5 minutes (the outbox's schedule). */
export const backoffMs = (attempts: number) => Math.min(5 * 60_000, 2_000 * 2 ** Math.min(Math.max(attempts, 0), 10));

/**
 * How long before asking again for the verdict of an upload the server has not judged yet: 1 s, 2 s,
 * 3 s … at most 30 s (verification takes a moment; a back-off doubling like the uploads' would leave a
 * stored photo shown as 校验中 for minutes).
 */
export const verdictWaitMs = (attempts: number) => Math.min(30_000, 1_000 * (Math.max(attempts, 0) + 1));

/** A presigned URL this near its expiry is not used: the PUT could outlast it. */
export const EXPIRY_MARGIN_MS = 60_000;

export const moves = {
  /** The record naming it went into the outbox. */
  queued: (f: EvidenceFile): EvidenceFile => (f.state === 'draft' ? { ...f, state: 'waiting', attempts: 0, notBefore: undefined } : f),
  /** POST /attachments answered with where to upload (201, or 200 for a repeat). */
  announced: (f: EvidenceFile, upload: Upload): EvidenceFile => ({ ...f, state: 'announced', upload, problem: undefined }),
  /** POST /attachments answered that the file is stored already (409 attachment-stored: a repeat after an upload whose answer was lost). */
  alreadyStored: (f: EvidenceFile): EvidenceFile => ({ ...f, state: 'stored', upload: undefined, blob: undefined, notBefore: undefined }),
  /** POST /attachments refused it (too large, a type the API does not take, an id used otherwise). */
  refused: (f: EvidenceFile, problem: string): EvidenceFile => ({ ...f, state: 'refused', problem }),
  started: (f: EvidenceFile): EvidenceFile => ({ ...f, state: 'uploading' }),
  /** No answer, or a server in trouble: tried again after a back-off, with the same URL if still good. */
  failed: (f: EvidenceFile, now: number): EvidenceFile => ({ ...f, state: 'announced', attempts: f.attempts + 1, notBefore: now + backoffMs(f.attempts) }),
  /** The URL expired or was refused: a fresh one is asked for. */
  expired: (f: EvidenceFile, now: number): EvidenceFile => ({ ...f, state: 'waiting', upload: undefined, attempts: f.attempts + 1, notBefore: now + backoffMs(f.attempts) }),
  /** The PUT answered 200: the server now checks what arrived. */
  uploaded: (f: EvidenceFile, now: number): EvidenceFile => ({ ...f, state: 'verifying', upload: undefined, attempts: 0, notBefore: undefined, uploadedAt: now }),
  /** GET /attachments/{id}: the server's verdict, or still pending (asked again after a back-off). */
  verdict: (f: EvidenceFile, status: 'pending' | 'stored' | 'rejected', now: number): EvidenceFile => {
    if (status === 'stored') return { ...f, state: 'stored', blob: undefined, notBefore: undefined, problem: undefined };
    if (status === 'rejected') return { ...f, state: 'rejected', upload: undefined, notBefore: undefined, problem: '文件内容与类型或大小不符' };
    return { ...f, attempts: f.attempts + 1, notBefore: now + verdictWaitMs(f.attempts) };
  },
};

/** Whether the uploader acts on it now: its record is sent, its time has come (or the person asked). */
export function isDue(f: EvidenceFile, now: number, force: boolean): boolean {
  if (!['waiting', 'announced', 'verifying'].includes(f.state)) return false;
  return force || (f.notBefore ?? 0) <= now;
}

/** Whether a held URL is still good for a PUT now. */
export const uploadUsable = (f: EvidenceFile, now: number) => !!f.upload && Date.parse(f.upload.expiresAt) - now > EXPIRY_MARGIN_MS;

/** What the person reads of a file's state in the outbox. */
export function stateText(f: EvidenceFile, progress?: number): string {
  switch (f.state) {
    case 'draft': return '未提交';
    case 'waiting':
    case 'announced': return '等待';
    case 'uploading': return `上传中 ${Math.round((progress ?? 0) * 100)}%`;
    case 'verifying': return '已上传，校验中';
    case 'stored': return '已上传';
    case 'rejected': return '未通过校验';
    case 'refused': return '被退回';
  }
}
