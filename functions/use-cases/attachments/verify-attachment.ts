import { readCaptureFacts } from '#functions/domain/photo-metadata.ts';
import { detectFileType } from '#functions/domain/file-type.ts';
import type { Verdict } from '#functions/ports/evidence.ts';
import type { VerifyDeps } from '../deps.ts';

/**
 * How much of a file the server reads: the magic numbers are in the first bytes, and so is a photo's
 * EXIF in a JPEG (APP1, at most 64 KiB) and in PNGs and WebPs as phones and browsers write them.
 */
export const HEAD_BYTES = 256 * 1024;

export type VerifyOutcome =
  | { id: string; verdict: Verdict }
  | { id: string; skipped: 'unknown attachment' | 'not its current upload' | 'already judged' | 'no object' };

/**
 * Judge the bytes that arrived for an attachment (the verify function, on each ObjectCreated event).
 * 1. Read the attachment. Only the object of its current announcement is judged, and only while it is
 *    pending: an earlier announcement's object, or anything sent after the verdict, changes nothing.
 * 2. Read the object's first bytes and whole size (none there: skip). An empty object is judged too.
 * 3. Its magic numbers must be the declared type's and its size the declared size: else `rejected`,
 *    with what was found. A record naming it is then refused (422), and it is never served.
 * 4. Otherwise `stored`, with what the server read of the file itself: a photo's capture time and
 *    GPS position (EXIF). Nothing the client said beside the file is trusted for these.
 * The verdict is written only if the attachment is still pending on that same object: it is final.
 */
export async function verifyAttachment(deps: VerifyDeps, id: string, objectKey: string): Promise<VerifyOutcome> {
  const attachment = await deps.attachments.get(id);
  if (!attachment) return { id, skipped: 'unknown attachment' };
  if (attachment.objectKey !== objectKey) return { id, skipped: 'not its current upload' };
  if (attachment.status !== 'pending') return { id, skipped: 'already judged' };
  const head = await deps.objects.head(objectKey, HEAD_BYTES);
  if (!head) return { id, skipped: 'no object' };
  const type = detectFileType(head.bytes);
  const verdict: Verdict = type !== attachment.contentType || head.size !== attachment.size
    ? { status: 'rejected', found: { ...(type ? { type } : {}), size: head.size } }
    : { status: 'stored', facts: await readCaptureFacts(head.bytes, type) };
  if (!(await deps.attachments.judge(id, objectKey, verdict, deps.clock.now().toISOString()))) return { id, skipped: 'already judged' };
  return { id, verdict };
}
