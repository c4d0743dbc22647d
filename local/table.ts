import {
  CreateTableCommand, type CreateTableCommandInput, DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient,
  ResourceInUseException, ResourceNotFoundException, type TableDescription, UpdateTableCommand, UpdateTimeToLiveCommand, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { type IndexDefinition, KEY_ATTRIBUTES, TABLE_DEFINITION } from '#functions/table.ts';

/**
 * The local table, derived from the same declaration CDK reads (`functions/table.ts`), so the keys
 * and indexes the code uses locally are the ones it gets on AWS.
 */
export function createTableInput(tableName: string, { stream = true }: TableOptions = {}): CreateTableCommandInput {
  const keySchema = (partitionKey: string, sortKey: string) => [
    { AttributeName: partitionKey, KeyType: 'HASH' as const },
    { AttributeName: sortKey, KeyType: 'RANGE' as const },
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(KEY_ATTRIBUTES)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: keySchema(TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey),
    ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DEFINITION.stream } } : {}),
    GlobalSecondaryIndexes: TABLE_DEFINITION.indexes.map((index: IndexDefinition) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection ?? 'ALL' },
    })),
  };
}

export interface TableOptions {
  /**
   * The table's stream, which the notices read (default on, as on AWS). Off for tables nothing reads a
   * stream of (tests and benchmarks of other parts): DynamoDB Local keeps every stream record of every
   * table in one store and each write slows as that store grows — 25-item batch writes went from 52 to
   * 384 ms over six tables of 2,000 items with streams, and stayed at 10–20 ms without.
   */
  stream?: boolean;
}

export interface EnsuredTable {
  created: boolean;
  /** `unsupported` when the emulator refused to turn TTL on (nothing here relies on expiry). */
  timeToLive: 'enabled' | 'unsupported';
}

/** Creates the table if missing, waits until it is ACTIVE and turns TTL on. Safe to repeat and to race. */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: TableOptions = {}): Promise<EnsuredTable> {
  const existing = await describe(client, tableName);
  let created = false;
  if (existing) {
    assertMatchesDefinition(existing, tableName);
    // A table kept from before the stream was declared gets it (the notices' poller reads it).
    if ((options.stream ?? true) && !existing.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DEFINITION.stream } }));
    }
  } else {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, options)));
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error; // a concurrent caller created it first
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  return { created, timeToLive: await enableTimeToLive(client, tableName) };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** `pk/sk` and `index:pk/sk` lines: what a table's keys are, comparable between declaration and reality. */
function keyLayout(table: Pick<CreateTableCommandInput, 'KeySchema' | 'GlobalSecondaryIndexes'> | TableDescription): string[] {
  const keys = (schema: { AttributeName?: string }[] | undefined) => (schema ?? []).map((k) => k.AttributeName).join('/');
  return [keys(table.KeySchema), ...(table.GlobalSecondaryIndexes ?? []).map((i) => `${i.IndexName}:${keys(i.KeySchema)}`).sort()];
}

/**
 * A table kept in `.local/dynamodb` from before a change to `functions/table.ts` would fail in
 * confusing ways (a missing index is a ValidationException deep in a request): say so up front.
 */
function assertMatchesDefinition(existing: TableDescription, tableName: string): void {
  const declared = keyLayout(createTableInput(tableName));
  const actual = keyLayout(existing);
  if (declared.join(' ') !== actual.join(' ')) {
    throw new Error(
      `table ${tableName} in DynamoDB Local does not match functions/table.ts (it has ${actual.join(', ')}; declared: ${declared.join(', ')}); `
      + 'delete its data folder (.local/dynamodb) or start with --in-memory',
    );
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string): Promise<EnsuredTable['timeToLive']> {
  const attribute = TABLE_DEFINITION.timeToLiveAttribute;
  const isOn = async () => {
    const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    return ttl?.AttributeName === attribute && (ttl.TimeToLiveStatus === 'ENABLED' || ttl.TimeToLiveStatus === 'ENABLING');
  };
  try {
    if (await isOn()) return 'enabled';
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }));
    return 'enabled';
  } catch {
    // A concurrent caller may have just enabled it (the update then fails); otherwise the emulator refused.
    return (await isOn().catch(() => false)) ? 'enabled' : 'unsupported';
  }
}
