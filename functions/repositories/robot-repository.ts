import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { readRobot, robotItem, robotKey } from '#functions/items/robot.ts';
import type { RobotRepository } from '#functions/ports/robots.ts';

export function robotRepository({ client, tableName }: StoreDeps): RobotRepository {
  return {
    async get(regionCode) {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: robotKey(regionCode), ConsistentRead: true })));
      return Item ? readRobot(Item) : undefined;
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
