import { randomBytes } from 'node:crypto';

/**
 * Where an attachment's bytes live in the evidence bucket: `attachments/<id>/<upload>`, one object per
 * announcement. A fresh announcement of a pending attachment names a new object, so a URL handed out
 * earlier can only ever write an object nobody judges or serves; the attachment's item keeps the key
 * of its current announcement, and the verdict is about that object alone. Read by the presigner, the
 * verify function, the bucket's notification filter and policy (infra) and the local S3 server's key
 * filter; with the lifetimes of the URLs to them.
 */

/** How long an upload URL stays valid: long enough for a slow connection, short enough not to linger. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;
/** How long a download URL stays valid: enough to open it, too short to pass around. */
export const DOWNLOAD_EXPIRES_SECONDS = 10 * 60;
/** The bucket refuses any request signed longer ago than the longest of these (its policy, on `s3:signatureAge`). */
export const LONGEST_URL_SECONDS = Math.max(UPLOAD_EXPIRES_SECONDS, DOWNLOAD_EXPIRES_SECONDS);

/** The header that makes a PUT create its object or fail (412): an upload can never replace stored bytes. */
export const CREATE_ONLY = { 'if-none-match': '*' } as const;

/** Every attachment's objects are under this prefix (the notification's filter, the functions' grants). */
export const EVIDENCE_PREFIX = 'attachments/';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** base64url, as newUploadName writes it. */
const UPLOAD = '[A-Za-z0-9_-]{22}';

/** An announcement's key, as written: nothing that needs escaping, nothing a path could climb out of. */
export const OBJECT_KEY_PATTERN = new RegExp(`^${EVIDENCE_PREFIX}(${UUID})/(${UPLOAD})$`);

/** A fresh, unguessable name for one announcement's object (128 random bits). */
export const newUploadName = (): string => randomBytes(16).toString('base64url');

export const objectKeyOf = (attachmentId: string, upload: string): string => `${EVIDENCE_PREFIX}${attachmentId}/${upload}`;

/** Where attachments stored before objects were per announcement keep their bytes (their items name no object). */
export const legacyObjectKey = (attachmentId: string): string => `${EVIDENCE_PREFIX}${attachmentId}`;

/** Whether a key is one the evidence bucket may hold: an announcement's, or an attachment's from before. */
export const isEvidenceKey = (key: string): boolean => OBJECT_KEY_PATTERN.test(key) || LEGACY_KEY_PATTERN.test(key);
const LEGACY_KEY_PATTERN = new RegExp(`^${EVIDENCE_PREFIX}${UUID}$`);

/** The attachment an object key belongs to, or undefined for a key no announcement writes. */
export function attachmentIdOfObjectKey(key: string): string | undefined {
  return OBJECT_KEY_PATTERN.exec(key)?.[1];
}
