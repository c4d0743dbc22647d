import * as z from 'zod/mini';
import { ATTACHMENT_STATUSES, ATTACHMENT_TYPES } from '#schemas/attachment-words.ts';
import { keysOf } from '#schemas/form.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoredAttachment } from '#functions/ports/evidence.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * An attachment: `attachment#<id>` / `attachment`, and beside it, as held items (held.ts), an item
 * `heldby#<kind>#<record id>` for each record holding it, so one query lists who holds it.
 */
export const attachmentKey = (id: string): Record<string, string> => ({ [PK]: `attachment#${id}`, [SK]: 'attachment' });

export const attachmentItem = (attachment: StoredAttachment): RawItem => ({ ...attachment, ...attachmentKey(attachment.id), kind: 'attachment' });

const storedAttachmentSchema = z.object({
  id: z.string(),
  contentType: z.enum(keysOf(ATTACHMENT_TYPES)),
  size: z.number(),
  status: z.enum(keysOf(ATTACHMENT_STATUSES)),
  uploadedBy: z.string(),
  fingerprint: z.string(),
  objectKey: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  verifiedAt: z.optional(z.string()),
  found: z.optional(z.object({ type: z.optional(z.string()), size: z.number() })),
  facts: z.optional(z.object({
    kind: z.enum(['image', 'document']),
    capturedAt: z.optional(z.string()),
    gps: z.optional(z.object({ latitude: z.number(), longitude: z.number() })),
  })),
});

export const readAttachment = (raw: RawItem): StoredAttachment => parseItem('attachment', storedAttachmentSchema, raw);
