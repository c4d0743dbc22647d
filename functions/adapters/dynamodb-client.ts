import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '#functions/config.ts';

/**
 * One client per function instance, reused across invocations. Short timeouts by default: a visit
 * is one small transaction, and a stuck connection should become a 503 the client retries, not a
 * 30 s hang. Batch work (the rollup's scans of whole pages) passes a longer request timeout.
 */
export function createDocumentClient(config: TableConfig, options: { requestTimeoutMs?: number } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: options.requestTimeoutMs ?? 3_000 },
    ...(config.DYNAMODB_ENDPOINT
      ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
