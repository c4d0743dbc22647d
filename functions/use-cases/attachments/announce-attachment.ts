import { type AttachmentInput, MAX_ATTACHMENT_BYTES } from '#schemas/attachment.ts';
import { AttachmentJudgedError, ConflictError, PayloadTooLargeError } from '#schemas/errors.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { CREATE_ONLY, newUploadName, objectKeyOf, UPLOAD_EXPIRES_SECONDS } from '#functions/domain/evidence-key.ts';
import type { StoredAttachment } from '#functions/ports/evidence.ts';
import type { Actor, AttachmentDeps } from '../deps.ts';

export interface Upload {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface Announced {
  created: boolean;
  attachment: StoredAttachment;
  upload: Upload;
}

const STORED = {
  zh: '该佐证材料已保存，不能再次上传；新文件请使用新的编号',
  en: 'This attachment is stored and is never replaced; use a new id for a new file',
};
const REJECTED = {
  zh: '该佐证材料未通过校验，不能再次上传；请在记录中移除它，重新拍照或选择文件',
  en: 'This attachment failed the checks and cannot be sent again; remove it from the record and pick the file afresh',
};

/**
 * Announce an attachment before its bytes go to the bucket (`POST /attachments`).
 * 1. Over 10 MiB is a 413 (the schema already refused any other type: 422).
 * 2. Store it, pending, as the caller's (their token subject), naming a fresh object of its own
 *    (`attachments/<id>/<upload>`); its id must be new.
 * 3. Answer a presigned, create-only PUT of that object for exactly the declared type and length.
 * 4. The same body again by the same caller is a retry: while pending, a fresh object and URL (the
 *    phone's URL may have expired; what an older URL writes is then never judged). Once judged, a 409
 *    saying whether it was stored or rejected: a verdict is final. Another body, or another caller,
 *    under the same id is a conflict (409).
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
  const objectKey = objectKeyOf(input.id, newUploadName());
  const fresh: StoredAttachment = {
    id: input.id, contentType: input.contentType, size: input.size, status: 'pending', uploadedBy: actor.by, fingerprint: body,
    objectKey, createdAt: now.toISOString(), updatedAt: now.toISOString(),
  };
  const created = await deps.attachments.create(fresh);
  const attachment = created ? fresh : await deps.attachments.get(input.id);
  if (!attachment || attachment.fingerprint !== body || attachment.uploadedBy !== actor.by) {
    throw new ConflictError({
      zh: '该编号已用于另一个佐证材料；新文件请使用新的编号',
      en: 'This id is already used by another attachment; use a new id for a new file',
    });
  }
  if (!created && (attachment.status !== 'pending' || !(await deps.attachments.reannounce(attachment.id, objectKey, now.toISOString())))) {
    // Judged, now or just before the retry could take a fresh object.
    const judged = attachment.status === 'pending' ? await deps.attachments.get(attachment.id) : attachment;
    throw judged?.status === 'rejected' ? new AttachmentJudgedError('attachment-rejected', REJECTED) : new AttachmentJudgedError('attachment-stored', STORED);
  }
  const url = await deps.files.uploadUrl(objectKey, attachment.contentType, attachment.size, UPLOAD_EXPIRES_SECONDS);
  return {
    created,
    attachment: { ...attachment, objectKey },
    upload: {
      method: 'PUT',
      url,
      headers: { 'content-type': attachment.contentType, 'content-length': String(attachment.size), ...CREATE_ONLY },
      expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(),
    },
  };
}
