import { type AttachmentInput, MAX_ATTACHMENT_BYTES } from '#schemas/attachment.ts';
import { ConflictError, PayloadTooLargeError } from '#schemas/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import type { StoredAttachment } from '#functions/repositories/attachment-repository.ts';
import type { Actor, AttachmentDeps } from '../deps.ts';

/** How long an upload URL stays valid: long enough for a slow connection, short enough not to linger. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;

export interface Upload {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface Announced {
  created: boolean;
  attachment: StoredAttachment;
  /** Absent once the file is stored: stored evidence is never replaced. */
  upload?: Upload;
}

/**
 * Announce an attachment before its bytes go to the bucket (`POST /attachments`).
 * 1. Over 10 MiB is a 413 (the schema already refused any other type: 422).
 * 2. Store it, pending, as the caller's (their token subject); its id must be new.
 * 3. Answer a presigned PUT for exactly the declared type and length, valid 15 minutes.
 * 4. The same body again by the same caller is a retry: a fresh upload while the file is pending or
 *    was rejected (send it again), none once stored. Another body, or another caller, under the same
 *    id is a conflict (409).
 */
export async function announceAttachment(deps: AttachmentDeps, input: AttachmentInput, actor: Actor): Promise<Announced> {
  if (input.size > MAX_ATTACHMENT_BYTES) {
    throw new PayloadTooLargeError({
      zh: `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      en: `A file may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`,
    });
  }
  const now = deps.clock.now();
  const body = fingerprint(input);
  const fresh: StoredAttachment = {
    id: input.id, contentType: input.contentType, size: input.size, status: 'pending', uploadedBy: actor.by, fingerprint: body,
    createdAt: now.toISOString(), updatedAt: now.toISOString(),
  };
  const created = await deps.attachments.create(fresh);
  const attachment = created ? fresh : await deps.attachments.get(input.id);
  if (!attachment || attachment.fingerprint !== body || attachment.uploadedBy !== actor.by) {
    throw new ConflictError({
      zh: '该编号已用于另一个佐证材料；新文件请使用新的编号',
      en: 'This id is already used by another attachment; use a new id for a new file',
    });
  }
  if (attachment.status === 'stored') return { created, attachment };
  const url = await deps.files.uploadUrl(attachment.id, attachment.contentType, attachment.size, UPLOAD_EXPIRES_SECONDS);
  return {
    created,
    attachment,
    upload: {
      method: 'PUT',
      url,
      headers: { 'content-type': attachment.contentType, 'content-length': String(attachment.size) },
      expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(),
    },
  };
}
