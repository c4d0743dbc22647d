import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { BadRequestError } from '#schemas/errors.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
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

/** A page cursor: the sort key of the last delivery answered (opaque to clients). */
const cursorSchema = z.strictObject({ before: z.string().check(z.maxLength(200)) });
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw new BadRequestError({ zh: 'cursor 无效，请从第一页重新开始', en: 'Invalid cursor; start again from the first page' });
  return parsed.data.before;
}

export function deliveryLog({ client, tableName }: StoreDeps): DeliveryLog {
  return {
    async put(delivery) {
      await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: deliveryItem(delivery) })));
    },
    // Newest first; a status filters within the one partition (the log is a few posts a day per robot).
    async page({ status, limit, cursor }) {
      const before = decodeCursor(cursor);
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
        if (items.length === limit) {
          const more = lastSk !== undefined;
          return { items, nextCursor: more ? Buffer.from(JSON.stringify({ before: lastSk }), 'utf8').toString('base64url') : null };
        }
      } while (start);
      return { items, nextCursor: null };
    },
  };
}
