import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HeldKey } from '#schemas/kind.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps, TransactItem } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { attachmentHolderKey, heldItem, heldKey, holderAttribute, readHolder } from '#functions/items/held.ts';

const { partitionKey: PK } = TABLE_DEFINITION;

export { attachmentHolderKey };

/** Items one record holds (see items/held.ts for each space): written in the transactions of that record's writes. */
export function heldItems(deps: StoreDeps) {
  return {
    async holderOf(key: HeldKey): Promise<string | undefined> {
      const { Item } = await guarded(() => deps.client.send(new GetCommand({ TableName: deps.tableName, Key: heldKey(key), ConsistentRead: true })));
      return Item && readHolder(key.space, Item);
    },

    /** Written if free, kept if already the holder's, refused if another's. */
    hold: (key: HeldKey, holder: string): TransactItem => ({
      Put: {
        TableName: deps.tableName,
        Item: heldItem(key, holder),
        ConditionExpression: `attribute_not_exists(${PK}) OR #holder = :holder`,
        ExpressionAttributeNames: { '#holder': holderAttribute(key.space) },
        ExpressionAttributeValues: { ':holder': holder },
      },
    }),

    /** Given up, on condition the holder still holds it. */
    release: (key: HeldKey, holder: string): TransactItem => ({
      Delete: {
        TableName: deps.tableName, Key: heldKey(key), ConditionExpression: '#holder = :holder',
        ExpressionAttributeNames: { '#holder': holderAttribute(key.space) }, ExpressionAttributeValues: { ':holder': holder },
      },
    }),
  };
}

export type HeldItems = ReturnType<typeof heldItems>;
