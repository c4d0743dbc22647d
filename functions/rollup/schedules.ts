/**
 * When the rollup runs, declared once: the CDK app makes EventBridge Scheduler rules of these, and
 * `npm start` runs the same two schedules in process. Times are Beijing time (Asia/Shanghai).
 */
/** The handler module the schedules invoke (not a route: nothing calls it over HTTP). */
export const ROLLUP_HANDLER = 'rollup/nightly';

export const ROLLUP_SCHEDULES = {
  /** 01:00, an hour after midnight: late writes of the day have settled in the byDay index. */
  nightly: { hour: 1, minute: 0, event: {} },
  /**
   * The day under way, refreshed so what is reported shows the same day (provisional). On AWS every
   * half hour from 07:00 to 22:30, when people report (one run reads the day's changes and writes
   * 54 small snapshots and the states behind them); locally every 15 minutes, all day.
   */
  intraday: { hours: '7-22', minutes: '0,30', localEveryMinutes: 15, event: { intraday: true } },
} as const;
