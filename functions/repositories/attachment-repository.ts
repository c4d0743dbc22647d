import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { AttachmentReader, AttachmentStore, Holder, StoredAttachment, Verdict } from '#functions/ports/evidence.ts';
import { attachmentItem, attachmentKey, readAttachment } from '#functions/items/attachment.ts';
import { ATTACHMENT_HOLDER_PREFIX, readAttachmentHolder } from '#functions/items/held.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { conditional, guarded } from '#functions/adapters/dynamodb-errors.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

export type { Holder, StoredAttachment, Verdict };

/** Reading one attachment: all a record's write needs (so the record functions carry no more of this module). */
export function attachmentReader({ client, tableName }: StoreDeps): AttachmentReader {
  return {
    async get(id: string): Promise<StoredAttachment | undefined> {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: attachmentKey(id), ConsistentRead: true })));
      return Item && readAttachment(Item);
    },
  };
}

export type { AttachmentReader };

/**
 * Attachments in the one table: `attachment#<id>` / `attachment` is the attachment itself, and beside
 * it `heldby#<kind>#<record id>` for each record holding it (written and removed in the records' own
 * transactions, as held items: see held-items.ts).
 */
export function attachmentRepository(deps: StoreDeps): AttachmentStore {
  const { client, tableName } = deps;
  return {
    ...attachmentReader(deps),

    /** Stores a new attachment; false if the id is already taken. */
    async create(attachment: StoredAttachment): Promise<boolean> {
      return conditional(() => client.send(new PutCommand({
        TableName: tableName,
        Item: attachmentItem(attachment),
        ConditionExpression: `attribute_not_exists(${PK})`,
      })));
    },

    /**
     * A fresh announcement of a pending attachment: its object is now `objectKey`. False once judged
     * (a verdict is final: the bytes then stored, or refused, stay what they were).
     */
    async reannounce(id: string, objectKey: string, at: string): Promise<boolean> {
      return conditional(() => client.send(new UpdateCommand({
        TableName: tableName,
        Key: attachmentKey(id),
        UpdateExpression: 'SET #objectKey = :key, #updatedAt = :at',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#objectKey': 'objectKey', '#updatedAt': 'updatedAt', '#status': 'status' },
        ExpressionAttributeValues: { ':key': objectKey, ':at': at, ':pending': 'pending' },
      })));
    },

    /**
     * The verdict on the object `objectKey`: only while the attachment is pending and that object is its
     * current announcement's. False otherwise (judged already, or an earlier announcement's object).
     */
    async judge(id: string, objectKey: string, verdict: Verdict, at: string): Promise<boolean> {
      const [name, value] = verdict.status === 'stored' ? ['facts', verdict.facts] : ['found', verdict.found];
      return conditional(() => client.send(new UpdateCommand({
        TableName: tableName,
        Key: attachmentKey(id),
        UpdateExpression: 'SET #status = :status, #verifiedAt = :at, #updatedAt = :at, #set = :set',
        ConditionExpression: '#status = :pending AND #objectKey = :key',
        ExpressionAttributeNames: { '#status': 'status', '#verifiedAt': 'verifiedAt', '#updatedAt': 'updatedAt', '#set': name, '#objectKey': 'objectKey' },
        ExpressionAttributeValues: { ':status': verdict.status, ':at': at, ':set': value, ':pending': 'pending', ':key': objectKey },
      })));
    },

    /** The records holding an attachment (whatever their state; the caller reads them). */
    async holders(id: string): Promise<Holder[]> {
      const holders: Holder[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await guarded(() => client.send(new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :holder)',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: { ':pk': attachmentKey(id)[PK], ':holder': ATTACHMENT_HOLDER_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        })));
        for (const item of res.Items ?? []) holders.push(readAttachmentHolder(item));
        start = res.LastEvaluatedKey;
      } while (start);
      return holders;
    },
  };
}

export type AttachmentRepository = AttachmentStore;
