import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { verifyDeps } from '#functions/evidence-composition.ts';
import { objectOfEventKey } from '#functions/adapters/evidence-files.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger } from '#functions/http/observability.ts';
import type { VerifyDeps } from '#functions/use-cases/deps.ts';
import { verifyAttachment } from '#functions/use-cases/attachments/verify-attachment.ts';

/**
 * The verify function: S3 invokes it for each object created in the evidence bucket (an S3
 * ObjectCreated notification; locally the S3-compatible server's event, same shape, same module).
 * Each object under `attachments/<id>/<upload>` is judged (verifyAttachment); anything else is ignored. A
 * failure throws, so S3's asynchronous invocation retries it (twice) and the function's error alarm fires.
 */
export const handlerWith = (deps: () => VerifyDeps) => middy(async (event: S3Event) => {
  const outcomes = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated:')) continue;
    const object = objectOfEventKey(record.s3.object.key);
    if (!object) {
      logger.warn('object outside attachments/<id>/<upload> ignored', { key: record.s3.object.key });
      continue;
    }
    const { attachmentId: id, key } = object;
    const outcome = await verifyAttachment(deps(), id, key);
    if ('skipped' in outcome) logger.warn('object not judged', { id, key, why: outcome.skipped });
    else logger.info('attachment judged', { id, status: outcome.verdict.status, ...('found' in outcome.verdict ? { found: outcome.verdict.found } : {}) });
    outcomes.push(outcome);
  }
  return { outcomes };
}).use(injectLambdaContext(logger, { resetKeys: true }));

export const handler = handlerWith(verifyDeps);
