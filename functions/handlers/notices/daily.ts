import middy from '@middy/core';
import * as z from 'zod/mini';
import { beijingDate } from '#schemas/time.ts';
import { dailyNoticeDeps } from '#functions/notice-composition.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger } from '#functions/http/observability.ts';
import type { DailyNoticeDeps } from '#functions/use-cases/deps.ts';
import { runDailyNotices } from '#functions/use-cases/notices/run-daily-notices.ts';

/** What the schedule sends: nothing (today, Beijing time), or a day to run by hand. */
const dailyEventSchema = z.looseObject({ date: z.optional(z.iso.date()) });

/**
 * The time-based notice rules, invoked by EventBridge Scheduler at 08:30 Beijing time. A failure
 * throws, so the scheduler retries and finally parks the event; a retry repeats nothing.
 */
export const handlerWith = (deps: () => DailyNoticeDeps) => middy(async (event: unknown) => {
  const daily = deps();
  const date = dailyEventSchema.parse(event ?? {}).date ?? beijingDate(daily.clock.now());
  const outcome = await runDailyNotices(daily, date);
  logger.info('daily notices done', { ...outcome });
  return outcome;
}).use(injectLambdaContext(logger, { resetKeys: true }));

export const handler = handlerWith(dailyNoticeDeps);
