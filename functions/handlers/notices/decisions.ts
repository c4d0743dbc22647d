import middy from '@middy/core';
import { changesOf, monthStepsOf, type TableStreamRecord } from '#functions/adapters/change-stream.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { decisionNoticeDeps } from '#functions/notice-composition.ts';
import { logger } from '#functions/http/observability.ts';
import type { NoticeDeps, RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { notifyDecisions } from '#functions/use-cases/notices/notify-decisions.ts';

/**
 * The table's stream → decision notices: on AWS Lambda's DynamoDBStreamEvent, locally the records
 * `npm start` reads from DynamoDB Local's stream (the same shape). A failure throws, so the batch is retried (and halved) and,
 * past its retries, recorded in the dead-letter queue; a retry repeats nothing (ids from causes).
 */
export const handlerWith = (deps: () => NoticeDeps & { robotDelivery?: RobotDeliveryDeps }) => middy(async (event: { Records: readonly TableStreamRecord[] }): Promise<void> => {
  const stored = await notifyDecisions(deps(), changesOf(event.Records), monthStepsOf(event.Records));
  if (stored.length) logger.info('decision notices stored', { count: stored.length });
}).use(injectLambdaContext(logger, { resetKeys: true }));

export const handler = handlerWith(decisionNoticeDeps);
