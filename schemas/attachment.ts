import * as z from 'zod/mini';
import { ATTACHMENT_FLAGS, ATTACHMENT_STATUSES, ATTACHMENT_TYPES } from './attachment-words.ts';
import { intSchema, labelledEnum, uuidSchema } from './common.ts';

/**
 * Evidence (佐证材料): photos and PDFs a record names by id. The bytes go straight from the phone to
 * the evidence bucket through a presigned URL; the server checks what arrived (magic numbers, size)
 * and reads a photo's capture time and place from the stored file itself, never from the client.
 * What the API says of an attachment, and what a record holds of one, is declared here once.
 */

// The words people see (types, statuses, flags) live in their own module, so a page can show them
// without carrying the API's attachment schemas.
export { ATTACHMENT_FLAGS, ATTACHMENT_STATUSES, ATTACHMENT_TYPES } from './attachment-words.ts';
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The largest file accepted: 10 MiB (a phone photo scaled for evidence is far smaller). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

// What records hold of attachments lives in its own module, so the kinds (in every function) carry
// none of the API's attachment schemas.
export * from './attachment-field.ts';

export type AttachmentStatus = keyof typeof ATTACHMENT_STATUSES;

export type AttachmentFlag = keyof typeof ATTACHMENT_FLAGS;

/** `POST /attachments`: an attachment announced before its bytes are uploaded. Over 10 MiB is a 413. */
export const attachmentInputSchema = z
  .strictObject({
    /** Chosen by the client (a UUID made when the photo was taken), so a retry carries the same one. */
    id: uuidSchema,
    contentType: labelledEnum(ATTACHMENT_TYPES),
    /** Bytes; the upload must carry exactly these many. */
    size: intSchema(1, Number.MAX_SAFE_INTEGER),
  })
  .register(z.globalRegistry, { id: 'AttachmentInput' });
export type AttachmentInput = z.output<typeof attachmentInputSchema>;

/** Where and how to send the bytes: an S3 presigned, create-only PUT, for exactly the declared content type and length. */
export const uploadSchema = z.object({
  method: z.literal('PUT'),
  url: z.string(),
  /** Send these with the bytes (a browser sets Content-Length itself, from the body). */
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
});

/** The answer to `POST /attachments`: a fresh upload (a judged attachment is a 409 instead). */
export const attachmentUploadSchema = z
  .object({
    id: uuidSchema,
    status: labelledEnum(ATTACHMENT_STATUSES),
    upload: uploadSchema,
  })
  .register(z.globalRegistry, { id: 'AttachmentUpload' });

/** `GET /attachments/{id}`: what it is, what the server found, and once stored a short-lived download. */
export const attachmentSchema = z
  .object({
    id: uuidSchema,
    contentType: labelledEnum(ATTACHMENT_TYPES),
    size: intSchema(1),
    status: labelledEnum(ATTACHMENT_STATUSES),
    flags: z.array(labelledEnum(ATTACHMENT_FLAGS)),
    /** Read from the stored file (EXIF), for photos that carry it. */
    capturedAt: z.optional(z.iso.datetime({ offset: true })),
    download: z.optional(z.object({ url: z.string(), expiresAt: z.iso.datetime() })),
  })
  .register(z.globalRegistry, { id: 'Attachment' });
export type AttachmentView = z.output<typeof attachmentSchema>;

/** Qinghai's extent, generously rounded: east longitude 89.4–103.1, north latitude 31.6–39.2. */
export const QINGHAI_BOUNDS = { west: 89.4, east: 103.1, south: 31.6, north: 39.2 } as const;

/** What the server read of a stored file: its capture time (ISO, with the offset the photo gave or +08:00) and place. */
export interface CaptureFacts {
  kind: 'image' | 'document';
  capturedAt?: string;
  gps?: { latitude: number; longitude: number };
}

/** How many days apart two calendar dates are (absolute). */
const daysApart = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** The calendar date a photo was taken, on the clock it was taken by (its own offset). */
export const captureDateOf = (capturedAt: string): string => capturedAt.slice(0, 10);

/** Whether a place lies outside Qinghai's extent. */
export const outsideQinghai = ({ latitude, longitude }: { latitude: number; longitude: number }) =>
  !(longitude >= QINGHAI_BOUNDS.west && longitude <= QINGHAI_BOUNDS.east && latitude >= QINGHAI_BOUNDS.south && latitude <= QINGHAI_BOUNDS.north);

/**
 * What staff should look at: an image without a capture time, one taken 2 or more days away from the
 * date of a record holding it (`recordDates`: the dates, by each kind's `dateOf`, of the holding
 * records the reader may see), or one taken outside Qinghai. Documents (PDF) carry no flags.
 */
export function attachmentFlags(facts: CaptureFacts, recordDates: readonly string[]): AttachmentFlag[] {
  if (facts.kind !== 'image') return [];
  const flags: AttachmentFlag[] = [];
  if (!facts.capturedAt) flags.push('no-capture-time');
  else if (recordDates.some((date) => daysApart(captureDateOf(facts.capturedAt!), date) >= 2)) flags.push('capture-date-far');
  if (facts.gps && outsideQinghai(facts.gps)) flags.push('gps-outside');
  return flags;
}
