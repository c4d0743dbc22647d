import * as z from 'zod/mini';
import type { FormRecord } from '#schemas/form.ts';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import type { TrailEntry } from '#functions/ports/records.ts';
import type { Kind } from '#schemas/kind.ts';
import { parseItem, type RawItem } from './item.ts';
import { changedKind } from './change.ts';
import { recordFields } from './record.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A head's trail of one year (index byMinister): `changes#<head>#<year>` → `<at>#<kind>#<id>#<version,
 * 6 digits>`, the received instant first, so a prefix query reads up to an instant; the year is that
 * of each version's own date (what a scorecard for that year reads). It holds each change entry of a
 * record that is theirs and dated that year, and a marker where a version took one out of it (handed
 * to another head, or its date moved to another year): `<kind>#<id>` / `handover#<version>`, of item
 * kind `<kind>-handover` (its name from before years were kept, so older markers read the same).
 * Items written before years were kept sit under `changes#<head>` until backfilled
 * (`local/year-trails.ts`); the scorecard reads that partition too, empty once backfilled.
 */
const HANDOVER_SUFFIX = '-handover';

export const trailPartition = (ministerId: string, year?: string) => (year === undefined ? `changes#${ministerId}` : `changes#${ministerId}#${year}`);

export const trailKey = (ministerId: string, year: string | undefined, kind: string, id: string, version: number, at: string) =>
  indexKey('byMinister', trailPartition(ministerId, year), `${at}#${kind}#${id}#${String(version).padStart(6, '0')}`);

/** The year a version counts in: that of its kind's date. */
const yearOf = (kind: Pick<Kind, 'dateOf'>, record: FormRecord) => kind.dateOf(record).slice(0, 4);

/** The byMinister keys of a change entry: its head's trail of its date's year. */
export function changeTrailKey(kind: Pick<Kind, 'name' | 'dateOf'>, change: { after: FormRecord; version: number; at: string }): Record<string, string> {
  return trailKey(change.after.ministerId, yearOf(kind, change.after), kind.name, change.after.id, change.version, change.at);
}

export function handoverItem(kind: string, id: string, version: number, at: string, from: { ministerId: string; year: string | undefined }, to: string): RawItem {
  return {
    [PK]: `${kind}#${id}`, [SK]: `handover#${String(version).padStart(6, '0')}`, kind: `${kind}${HANDOVER_SUFFIX}`,
    recordId: id, version, at, to, ...trailKey(from.ministerId, from.year, kind, id, version, at),
  };
}

/**
 * The marker item a change needs when its version leaves the year trail its previous version was in
 * (another head, or a date in another year): as of any later instant the record is no longer in that
 * trail, though the trail's last entry of it is. None for a new record or one that stays.
 */
export function leaveMarkerItem(kind: Pick<Kind, 'name' | 'dateOf'>, change: { before: FormRecord | null; after: FormRecord; version: number; at: string }): RawItem | undefined {
  const { before, after } = change;
  if (!before || (before.ministerId === after.ministerId && yearOf(kind, before) === yearOf(kind, after))) return undefined;
  return handoverItem(kind.name, after.id, change.version, change.at, { ministerId: before.ministerId, year: yearOf(kind, before) }, after.ministerId);
}

const handoverSchema = z.object({ kind: z.string(), recordId: z.string(), version: z.number() });
const itemKindSchema = z.object({ kind: z.string() });
/** What a trail read projects of a change entry (not the version before: half of what it weighs). */
const trailChangeSchema = z.object({ kind: z.string(), recordId: z.string(), version: z.number(), after: z.unknown() });

/** The attributes a trail read asks for. */
export const TRAIL_PROJECTION = ['kind', 'recordId', 'version', 'after'] as const;

/** An item of a head's trail: a version of a record of theirs, or a marker of one leaving it. */
export function readTrailEntry(raw: RawItem): TrailEntry {
  const { kind } = parseItem('trail', itemKindSchema, raw);
  if (kind.endsWith(HANDOVER_SUFFIX)) {
    const marker = parseItem('handover', handoverSchema, raw);
    return { kind: marker.kind.slice(0, -HANDOVER_SUFFIX.length), recordId: marker.recordId, version: marker.version, handedOver: true };
  }
  const change = parseItem('trail', trailChangeSchema, raw);
  return { kind: changedKind(change.kind, raw), recordId: change.recordId, version: change.version, after: recordFields<FormRecord>('trail', change.after, raw) };
}
