import { mockClient } from 'aws-sdk-client-mock';
import { makeRecordDeps } from '#functions/composition.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';

/**
 * The use cases' dependencies over a client of their own whose every call is answered by
 * aws-sdk-client-mock: the handlers under test are given these instead of the composition's.
 */
export function mockedRecordDeps() {
  const client = createDocumentClient({ TABLE_NAME: 'xiajiceng-unit', AWS_REGION: 'cn-northwest-1' });
  return { ddb: mockClient(client), deps: makeRecordDeps({ client, tableName: 'xiajiceng-unit' }) };
}
