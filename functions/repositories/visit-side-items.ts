import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '#schemas/visit.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps, TransactItem } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * Items that live beside visits, written in their transactions:
 * - a pointer per suggestion id (`PATCH /suggestions/{id}` finds its visit), and
 * - a slot per head, branch and day, held by the first visit reported for it; a later visit for the
 *   same slot under another id is a suspected duplicate of the holder.
 */
export function visitSideItems(deps: StoreDeps) {
  const pointerKey = (suggestionId: string) => ({ [PK]: `suggestion#${suggestionId}`, [SK]: 'pointer' });
  const slotKey = (slot: string) => ({ [PK]: `visit-slot#${slot}`, [SK]: 'slot' });

  /** An item held by one visit: written if free, kept if already the visit's, refused if another's. */
  const holdFor = (key: Record<string, string>, kind: string, visitId: string): TransactItem => ({
    Put: {
      TableName: deps.tableName,
      Item: { ...key, kind, visitId },
      ConditionExpression: `attribute_not_exists(${PK}) OR visitId = :visitId`,
      ExpressionAttributeValues: { ':visitId': visitId },
    },
  });

  async function read(key: Record<string, string>) {
    const { Item } = await guarded(() => deps.client.send(new GetCommand({ TableName: deps.tableName, Key: key, ConsistentRead: true })));
    return Item?.visitId as string | undefined;
  }

  return {
    /** A suggestion id belongs to one visit for good. */
    pointerPut: (suggestionId: string, visitId: string) => holdFor(pointerKey(suggestionId), 'suggestion-pointer', visitId),

    visitIdOfSuggestion: (suggestionId: string) => read(pointerKey(suggestionId)),

    /**
     * Head, county, branch name (spaces and case ignored) and date: what makes two visits the
     * same visit. Hashed so the key stays short whatever the name.
     */
    slotOf(visit: Pick<Visit, 'ministerId' | 'date' | 'branch'>): string {
      const name = visit.branch.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
      const hash = createHash('sha256').update(`${visit.branch.countyCode}#${name}`).digest('base64url').slice(0, 22);
      return `${visit.ministerId}#${visit.date}#${hash}`;
    },

    slotHolder: (slot: string) => read(slotKey(slot)),

    /** Take a free slot (or keep one already held). */
    slotClaim: (slot: string, visitId: string) => holdFor(slotKey(slot), 'visit-slot', visitId),

    /** Give a held slot up (the visit was withdrawn or moved to another branch or day). */
    slotRelease(slot: string, visitId: string): TransactItem {
      return {
        Delete: {
          TableName: deps.tableName,
          Key: slotKey(slot),
          ConditionExpression: 'visitId = :visitId',
          ExpressionAttributeValues: { ':visitId': visitId },
        },
      };
    },
  };
}

export type VisitSideItems = ReturnType<typeof visitSideItems>;
