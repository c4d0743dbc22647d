import * as z from 'zod/mini';
import type { FormRecord } from '#schemas/form.ts';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import type { TrailEntry } from '#functions/ports/records.ts';
import { parseItem, type RawItem } from './item.ts';
import { readChange } from './change.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A head's trail (index byMinister): `changes#<head>` → `<at>#<kind>#<id>#<version, 6 digits>`, the
 * received instant first, so a prefix query reads up to an instant. It holds each change entry of
 * a record that is theirs, and a hand-over marker where a record left them: `<kind>#<id>` /
 * `handover#<version>`, of item kind `<kind>-handover`, naming the head it went to.
 */
const HANDOVER_SUFFIX = '-handover';

export const trailPartition = (ministerId: string) => `changes#${ministerId}`;

export const trailKey = (ministerId: string, kind: string, id: string, version: number, at: string) =>
  indexKey('byMinister', trailPartition(ministerId), `${at}#${kind}#${id}#${String(version).padStart(6, '0')}`);

export function handoverItem(kind: string, id: string, version: number, at: string, from: string, to: string): RawItem {
  return {
    [PK]: `${kind}#${id}`, [SK]: `handover#${String(version).padStart(6, '0')}`, kind: `${kind}${HANDOVER_SUFFIX}`,
    recordId: id, version, at, to, ...trailKey(from, kind, id, version, at),
  };
}

const handoverSchema = z.object({ kind: z.string(), recordId: z.string(), version: z.number() });
const itemKindSchema = z.object({ kind: z.string() });

/** An item of a head's trail: a version of a record of theirs, or a hand-over marker. */
export function readTrailEntry(raw: RawItem): TrailEntry {
  const { kind } = parseItem('trail', itemKindSchema, raw);
  if (kind.endsWith(HANDOVER_SUFFIX)) {
    const marker = parseItem('handover', handoverSchema, raw);
    return { kind: marker.kind.slice(0, -HANDOVER_SUFFIX.length), recordId: marker.recordId, version: marker.version, handedOver: true };
  }
  const change = readChange<FormRecord>(raw);
  return { kind: change.kind, recordId: change.recordId, version: change.version, after: change.after };
}

