import { ROLLUP_SCHEDULES } from '#functions/rollup/schedules.ts';
import { addDays, beijingDate } from '#schemas/time.ts';

/** A run of the rollup function with an event of its schedules; resolves with a line saying what it did. */
export type RollupRun = (event: Record<string, unknown>) => Promise<string>;

export interface LocalSchedules {
  /** When each schedule runs next. */
  next(): { nightly: Date; intraday: Date };
  stop(): void;
}

/** The next `hour:minute` Beijing time after `now`. */
export function nextDaily(now: number, { hour, minute }: { hour: number; minute: number }): Date {
  const at = (day: string) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  const today = beijingDate(now);
  return new Date(at(today) > now ? at(today) : at(addDays(today, 1)));
}

/** The next 01:00 Beijing time (or whenever the nightly schedule says) after `now`. */
export const nextNightly = (now: number): Date => nextDaily(now, ROLLUP_SCHEDULES.nightly);

/**
 * One run a day at `hour:minute` Beijing time in the `npm start` process, as an EventBridge Scheduler
 * schedule (Asia/Shanghai) runs it on AWS (the notices' 08:30); a failed run is logged, the next day's comes.
 */
export function startDailySchedule(
  at: { hour: number; minute: number }, run: () => Promise<string>, log: (line: string) => void, now: () => number = Date.now,
): { next(): Date; stop(): void } {
  let nextAt = nextDaily(now(), at);
  let timer: NodeJS.Timeout;
  const arm = () => {
    nextAt = nextDaily(now(), at);
    timer = setTimeout(() => {
      void run().then(log, (error: unknown) => log(`failed: ${(error as Error).message}`)).finally(arm);
    }, nextAt.getTime() - now());
  };
  arm();
  return { next: () => nextAt, stop: () => clearTimeout(timer) };
}

/**
 * The rollup's two schedules in the `npm start` process, as EventBridge Scheduler runs them on AWS:
 * the night at 01:00 Beijing time, the day under way every 15 minutes (locally all day). Runs never
 * overlap: a refresh due while another run is under way is skipped (the next one comes soon).
 */
export function startRollupSchedules(run: RollupRun, log: (line: string) => void, now: () => number = Date.now): LocalSchedules {
  let busy = false;
  const fire = async (event: Record<string, unknown>) => {
    if (busy) return;
    busy = true;
    try {
      log(await run(event));
    } catch (error) {
      log(`rollup failed: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const every = ROLLUP_SCHEDULES.intraday.localEveryMinutes * 60_000;
  let nextIntraday = now() + every;
  const intraday = setInterval(() => {
    nextIntraday = now() + every;
    void fire({ ...ROLLUP_SCHEDULES.intraday.event });
  }, every);
  let nightlyAt = nextNightly(now());
  let nightly: NodeJS.Timeout;
  const armNightly = () => {
    nightlyAt = nextNightly(now());
    nightly = setTimeout(() => {
      void fire({ ...ROLLUP_SCHEDULES.nightly.event }).finally(armNightly);
    }, nightlyAt.getTime() - now());
  };
  armNightly();
  return {
    next: () => ({ nightly: nightlyAt, intraday: new Date(nextIntraday) }),
    stop() {
      clearInterval(intraday);
      clearTimeout(nightly);
    },
  };
}

/**
 * A run every `everyMs` in the `npm start` process, as an EventBridge Scheduler `rate(…)` schedule
 * runs it on AWS (the robots' backlog sweep, each minute). A run still under way when the next is due
 * makes that one skip; only runs that say something are logged.
 */
export function startEvery(everyMs: number, run: () => Promise<string | undefined>, log: (line: string) => void): { stop(): void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void run().then((line) => line && log(line), (error: unknown) => log(`failed: ${(error as Error).message}`)).finally(() => { busy = false; });
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
