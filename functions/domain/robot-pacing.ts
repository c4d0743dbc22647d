/**
 * A robot's budget of posts (domain of the pacing in use-cases/robots/deliver-to-robots.ts): counted per
 * calendar minute, shared by every function that posts to the robot.
 */

/** The minute a post counts in: `YYYY-MM-DDTHH:MM` (UTC, as the clocks of every function agree on it). */
export const minuteOf = (at: Date): string => at.toISOString().slice(0, 16);

/** The minute before the one `at` falls in. */
export const minuteBefore = (at: Date): string => minuteOf(new Date(at.getTime() - 60_000));

/** What waited for a budget is read this many lines at a time: a merged message shows the first and counts the rest. */
export const BACKLOG_CLAIM = 200;

/**
 * The count a robot's current minute must stay below for one more post. Any sixty seconds span at
 * most two calendar minutes, so keeping this minute and the one before under the vendor's limit
 * together keeps any minute the vendor counts (calendar or sliding) under it. An ordinary post
 * leaves the last post of the limit to the sweep, so what had to wait goes out the next minute
 * even after a full one.
 */
export function budgetBound(limit: number, previousMinute: number, sweep: boolean): number {
  return (sweep ? limit : limit - 1) - previousMinute;
}
