import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { conditional, guarded } from '#functions/adapters/dynamodb-errors.ts';
import { queryAll } from '#functions/adapters/query-all.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import {
  backlogItem, backlogKey, backlogPartition, budgetFirstSet, budgetKey, POSTS_ATTRIBUTE, readBacklogLine, readBudgetPosts,
} from '#functions/items/robot-pacing.ts';
import type { RobotBacklog, RobotBudget } from '#functions/ports/robots.ts';

const { partitionKey: PK } = TABLE_DEFINITION;

/** Each robot's posts a minute, in the table: one counter item per robot and minute (items/robot-pacing.ts). */
export function robotBudget({ client, tableName }: StoreDeps): RobotBudget {
  return {
    async spent(regionCode, minute) {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: budgetKey(regionCode, minute), ConsistentRead: true })));
      return Item ? readBudgetPosts(Item) : 0;
    },
    async take(regionCode, minute, below) {
      if (below <= 0) return false;
      const first = budgetFirstSet(minute);
      // One request counts and checks: two functions taking the last post at once, one gets it.
      return conditional(() => client.send(new UpdateCommand({
        TableName: tableName, Key: budgetKey(regionCode, minute),
        UpdateExpression: 'ADD #posts :one SET #kind = :kind, #ttl = if_not_exists(#ttl, :ttl)',
        ConditionExpression: 'attribute_not_exists(#posts) OR #posts < :below',
        ExpressionAttributeNames: { '#posts': POSTS_ATTRIBUTE, '#kind': 'kind', '#ttl': TABLE_DEFINITION.timeToLiveAttribute },
        ExpressionAttributeValues: { ':one': 1, ':below': below, ':kind': first.kind, ':ttl': first[TABLE_DEFINITION.timeToLiveAttribute] },
      })));
    },
  };
}

/** Notices waiting for their robot's budget: one item per robot and notice (items/robot-pacing.ts). */
export function robotBacklog({ client, tableName }: StoreDeps): RobotBacklog {
  return {
    async add(regionCode, lines, since) {
      await Promise.all(lines.map((line) => guarded(() => client.send(new PutCommand({ TableName: tableName, Item: backlogItem(regionCode, line, since) })))));
    },
    async waiting(regionCode) {
      const page = await guarded(() => client.send(new QueryCommand({
        TableName: tableName, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': backlogPartition(regionCode) }, Limit: 1, ProjectionExpression: '#pk',
      })));
      return (page.Items ?? []).length > 0;
    },
    async claim(regionCode, max) {
      const found = (await queryAll({ client, tableName }, {
        KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': backlogPartition(regionCode) }, ConsistentRead: true,
      })).map(readBacklogLine);
      const oldest = found.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id)).slice(0, max);
      // Deleting is claiming: of two posters deleting the same line, one deletes it, the other finds it gone.
      const taken = await Promise.all(oldest.map(async (line) => ((await conditional(() => client.send(new DeleteCommand({
        TableName: tableName, Key: backlogKey(regionCode, line.id), ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': PK },
      })))) ? [{ id: line.id, title: line.title, body: line.body }] : [])));
      return taken.flat();
    },
  };
}
