import * as z from 'zod/mini';
import { CHANGE_ACTIONS, CHANGE_REASONS, keysOf } from '#schemas/form.ts';
import { beijingDate } from '#schemas/time.ts';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import type { ChangeEntry, VersionedRecord } from '#functions/ports/records.ts';
import { MalformedItemError, parseItem, type RawItem } from './item.ts';
import { recordFields } from './record.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A change entry: `<kind>#<id>` / `change#<version, 6 digits>` beside its record, of item kind
 * `<kind>-change`, and in the byDay index under the Beijing day it was received (what the nightly
 * rollup reads): `day#<date>` → `<at>#<kind>#<id>#<version>`. A kind may add index keys of its own
 * (a head's trail, see trail.ts).
 */
export const CHANGE_SUFFIX = '-change';
export const CHANGE_SK_PREFIX = 'change#';

/** The key of a record's change entry of a version: read one version by key (a BatchGet of many). */
export const changeKey = (kind: string, id: string, version: number) => ({ [PK]: `${kind}#${id}`, [SK]: `${CHANGE_SK_PREFIX}${String(version).padStart(6, '0')}` });

export function changeItem<T>(kind: string, id: string, change: ChangeEntry<T>, indexKeys: Record<string, string> = {}): RawItem {
  return {
    ...changeKey(kind, id, change.version), kind: `${kind}${CHANGE_SUFFIX}`, recordId: id, ...change,
    ...indexKey('byDay', `day#${beijingDate(Date.parse(change.at))}`, `${change.at}#${kind}#${id}#${change.version}`),
    ...indexKeys,
  };
}

const changeItemSchema = z.object({
  kind: z.string(),
  recordId: z.string(),
  version: z.number(),
  action: z.enum(keysOf(CHANGE_ACTIONS)),
  reason: z.optional(z.enum(keysOf(CHANGE_REASONS))),
  at: z.string(),
  by: z.string(),
  byName: z.optional(z.string()),
  requestId: z.string(),
  // Read as records below (the first version's entry has none before it; some stored entries lack `before`).
  before: z.unknown(),
  after: z.unknown(),
});

/** A change entry as stored, with the record kind it is of (`visit` of `visit-change`). */
export type StoredChange<T> = ChangeEntry<T> & { kind: string; recordId: string };

/** The record kind of a change entry's item kind (`visit` of `visit-change`); another item is malformed. */
export function changedKind(kind: string, raw: RawItem): string {
  if (!kind.endsWith(CHANGE_SUFFIX)) throw new MalformedItemError('change', raw, [`kind: ${kind}`]);
  return kind.slice(0, -CHANGE_SUFFIX.length);
}

/** The versions of a change entry read as records (none before the first, or when not read). */
function versionsOf<T extends VersionedRecord>(before: unknown, after: unknown, raw: RawItem): { before: T | null; after: T } {
  return { before: before === null || before === undefined ? null : recordFields<T>('change', before, raw), after: recordFields<T>('change', after, raw) };
}

/** A stored change entry of any kind, its versions read as records. */
export function readChange<T extends VersionedRecord>(raw: RawItem): StoredChange<T> {
  const { kind, recordId, version, action, reason, at, by, byName, requestId, before, after } = parseItem('change', changeItemSchema, raw);
  return {
    kind: changedKind(kind, raw), recordId,
    version, action, ...(reason ? { reason } : {}), at, by, ...(byName ? { byName } : {}), requestId,
    ...versionsOf<T>(before, after, raw),
  };
}

/** The entry alone, as a record's history answers it. */
export function entryOf<T>({ kind: _kind, recordId: _id, ...entry }: StoredChange<T>): ChangeEntry<T> {
  return entry;
}

/**
 * What the rollup reads of a change entry (a projection: the rebuild leaves out the version before,
 * half of what an entry weighs); `before` is null when not read or not there.
 */
const countedSchema = z.object({ kind: z.string(), recordId: z.string(), version: z.number(), at: z.string(), before: z.optional(z.unknown()), after: z.unknown() });

export function readCountedChange<T extends VersionedRecord>(raw: RawItem): { kind: string; recordId: string; version: number; at: string; before: T | null; after: T } {
  const { kind, recordId, version, at, before, after } = parseItem('change', countedSchema, raw);
  return { kind: changedKind(kind, raw), recordId, version, at, ...versionsOf<T>(before, after, raw) };
}
