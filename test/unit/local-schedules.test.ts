import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextNightly, startEvery, startRollupSchedules } from '#local/schedules.ts';

describe('the rollup schedules of npm start', () => {
  afterEach(() => vi.useRealTimers());

  it('finds the next 01:00 Beijing time: later the same Beijing day, or the next', () => {
    expect(nextNightly(Date.parse('2026-12-02T00:30:00+08:00')).toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(nextNightly(Date.parse('2026-12-02T01:00:00+08:00')).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(nextNightly(Date.parse('2026-12-02T23:59:00+08:00')).toISOString()).toBe('2026-12-02T17:00:00.000Z');
  });

  it('refreshes the day under way every 15 minutes and rolls up the night at 01:00, one run at a time', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T00:40:00+08:00') });
    const events: Record<string, unknown>[] = [];
    const lines: string[] = [];
    const schedules = startRollupSchedules(async (event) => {
      events.push(event);
      return `ran ${JSON.stringify(event)}`;
    }, (line) => lines.push(line));
    expect(schedules.next().nightly.toISOString()).toBe('2026-12-01T17:00:00.000Z');
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(events).toEqual([{ intraday: true }]);
    await vi.advanceTimersByTimeAsync(5 * 60_000); // 01:00
    expect(events).toEqual([{ intraday: true }, {}]);
    expect(lines).toEqual(['ran {"intraday":true}', 'ran {}']);
    expect(schedules.next().nightly.toISOString()).toBe('2026-12-02T17:00:00.000Z');
    schedules.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(events).toHaveLength(2);
  });

  it('says a failed run in the log and goes on', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00+08:00') });
    const lines: string[] = [];
    let runs = 0;
    const schedules = startRollupSchedules(async () => {
      runs++;
      if (runs === 1) throw new Error('DynamoDB Local is gone');
      return 'ok';
    }, (line) => lines.push(line));
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(lines).toEqual(['rollup failed: DynamoDB Local is gone', 'ok']);
    schedules.stop();
  });
});

describe('the daily notices schedule of npm start', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at 08:30 Beijing time each day, as the AWS schedule does', async () => {
    const { startDailySchedule } = await import('#local/schedules.ts');
    const { DAILY_NOTICES_SCHEDULE } = await import('#functions/notice-functions.ts');
    vi.useFakeTimers({ now: Date.parse('2026-12-02T08:00:00+08:00') });
    const runs: string[] = [];
    const lines: string[] = [];
    const schedule = startDailySchedule(DAILY_NOTICES_SCHEDULE, async () => {
      runs.push(new Date().toISOString());
      if (runs.length === 1) throw new Error('table busy');
      return 'ok';
    }, (line) => lines.push(line));
    expect(schedule.next().toISOString()).toBe('2026-12-02T00:30:00.000Z');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(runs).toEqual(['2026-12-02T00:30:00.000Z', '2026-12-03T00:30:00.000Z']);
    expect(lines).toEqual(['failed: table busy', 'ok']);
    schedule.stop();
  });
});

describe("the robots' backlog sweep of npm start", () => {
  afterEach(() => vi.useRealTimers());

  it('runs every minute, skips a minute while a run is under way, logs only what says something', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00+08:00') });
    let runs = 0;
    const lines: string[] = [];
    let release: () => void = () => undefined;
    const sweep = startEvery(60_000, async () => {
      runs += 1;
      if (runs === 2) await new Promise<void>((resolve) => { release = resolve; });
      return runs === 1 ? undefined : `robots: ${runs}`;
    }, (line) => lines.push(line));
    await vi.advanceTimersByTimeAsync(60_000);
    expect([runs, lines]).toEqual([1, []]);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect([runs, lines]).toEqual([3, ['robots: 2', 'robots: 3']]);
    sweep.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toBe(3);
  });
});
