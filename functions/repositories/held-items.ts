import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HeldKey } from '#schemas/kind.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps, TransactItem } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** Each space of held items: its item kind and sort key. */
const SPACES = {
  suggestion: { kind: 'suggestion-pointer', sk: 'pointer' },
  'visit-slot': { kind: 'visit-slot', sk: 'slot' },
} as const satisfies Record<HeldKey['space'], { kind: string; sk: string }>;

/**
 * The table key of a held item:
 * - `suggestion#<id>` / `pointer`: which visit holds a suggestion id (`PATCH /suggestions/{id}` finds it);
 * - `visit-slot#<head>#<date>#<hash of county and branch name>` / `slot`: the first visit of a head
 *   to a branch on a day (hashed, so the key stays short whatever the name).
 */
function keyOf(key: HeldKey): Record<string, string> {
  if (key.space === 'suggestion') return { [PK]: `suggestion#${key.id}`, [SK]: SPACES.suggestion.sk };
  const hash = createHash('sha256').update(key.branch).digest('base64url').slice(0, 22);
  return { [PK]: `visit-slot#${key.ministerId}#${key.date}#${hash}`, [SK]: SPACES['visit-slot'].sk };
}

/** Items one record holds (`visitId` names it): written in the transactions of that record's writes. */
export function heldItems(deps: StoreDeps) {
  return {
    async holderOf(key: HeldKey): Promise<string | undefined> {
      const { Item } = await guarded(() => deps.client.send(new GetCommand({ TableName: deps.tableName, Key: keyOf(key), ConsistentRead: true })));
      return Item?.visitId as string | undefined;
    },

    /** Written if free, kept if already the holder's, refused if another's. */
    hold: (key: HeldKey, holder: string): TransactItem => ({
      Put: {
        TableName: deps.tableName,
        Item: { ...keyOf(key), kind: SPACES[key.space].kind, visitId: holder },
        ConditionExpression: `attribute_not_exists(${PK}) OR visitId = :holder`,
        ExpressionAttributeValues: { ':holder': holder },
      },
    }),

    /** Given up, on condition the holder still holds it. */
    release: (key: HeldKey, holder: string): TransactItem => ({
      Delete: { TableName: deps.tableName, Key: keyOf(key), ConditionExpression: 'visitId = :holder', ExpressionAttributeValues: { ':holder': holder } },
    }),
  };
}

export type HeldItems = ReturnType<typeof heldItems>;
