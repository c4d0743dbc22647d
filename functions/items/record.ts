import * as z from 'zod/mini';
import { KEY_ATTRIBUTES, TABLE_DEFINITION } from '#functions/table.ts';
import type { VersionedRecord } from '#functions/ports/records.ts';
import { MalformedItemError, parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A record of any kind (a visit, a branch of the registry, a head): `<kind>#<id>` / `record`, its
 * fields beside the keys its kind places it under (byRegion, byMinister) and the store's own
 * attributes below. Written only whole, by its kind's checked create or merge.
 */
const RECORD_SK = 'record';

/** Stored beside a record's fields for the store's own use; never part of the record. */
const STORE_ATTRIBUTES = new Set([...KEY_ATTRIBUTES, 'kind', 'fingerprint', 'listDate', 'searchText']);

export const recordKey = (kind: string, id: string): Record<string, string> => ({ [PK]: `${kind}#${id}`, [SK]: RECORD_SK });

export function recordItem(kind: string, record: VersionedRecord, indexKeys: Record<string, string>, fingerprint?: string): RawItem {
  return { ...record, ...indexKeys, ...recordKey(kind, record.id), kind, ...(fingerprint ? { fingerprint } : {}) };
}

/** What the store itself relies on; the rest of a record is its kind's. */
const versionedSchema = z.object({ id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() });
const storeAttributesSchema = z.object({ kind: z.optional(z.string()), fingerprint: z.optional(z.string()) });

/**
 * A record's fields as its kind wrote them. Its kind's schema checked them on every write (create,
 * merge) and is not run again here: records stored under earlier rules (before reviews existed, say)
 * must still read, and be corrected under today's. What the store relies on is checked.
 */
export function recordFields<T extends VersionedRecord>(item: string, value: unknown, raw: RawItem): T {
  const result = versionedSchema.safeParse(value);
  if (!result.success) throw new MalformedItemError(item, raw, result.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.code}`));
  // The one narrowing of a stored record to its kind's type, for the reason above (the object as read: every field kept, in its order).
  return value as T;
}

/** A stored record of `kind`, and the fingerprint of the create that made it (what a retry is compared with). */
export function readRecord<T extends VersionedRecord>(kind: string, raw: RawItem): { record: T; fingerprint?: string } {
  const { kind: stored, fingerprint } = parseItem(kind, storeAttributesSchema, raw);
  // Another kind's item under this key is a fault; the fields checked below are what reading relies on.
  if (stored !== undefined && stored !== kind) throw new MalformedItemError(kind, raw, [`kind: ${stored}`]);
  const fields = Object.fromEntries(Object.entries(raw).filter(([k]) => !STORE_ATTRIBUTES.has(k)));
  return { record: recordFields<T>(kind, fields, raw), ...(fingerprint ? { fingerprint } : {}) };
}
