import * as z from 'zod/mini';
import { snapshotSchema } from '#schemas/summary.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { normalizeTotals } from '#functions/rollup/figures.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';
import { parseJsonAttribute, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A region's snapshot of a day: `snapshot#<region>` / `<day>`, the body of GET /summary kept as a
 * JSON string in `snapshot` (DynamoDB maps forget key order, and the summary reads asOf first).
 */
export const snapshotPartition = (region: string) => `snapshot#${region}`;

export const snapshotItem = (snapshot: Snapshot): RawItem =>
  ({ [PK]: snapshotPartition(snapshot.region.code), [SK]: snapshot.asOf, kind: 'snapshot', snapshot: JSON.stringify(snapshot) });

/**
 * As stored: totals are made whole after (those stored before a figure existed lack it), and
 * snapshots stored before the day's comparison was kept have none.
 */
const storedSnapshotSchema = z.object({
  ...snapshotSchema.shape,
  totals: z.unknown(),
  sincePrevious: z._default(snapshotSchema.shape.sincePrevious, null),
  restatedMonths: z._default(snapshotSchema.shape.restatedMonths, []),
  children: z.array(z.object({ region: snapshotSchema.shape.region, totals: z.unknown() })),
});

export function readSnapshot(raw: RawItem): Snapshot {
  const snapshot = parseJsonAttribute('snapshot', storedSnapshotSchema, raw, 'snapshot');
  return {
    ...snapshot,
    totals: normalizeTotals(snapshot.totals),
    children: snapshot.children.map((c) => ({ ...c, totals: normalizeTotals(c.totals) })),
  };
}
