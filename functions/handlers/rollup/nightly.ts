import middy from '@middy/core';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { addDays, beijingDate } from '#schemas/time.ts';
import { rollupDeps } from '#functions/rollup-composition.ts';
import { alertConfig, OBSERVABILITY } from '#functions/config.ts';
import { snsAlert } from '#functions/adapters/sns-alert.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger, MetricUnit, metrics } from '#functions/http/observability.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import type { RollupAlert, RollupDeps } from '#functions/use-cases/deps.ts';

/**
 * What the schedules send: nothing (the night: the day that just ended), `{ "intraday": true }` (the
 * day under way: provisional snapshots, so what is reported shows the same day), or a day to redo by
 * hand (`date`, and `rebuild` to recompute a closed one).
 */
const rollupEventSchema = z.looseObject({ date: z.optional(z.iso.date()), rebuild: z.optional(z.boolean()), intraday: z.optional(z.boolean()) });

/**
 * The rollup, invoked by EventBridge Scheduler at 01:00 Beijing time for the day that just ended
 * (and any night missed before it), and through the day for the day under way (provisional). Whatever goes wrong is told on the alarm topic with the day
 * and the cause: a day the run had to rebuild (it recovered), or a failure, which then throws so the
 * scheduler retries and finally parks the event in its dead-letter queue. `SnapshotReady` (1 once the
 * day's snapshot exists, written now or already closed) feeds the missing-snapshot alarm.
 */
export const handlerWith = (deps: () => RollupDeps) => middy(async (event: unknown) => {
  const rollup = deps();
  const { intraday, rebuild, ...given } = rollupEventSchema.parse(event ?? {}, { error: en().localeError });
  const today = beijingDate(rollup.clock.now());
  const date = given.date ?? (intraday ? today : addDays(today, -1));
  try {
    const outcome = await runRollup(rollup, date, { rebuild });
    // The missing-snapshot alarm watches closed days: a provisional refresh must not stand in for a night.
    metrics.addMetric(outcome.province.provisional ? OBSERVABILITY.provisionalReady : OBSERVABILITY.snapshotReady, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    logger.info('rollup done', { date, days: outcome.days, recovered: outcome.recovered, ministers: outcome.province.totals.ministers, cards: outcome.cards });
    return { date, days: outcome.days, recovered: outcome.recovered, ...(outcome.cards ? { cards: outcome.cards } : {}) };
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    logger.error('rollup failed', { date }, error instanceof Error ? error : new Error(cause));
    await rollup.alert?.({ day: date, cause, recovered: false });
    throw error;
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));

/** Alerts go to the alarm topic where one is configured (on AWS); elsewhere into the log. */
function alertFromConfig(): (alert: RollupAlert) => Promise<void> {
  const topic = alertConfig().ALARM_TOPIC_ARN;
  if (topic) return snsAlert(topic);
  return async (alert) => logger.error('rollup alert', { ...alert });
}

let alert: ((alert: RollupAlert) => Promise<void>) | undefined;
export const handler = handlerWith(() => ({ ...rollupDeps(), alert: (alert ??= alertFromConfig()) }));
