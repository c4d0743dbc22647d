import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { changeTrailKey, leaveMarkerItem } from '#functions/items/trail.ts';

const CHANGE = '-change';
const TRAIL = 'changes#';

/**
 * Moves every change entry written before heads' trails were kept by year into its year's trail,
 * with the marker its version needs where it left a year (another head, or a date in another year).
 * Per entry the marker comes first, then the entry moves (one conditional update of its index
 * keys): at every moment the scorecard, which reads the year's trail and the old one, counts as
 * before. Idempotent: a second run finds nothing left to move. Returns how many entries moved.
 */
export async function backfillYearTrails(deps: StoreDeps, onProgress: (moved: number) => void = () => {}): Promise<{ moved: number; markers: number }> {
  const index = TABLE_DEFINITION.indexes.find((i) => i.name === 'byMinister')!;
  let moved = 0;
  let markers = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await guarded(() => deps.client.send(new ScanCommand({
      TableName: deps.tableName,
      // Trail items; those of a head without a year (`changes#<head>`) are the old ones, told apart below.
      FilterExpression: 'begins_with(#g, :trail)',
      ExpressionAttributeNames: { '#g': index.partitionKey },
      ExpressionAttributeValues: { ':trail': TRAIL },
      ExclusiveStartKey: start,
    })));
    for (const item of res.Items ?? []) {
      const name = String(item.kind);
      // Markers move with the change entry whose version they mark.
      if (!name.endsWith(CHANGE)) continue;
      const kind = kindNamed(name.slice(0, -CHANGE.length));
      const after = item.after as FormRecord | undefined;
      if (!kind || !after || item[index.partitionKey] !== `${TRAIL}${after.ministerId}`) continue;
      const change = { before: (item.before ?? null) as FormRecord | null, after, version: Number(item.version), at: String(item.at) };
      const marker = leaveMarkerItem(kind, change);
      if (marker) {
        await guarded(() => deps.client.send(new PutCommand({ TableName: deps.tableName, Item: marker })));
        markers++;
      }
      const keys = changeTrailKey(kind, change);
      const move = guarded(() => deps.client.send(new UpdateCommand({
        TableName: deps.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #g = :pk, #s = :sk',
        ConditionExpression: '#g = :legacy',
        ExpressionAttributeNames: { '#g': index.partitionKey, '#s': index.sortKey },
        ExpressionAttributeValues: { ':pk': keys[index.partitionKey], ':sk': keys[index.sortKey], ':legacy': item[index.partitionKey] },
      })));
      // Moved meanwhile by another run: nothing left to do.
      if (await move.then(() => true, (error: unknown) => {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      })) moved++;
      if (moved % 1000 === 0) onProgress(moved);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { moved, markers };
}
