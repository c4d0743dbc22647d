import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '#functions/adapters/cursor.ts';
import {
  DELIVERIES_PARTITION, deliveryItem, readDelivery, readRobot, robotItem, robotKey, ROBOTS_PARTITION,
} from '#functions/items/robot.ts';
import type { Delivery, DeliveryLog, RobotRepository } from '#functions/ports/robots.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

export function robotRepository({ client, tableName }: StoreDeps): RobotRepository {
  return {
    async get(regionCode) {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: robotKey(regionCode), ConsistentRead: true })));
      return Item ? readRobot(Item) : undefined;
    },
    async all() {
      const robots = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await guarded(() => client.send(new QueryCommand({
          TableName: tableName, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': PK }, ExpressionAttributeValues: { ':pk': ROBOTS_PARTITION },
          ExclusiveStartKey: start,
        })));
        robots.push(...(page.Items ?? []).map(readRobot));
        start = page.LastEvaluatedKey;
      } while (start);
      return robots;
    },
    async put(setting) {
      await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: robotItem(setting) })));
    },
    async delete(regionCode) {
      const { Attributes } = await guarded(() => client.send(new DeleteCommand({ TableName: tableName, Key: robotKey(regionCode), ReturnValues: 'ALL_OLD' })));
      return Attributes !== undefined;
    },
  };
}

export function deliveryLog({ client, tableName }: StoreDeps): DeliveryLog {
  return {
    async put(delivery) {
      await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: deliveryItem(delivery) })));
    },
    // Newest first; a status filters within the one partition (the log is a few posts a day per robot).
    async page({ status, limit, cursor }) {
      // A page resumes after the sort key of the last delivery answered.
      const before = decodeSortKeyCursor(cursor, (sk) => sk.length <= 200);
      const items: Delivery[] = [];
      let start: Record<string, unknown> | undefined = before === undefined ? undefined : { [PK]: DELIVERIES_PARTITION, [SK]: before };
      let lastSk: string | undefined;
      do {
        const page = await guarded(() => client.send(new QueryCommand({
          TableName: tableName, KeyConditionExpression: '#pk = :pk', ScanIndexForward: false, ExclusiveStartKey: start, Limit: 100,
          ExpressionAttributeNames: { '#pk': PK }, ExpressionAttributeValues: { ':pk': DELIVERIES_PARTITION },
        })));
        for (const raw of page.Items ?? []) {
          const delivery = readDelivery(raw);
          if (status !== undefined && delivery.status !== status) continue;
          items.push(delivery);
          lastSk = String(raw[SK]);
          if (items.length === limit) break;
        }
        start = items.length === limit ? undefined : page.LastEvaluatedKey;
        if (items.length === limit) return { items, nextCursor: lastSk === undefined ? null : encodeSortKeyCursor(lastSk) };
      } while (start);
      return { items, nextCursor: null };
    },
  };
}
