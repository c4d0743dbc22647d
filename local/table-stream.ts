import type { TableStreamRecord } from '#functions/adapters/change-stream.ts';

/**
 * The table's stream in DynamoDB Local, read as Lambda's event source mapping reads it on AWS:
 * DynamoDB Local serves the streams API (DescribeStream, GetShardIterator, GetRecords) on its own
 * port. The project carries no streams SDK client, and these three JSON calls are all it needs;
 * DynamoDB Local checks no signature (one shared database, `-sharedDb`), so a placeholder header does.
 */
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=local/20260101/cn-northwest-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local';

async function call<T>(endpoint: string, target: string, body: unknown): Promise<T> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, authorization: AUTHORIZATION },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${target}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface Shard {
  ShardId: string;
  SequenceNumberRange?: { EndingSequenceNumber?: string };
}

export interface TableStreamPoller {
  /** Resolves once every record written before the call has been handed over (tests, `npm run`). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Hands each batch of new stream records to `onRecords`, polling every `intervalMs`, from the moment
 * it starts (LATEST, as the AWS mapping): shards found later are read from their start. A batch that
 * fails is handed over again on the next poll (at least once, as on AWS; the consumer is idempotent).
 */
export async function pollTableStream(options: {
  endpoint: string;
  tableName: string;
  onRecords(records: TableStreamRecord[]): Promise<void>;
  log(line: string): void;
  intervalMs?: number;
}): Promise<TableStreamPoller> {
  const { endpoint, tableName, onRecords, log, intervalMs = 1_000 } = options;
  const { Table } = await call<{ Table: { LatestStreamArn?: string } }>(endpoint, 'DynamoDB_20120810.DescribeTable', { TableName: tableName });
  const streamArn = Table.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream (see local/table.ts)`);

  /** Each open shard's next iterator; a shard whose end was read is forgotten. */
  const iterators = new Map<string, string>();
  const finished = new Set<string>();
  const iteratorOf = async (shardId: string, type: 'LATEST' | 'TRIM_HORIZON') =>
    (await call<{ ShardIterator: string }>(endpoint, 'DynamoDBStreams_20120810.GetShardIterator', { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type })).ShardIterator;
  const shards = async (): Promise<Shard[]> =>
    (await call<{ StreamDescription: { Shards?: Shard[] } }>(endpoint, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: streamArn })).StreamDescription.Shards ?? [];

  for (const shard of await shards()) {
    if (!shard.SequenceNumberRange?.EndingSequenceNumber) iterators.set(shard.ShardId, await iteratorOf(shard.ShardId, 'LATEST'));
    else finished.add(shard.ShardId);
  }

  /** One pass: new shards, then every open shard's records until it has none left. */
  async function poll(): Promise<void> {
    for (const shard of await shards()) {
      if (!iterators.has(shard.ShardId) && !finished.has(shard.ShardId)) iterators.set(shard.ShardId, await iteratorOf(shard.ShardId, 'TRIM_HORIZON'));
    }
    for (const [shardId, iterator] of iterators) {
      let next: string | undefined = iterator;
      while (next) {
        const page: { Records?: TableStreamRecord[]; NextShardIterator?: string } =
          await call(endpoint, 'DynamoDBStreams_20120810.GetRecords', { ShardIterator: next, Limit: 1000 });
        const records = page.Records ?? [];
        if (records.length) await onRecords(records);
        // Handed over: only now does the shard move on (a failure above leaves it where it was).
        if (page.NextShardIterator) iterators.set(shardId, page.NextShardIterator);
        else {
          iterators.delete(shardId);
          finished.add(shardId);
        }
        next = records.length ? page.NextShardIterator : undefined;
      }
    }
  }

  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(poll).catch((error: unknown) => log(`table stream: ${(error as Error).message}`));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  return {
    drained: () => tick(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
