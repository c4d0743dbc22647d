import type * as z from 'zod/mini';
import type { RegionLevel } from '#schemas/regions.ts';
import type { summaryHistorySchema, summarySchema, totalsSchema } from '#schemas/summary.ts';

/**
 * What the dashboard shows and in which order: the six headline figures under their fixed names,
 * then the other targets. Types only from the schemas (no zod at run time); no DOM here, so the
 * unit tests can read it.
 */
export type Totals = z.infer<typeof totalsSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type SummaryHistory = z.infer<typeof summaryHistorySchema>;

export type HeadlineKey = 'ministers' | 'sessions' | 'symposiums' | 'participants' | 'suggestions' | 'suggestionsAnsweredOrResolved';

export interface Headline {
  key: HeadlineKey;
  /** The figure's fixed name. */
  name: string;
  /** Its short name, for table headers and chart labels. */
  short: string;
  unit: string;
}

export const HEADLINES: readonly Headline[] = [
  { key: 'ministers', name: '组织部长', short: '部长', unit: '人' },
  { key: 'sessions', name: '参加组织生活', short: '组织生活', unit: '次' },
  { key: 'symposiums', name: '召开座谈会', short: '座谈会', unit: '场' },
  { key: 'participants', name: '党员参加', short: '党员参加', unit: '人次' },
  { key: 'suggestions', name: '收集意见建议', short: '意见建议', unit: '条' },
  { key: 'suggestionsAnsweredOrResolved', name: '当场答复或已解决', short: '答复或解决', unit: '条' },
];

export const headline = (key: string): Headline => HEADLINES.find((f) => f.key === key) ?? HEADLINES[1];

/** 省级 / 市州级 / 县级. */
export const LEVEL_NAMES: Record<RegionLevel, string> = { province: '省级', prefecture: '市州级', county: '县级' };
/** What a region's children are called, for the table's heading. */
export const CHILDREN_NAMES: Record<RegionLevel, string> = { province: '各市州', prefecture: '各县（市、区）', county: '' };

/** The province's branches: every visit aims at one of them. */
export const PROVINCE_VILLAGES = 4143;
export const PROVINCE_COMMUNITIES = 446;

/** One figure of the compact block: a number and its unit, optionally out of a whole. */
export interface Part {
  label?: string;
  value: number;
  unit: string;
  /** The whole it is counted against (the province's branches), shown as "n / of（p%）". */
  of?: number;
}

export interface TargetLine {
  name: string;
  parts: Part[];
}

/**
 * The other targets and the branches visited, in the campaign's order. The province's 4,143 villages
 * and 446 communities are the whole only at the province; below it the count stands alone.
 */
export function targetLines(t: Totals, level: RegionLevel): TargetLine[] {
  const whole = (n: number) => (level === 'province' ? n : undefined);
  return [
    { name: '走访村党支部', parts: [{ value: t.branchesVisited.village, unit: '个', of: whole(PROVINCE_VILLAGES) }] },
    { name: '走访社区党组织', parts: [{ value: t.branchesVisited.community, unit: '个', of: whole(PROVINCE_COMMUNITIES) }] },
    { name: '调研报告', parts: [{ value: t.reports, unit: '篇' }] },
    {
      name: '问题清单',
      parts: [
        { label: '待整改', value: t.problems.open, unit: '个' },
        { label: '整改中', value: t.problems.rectifying, unit: '个' },
        { label: '已整改', value: t.problems.rectified, unit: '个' },
        { label: '逾期', value: t.problems.overdue, unit: '个' },
      ],
    },
    { name: '行家里手培养', parts: [{ value: t.trainings, unit: '场' }, { value: t.peopleTrained, unit: '人次' }] },
    { name: '制度机制', parts: [{ value: t.mechanisms, unit: '项' }] },
    { name: '先进典型', parts: [{ label: '推荐', value: t.models.nominated, unit: '个' }, { label: '选树', value: t.models.approved, unit: '个' }] },
    { name: '督查督导', parts: [{ value: t.inspections, unit: '次' }, { label: '发现问题', value: t.inspectionFindings, unit: '条' }] },
  ];
}

/** "29.8%" of a whole (one decimal; "0%" of nothing). */
export function percentOf(value: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${(Math.round((value / whole) * 1000) / 10).toString()}%`;
}

/** A change since the previous snapshot: "+12", "−3" (a true minus sign), "持平". */
export function changeText(change: number, format: (n: number) => string): string {
  if (change === 0) return '持平';
  return change > 0 ? `+${format(change)}` : `−${format(-change)}`;
}
