import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { MonthConfirmations } from '#functions/ports/month-confirmations.ts';
import { monthKey } from '#functions/items/month.ts';

/**
 * The monthly close's item of a region's month (items/month.ts: its `state`; no item: never acted
 * on, so open). One GetItem of its state alone: the 通报 needs no trail.
 */
export function monthConfirmations({ client, tableName }: StoreDeps): MonthConfirmations {
  return {
    async isConfirmed(month, region) {
      const res = await guarded(() => client.send(new GetCommand({
        TableName: tableName, Key: monthKey(region, month), ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' },
      })));
      return res.Item?.state === 'confirmed';
    },
  };
}
