import { DeleteTableCommand, ResourceNotFoundException, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { localDynamoDbClient, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { exposeEvidenceToHandlers, exposeTableToHandlers, setHandlerLogLevel } from '#local/handler-env.ts';
import { createLocalApi } from '#local/http-adapter.ts';
import { type LocalS3, startLocalS3 } from '#local/s3.ts';
import { ephemeralIssuer, userToken } from '#local/issuer.ts';
import { ensureTable, type TableOptions } from '#local/table.ts';

/**
 * The whole system in this process, as the benches and the soak drive it: DynamoDB Local in memory,
 * the table, and the local API serving the real handlers, checking tokens as on AWS.
 */
export interface BenchStack {
  url: string;
  /** A province-wide admin's token. */
  token: string;
  tableName: string;
  endpoint: string;
  /** A client with the handlers' own settings, for bare baselines and counting. */
  client: DynamoDBDocumentClient;
  /** The evidence bucket's local S3-compatible server, uploads verified by the verify function's handler. */
  s3: LocalS3;
  /** Drops (if there) and recreates a table, by default the handlers', so counts taken afterwards are exact. */
  freshTable(name?: string, options?: TableOptions): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `stream`: the table's stream, on only where a part measures the notices that read it; elsewhere
 * off, as DynamoDB Local slows every write as its stream records pile up (local/table.ts), which AWS
 * does not.
 */
export async function startBenchStack(tableName: string, options: { tokenTtlSeconds?: number; stream?: boolean } = {}): Promise<BenchStack> {
  const tableOptions = { stream: options.stream ?? false };
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // about this machine's Node 20, not Lambda's
  const dynamodb = await startDynamoDbLocal({});
  const admin = localDynamoDbClient(dynamodb.endpoint);
  try {
    await ensureTable(admin, tableName, tableOptions);
    // Before the first request imports a handler: they read their table from the environment once.
    exposeTableToHandlers({ tableName, dynamodbEndpoint: dynamodb.endpoint });
    setHandlerLogLevel('WARN');
    const s3 = await startLocalS3({ corsOrigins: [] });
    exposeEvidenceToHandlers({ bucket: s3.bucket, endpoint: s3.endpoint });
    const issuer = ephemeralIssuer();
    const api = await createLocalApi({ port: 0, quiet: true, issuer });
    const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' });
    return {
      url: api.url,
      token: userToken(issuer, { sub: 'bench', role: 'admin', region: '630000' }, options.tokenTtlSeconds),
      tableName,
      endpoint: dynamodb.endpoint,
      client,
      s3,
      async freshTable(name = tableName, options = tableOptions) {
        try {
          await admin.send(new DeleteTableCommand({ TableName: name }));
          await waitUntilTableNotExists({ client: admin, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
        }
        await ensureTable(admin, name, options);
      },
      async stop() {
        client.destroy();
        admin.destroy();
        await api.close();
        await s3.stop();
        await dynamodb.stop();
      },
    };
  } catch (error) {
    admin.destroy();
    await dynamodb.stop();
    throw error;
  }
}

/** How many visits the table holds: the byRegion index's `visit` partition, counted page by page. */
export async function countVisits(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({
      TableName: tableName, IndexName: 'byRegion', KeyConditionExpression: 'gsi1pk = :kind',
      ExpressionAttributeValues: { ':kind': 'visit' }, Select: 'COUNT', ExclusiveStartKey: start,
    }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}
