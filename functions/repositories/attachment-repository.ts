import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentStatus, AttachmentType, CaptureFacts } from '#schemas/attachment.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** An attachment as stored: what was announced, by whom, and what the server found in the file. */
export interface StoredAttachment {
  id: string;
  contentType: AttachmentType;
  size: number;
  status: AttachmentStatus;
  /** The token subject of whoever announced it: only they get upload URLs, and only they may name it first. */
  uploadedBy: string;
  /** The announced body, normalised: the same body again is a retry. */
  fingerprint: string;
  /**
   * The bucket's object of the current announcement (`attachments/<id>/<upload>`): the only one judged,
   * and once judged the one served. Absent on attachments announced before objects were per announcement.
   */
  objectKey?: string;
  createdAt: string;
  updatedAt: string;
  /** When the server last judged the stored bytes. */
  verifiedAt?: string;
  /** Why the bytes were rejected: what they turned out to be. */
  found?: { type?: string; size: number };
  /** Read from the stored file by the server (EXIF), never sent by a client. */
  facts?: CaptureFacts;
}

/** What a judgement of the stored bytes sets. */
export type Verdict =
  | { status: 'stored'; facts: CaptureFacts }
  | { status: 'rejected'; found: { type?: string; size: number } };

/** A record holding an attachment (the item `attachment#<id>` / `heldby#<kind>#<record id>`). */
export interface Holder {
  kind: string;
  recordId: string;
}

const ITEM_SK = 'attachment';
const HOLDER_PREFIX = 'heldby#';
const keyOf = (id: string) => ({ [PK]: `attachment#${id}`, [SK]: ITEM_SK });
const NON_ATTACHMENT_ATTRIBUTES = new Set([PK, SK, 'kind']);

/** A conditional write: true when written, false when its condition did not hold. */
async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await guarded(write);
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Reading one attachment: all a record's write needs (so the record functions carry no more of this module). */
export function attachmentReader({ client, tableName }: StoreDeps) {
  return {
    async get(id: string): Promise<StoredAttachment | undefined> {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: keyOf(id), ConsistentRead: true })));
      return Item ? Object.fromEntries(Object.entries(Item).filter(([k]) => !NON_ATTACHMENT_ATTRIBUTES.has(k))) as StoredAttachment : undefined;
    },
  };
}

export type AttachmentReader = ReturnType<typeof attachmentReader>;

/**
 * Attachments in the one table: `attachment#<id>` / `attachment` is the attachment itself, and beside
 * it `heldby#<kind>#<record id>` for each record holding it (written and removed in the records' own
 * transactions, as held items: see held-items.ts).
 */
export function attachmentRepository(deps: StoreDeps) {
  const { client, tableName } = deps;
  return {
    ...attachmentReader(deps),

    /** Stores a new attachment; false if the id is already taken. */
    async create(attachment: StoredAttachment): Promise<boolean> {
      return conditional(() => client.send(new PutCommand({
        TableName: tableName,
        Item: { ...attachment, ...keyOf(attachment.id), kind: 'attachment' },
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
        Key: keyOf(id),
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
        Key: keyOf(id),
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
          ExpressionAttributeValues: { ':pk': keyOf(id)[PK], ':holder': HOLDER_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        })));
        for (const item of res.Items ?? []) {
          const [kind, ...rest] = String(item[SK]).slice(HOLDER_PREFIX.length).split('#');
          holders.push({ kind, recordId: rest.join('#') });
        }
        start = res.LastEvaluatedKey;
      } while (start);
      return holders;
    },
  };
}

export type AttachmentRepository = ReturnType<typeof attachmentRepository>;
