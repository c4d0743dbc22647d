import { deadlineLight } from '#schemas/deadlines.ts';
import { ACCEPTANCE_STATES, type AcceptanceState, acceptanceStateOf } from '#schemas/acceptance.ts';

/**
 * The problem ledger's traffic light (问题整改台账), one rule for the page, its counts and its exports:
 * - 红灯 逾期: the deadline has passed and the problem is not rectified (the API's `overdue`: the
 *   deadline day itself is still in time);
 * - 黄灯 10 日内到期: not rectified, due today or within the next 10 days;
 * - 绿灯 10 日以上: not rectified, more than 10 days left;
 * - 灰 已整改: rectified, split into 待验收 (waiting for the level above) and 已销号 (accepted).
 * "Today" is the Beijing date (`beijingDate()` in schemas/time.ts), as the API's.
 */
export type Light = 'red' | 'yellow' | 'green' | 'grey';

export const LIGHTS = {
  red: { name: '红灯', meaning: '逾期' },
  yellow: { name: '黄灯', meaning: '10 日内到期' },
  green: { name: '绿灯', meaning: '10 日以上' },
  grey: { name: '灰', meaning: '已整改' },
} as const satisfies Record<Light, { name: string; meaning: string }>;

/** Most urgent first. */
export const LIGHT_ORDER: readonly Light[] = ['red', 'yellow', 'green', 'grey'];

export interface LightInput {
  status: string;
  /** YYYY-MM-DD, Beijing. */
  deadline: string;
  acceptance?: { state: AcceptanceState };
}

/** The two parts of the grey light (验收销号): a query value of the ledger each, as the API's `light`. */
export type GreyPart = 'waiting' | 'accepted';
export const GREY_PARTS: readonly GreyPart[] = ['waiting', 'accepted'];
export const GREY_PART_NAMES: Record<GreyPart, string> = { waiting: ACCEPTANCE_STATES.waiting, accepted: ACCEPTANCE_STATES.accepted };

/** Which part of the grey light a rectified problem is in (one stored before 验收 waits); undefined for any other. */
export const greyPartOf = (problem: LightInput): GreyPart | undefined => (problem.status === 'withdrawn' ? undefined : acceptanceStateOf(problem));

/** How many rectified problems wait for 验收, and how many are accepted. */
export function countGreyParts(problems: readonly LightInput[]): Record<GreyPart, number> {
  const counts: Record<GreyPart, number> = { waiting: 0, accepted: 0 };
  for (const p of problems) {
    const part = greyPartOf(p);
    if (part) counts[part] += 1;
  }
  return counts;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A problem's light on `today`; undefined for a withdrawn one (it is in no ledger). */
export function lightOf(problem: LightInput, today: string): Light | undefined {
  if (problem.status === 'withdrawn') return undefined;
  if (problem.status === 'rectified') return 'grey';
  return deadlineLight(problem.deadline, today);
}

/** What the light's row says about time: "逾期 3 天", "剩 5 天", "今日到期", or nothing once rectified. */
export function timeLeftText(problem: LightInput, today: string): string {
  const light = lightOf(problem, today);
  if (light === undefined || light === 'grey') return '';
  const days = daysBetween(today, problem.deadline);
  if (days < 0) return `逾期 ${-days} 天`;
  return days === 0 ? '今日到期' : `剩 ${days} 天`;
}

/**
 * Most urgent first: red by how long overdue (longest first), then yellow and green by deadline
 * (soonest first), then rectified ones, most recently rectified first.
 */
export function byUrgency<T extends LightInput & { rectifiedOn?: string; id?: string }>(problems: readonly T[], today: string): T[] {
  const rank = (p: T) => LIGHT_ORDER.indexOf(lightOf(p, today) ?? 'grey');
  return [...problems].sort((a, b) => rank(a) - rank(b)
    || (rank(a) === 3 ? (b.rectifiedOn ?? '').localeCompare(a.rectifiedOn ?? '') : a.deadline.localeCompare(b.deadline))
    || (a.id ?? '').localeCompare(b.id ?? ''));
}

/** How many problems of each light. */
export function countLights(problems: readonly LightInput[], today: string): Record<Light, number> {
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, grey: 0 };
  for (const p of problems) {
    const light = lightOf(p, today);
    if (light) counts[light] += 1;
  }
  return counts;
}
