import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HeldKey } from '#schemas/kind.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps, TransactItem } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** Each space of held items: its item kind, sort key, and the attribute naming its holder. */
const SPACES = {
  suggestion: { kind: 'suggestion-pointer', sk: 'pointer', holder: 'visitId' },
  'visit-slot': { kind: 'visit-slot', sk: 'slot', holder: 'visitId' },
  'branch-code': { kind: 'branch-code', sk: 'code', holder: 'branchId' },
  'branch-name': { kind: 'branch-name', sk: 'name', holder: 'branchId' },
  'attachment-holder': { kind: 'attachment-holder', sk: 'heldby', holder: 'recordId' },
} as const satisfies Record<HeldKey['space'], { kind: string; sk: string; holder: string }>;

/**
 * The table key of a held item:
 * - `suggestion#<id>` / `pointer`: which visit holds a suggestion id (`PATCH /suggestions/{id}` finds it);
 * - `visit-slot#<head>#<date>#<hash of county and branch name>` / `slot`: the first visit of a head
 *   to a branch on a day (hashed, so the key stays short whatever the name);
 * - `attachment#<id>` / `heldby#<kind>#<record id>`: a record holding an attachment (beside the
 *   attachment's own item, so one query lists who holds it).
 */
function keyOf(key: HeldKey): Record<string, string> {
  const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
  const sk = SPACES[key.space].sk;
  switch (key.space) {
    case 'suggestion': return { [PK]: `suggestion#${key.id}`, [SK]: sk };
    case 'visit-slot': return { [PK]: `visit-slot#${key.ministerId}#${key.date}#${hash(key.branch)}`, [SK]: sk };
    case 'branch-code': return { [PK]: `branch-code#${key.code}`, [SK]: sk };
    case 'branch-name': return { [PK]: `branch-name#${hash(key.identity)}`, [SK]: sk };
    case 'attachment-holder': return attachmentHolderKey(key.attachment, key.kind, key.record);
  }
}

/** The key of the item saying that record `record` of `kind` holds attachment `attachment`. */
export const attachmentHolderKey = (attachment: string, kind: string, record: string): Record<string, string> =>
  ({ [PK]: `attachment#${attachment}`, [SK]: `${SPACES['attachment-holder'].sk}#${kind}#${record}` });

/** Items one record holds (`visitId` names it): written in the transactions of that record's writes. */
export function heldItems(deps: StoreDeps) {
  return {
    async holderOf(key: HeldKey): Promise<string | undefined> {
      const { Item } = await guarded(() => deps.client.send(new GetCommand({ TableName: deps.tableName, Key: keyOf(key), ConsistentRead: true })));
      return Item?.[SPACES[key.space].holder] as string | undefined;
    },

    /** Written if free, kept if already the holder's, refused if another's. */
    hold: (key: HeldKey, holder: string): TransactItem => ({
      Put: {
        TableName: deps.tableName,
        Item: { ...keyOf(key), kind: SPACES[key.space].kind, [SPACES[key.space].holder]: holder },
        ConditionExpression: `attribute_not_exists(${PK}) OR #holder = :holder`,
        ExpressionAttributeNames: { '#holder': SPACES[key.space].holder },
        ExpressionAttributeValues: { ':holder': holder },
      },
    }),

    /** Given up, on condition the holder still holds it. */
    release: (key: HeldKey, holder: string): TransactItem => ({
      Delete: {
        TableName: deps.tableName, Key: keyOf(key), ConditionExpression: '#holder = :holder',
        ExpressionAttributeNames: { '#holder': SPACES[key.space].holder }, ExpressionAttributeValues: { ':holder': holder },
      },
    }),
  };
}

export type HeldItems = ReturnType<typeof heldItems>;
