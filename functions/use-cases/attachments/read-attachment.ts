import { type AttachmentView, attachmentFlags, attachmentIdsOf } from '#schemas/attachment.ts';
import { NotFoundError } from '#schemas/errors.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { maySee } from '#functions/auth/policy.ts';
import { DOWNLOAD_EXPIRES_SECONDS, legacyObjectKey } from '#functions/domain/evidence-key.ts';
import type { AttachmentDeps } from '../deps.ts';

/**
 * An attachment, for its uploader and for whoever may see a record holding it (`GET /attachments/{id}`).
 * 1. Read it and the records holding it; keep those that still name it and the caller may see.
 * 2. Neither the uploader nor a reader of such a record: 404, exactly as for an id never announced.
 * 3. Flags from what the server read of the stored file; `capture-date-far` against the dates of the
 *    holding records the caller may see (a record's date as its kind counts it).
 * 4. Once stored: a download URL of the very object judged, valid 10 minutes, answered with the verified content type whatever
 *    the bytes claim, and as a download (`Content-Disposition: attachment`) for a PDF.
 */
export async function readAttachment(deps: AttachmentDeps, id: string, caller?: Caller): Promise<AttachmentView> {
  const attachment = await deps.attachments.get(id);
  if (!attachment) throw new NotFoundError();
  const holders = await deps.attachments.holders(id);
  const seen = await Promise.all(holders.map(async ({ kind: name, recordId }) => {
    const kind = kindNamed(name);
    const record = kind && (await deps.records.read(kind, recordId));
    if (!kind || !record || !attachmentIdsOf(record).includes(id)) return undefined;
    return !caller || maySee(caller, kind.regionOf(record), record) ? kind.dateOf(record) : undefined;
  }));
  const dates = seen.filter((date): date is string => date !== undefined);
  if (caller && caller.sub !== attachment.uploadedBy && dates.length === 0) throw new NotFoundError();

  const { contentType, size, status } = attachment;
  const view: AttachmentView = {
    id, contentType, size, status,
    flags: status === 'stored' && attachment.facts ? attachmentFlags(attachment.facts, dates) : [],
    ...(status === 'stored' && attachment.facts?.capturedAt ? { capturedAt: attachment.facts.capturedAt } : {}),
  };
  if (status !== 'stored') return view;
  const now = deps.clock.now();
  const url = await deps.files.downloadUrl(attachment.objectKey ?? legacyObjectKey(id), {
    contentType,
    ...(contentType === 'application/pdf' ? { disposition: `attachment; filename="${id}.pdf"` } : {}),
  }, DOWNLOAD_EXPIRES_SECONDS);
  return { ...view, download: { url, expiresAt: new Date(now.getTime() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString() } };
}
