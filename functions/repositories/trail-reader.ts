import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import type { TrailEntry } from '#functions/ports/records.ts';
import { readTrailEntry, TRAIL_PROJECTION, trailPartition } from '#functions/items/trail.ts';

/**
 * The heads' year trails (items/trail.ts), read apart from the record repository: the scorecards
 * function reads them and writes nothing.
 */
export function trailReader(deps: StoreDeps) {
  return {
    /**
     * A head's trail of a year up to `endExclusive` (ISO instant): every version of every record that
     * was theirs and dated that year when received, and a marker where a version took one out of it,
     * oldest first within each of the two partitions read (the year's, and the one of items not yet
     * backfilled). A record's highest version among them before an instant says whether it was
     * theirs that year then, and in which version; a version from the older partition may be of
     * another year (the caller checks its date).
     */
    async trail(ministerId: string, year: number, endExclusive: string): Promise<TrailEntry[]> {
      const index = TABLE_DEFINITION.indexes.find((i) => i.name === 'byMinister')!;
      const read = async (partition: string) => {
        const entries: TrailEntry[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const res = await guarded(() => deps.client.send(new QueryCommand({
            TableName: deps.tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :pk AND #sk < :end',
            ProjectionExpression: TRAIL_PROJECTION.map((_, i) => `#p${i}`).join(', '),
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, ...Object.fromEntries(TRAIL_PROJECTION.map((name, i) => [`#p${i}`, name])) },
            ExpressionAttributeValues: { ':pk': partition, ':end': endExclusive },
            ExclusiveStartKey: start,
          })));
          for (const item of res.Items ?? []) entries.push(readTrailEntry(item));
          start = res.LastEvaluatedKey;
        } while (start);
        return entries;
      };
      return (await Promise.all([read(trailPartition(ministerId, String(year))), read(trailPartition(ministerId))])).flat();
    },
  };
}
