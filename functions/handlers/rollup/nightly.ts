import middy from '@middy/core';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { addDays, beijingDate } from '#schemas/time.ts';
import { rollupDeps } from '#functions/composition.ts';
import { OBSERVABILITY } from '#functions/config.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger, MetricUnit, metrics } from '#functions/http/observability.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import type { RollupDeps } from '#functions/use-cases/deps.ts';

/** What the schedule sends: nothing (the day that just ended), or a day to redo by hand. */
const rollupEventSchema = z.looseObject({ date: z.optional(z.iso.date()), rebuild: z.optional(z.boolean()) });

/**
 * The nightly rollup, invoked by EventBridge Scheduler at 01:00 Beijing time for the day that just
 * ended (and any night missed before it). A failure throws, so the scheduler retries and finally
 * parks the event in its dead-letter queue. `SnapshotReady` (1 once the day's snapshot exists, written
 * now or already closed) feeds the missing-snapshot alarm.
 */
export const handlerWith = (deps: () => RollupDeps) => middy(async (event: unknown) => {
  const rollup = deps();
  const { date = addDays(beijingDate(rollup.clock.now()), -1), rebuild } = rollupEventSchema.parse(event ?? {}, { error: en().localeError });
  const outcome = await runRollup(rollup, date, { rebuild });
  metrics.addMetric(OBSERVABILITY.snapshotReady, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  logger.info('rollup done', { date, days: outcome.days, ministers: outcome.province.totals.ministers });
  return { date, days: outcome.days };
}).use(injectLambdaContext(logger, { resetKeys: true }));

export const handler = handlerWith(rollupDeps);
