import { addDays } from './time.ts';

/**
 * Where an open problem stands against its deadline, one rule for the API's counts and the desk's
 * lights (红灯 逾期 · 黄灯 10 日内到期 · 绿灯 10 日以上): the deadline day itself is still in time.
 */
export const DEADLINE_LIGHTS = { red: '红灯 逾期', yellow: '黄灯 10 日内到期', green: '绿灯 10 日以上' } as const;
export type DeadlineLight = keyof typeof DEADLINE_LIGHTS;

/** How many days ahead still counts as "due soon" (黄灯). */
export const DUE_SOON_DAYS = 10;

/**
 * The light of a problem not yet rectified by its deadline, on `today` (Beijing dates): the day's
 * bounds worked out once, for counts that light thousands of deadlines.
 */
export function deadlineLightOn(today: string): (deadline: string) => DeadlineLight {
  const dueSoon = addDays(today, DUE_SOON_DAYS);
  return (deadline) => (deadline < today ? 'red' : deadline <= dueSoon ? 'yellow' : 'green');
}

/** The light of a problem not yet rectified, by its deadline and today (both Beijing dates). */
export function deadlineLight(deadline: string, today: string): DeadlineLight {
  return deadlineLightOn(today)(deadline);
}
