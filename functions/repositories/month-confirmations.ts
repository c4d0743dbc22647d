import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { MonthConfirmations } from '#functions/ports/month-confirmations.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * The monthly close's item of a region's month, as the months' repository keeps it
 * (`month#<regionCode>` / `<YYYY-MM>`, its `state`; no item: never acted on, so open). One GetItem,
 * only its state: the 通报 needs no trail.
 */
export function monthConfirmations({ client, tableName }: StoreDeps): MonthConfirmations {
  return {
    async isConfirmed(month, region) {
      const res = await guarded(() => client.send(new GetCommand({
        TableName: tableName, Key: { [PK]: `month#${region}`, [SK]: month }, ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' },
      })));
      return res.Item?.state === 'confirmed';
    },
  };
}
