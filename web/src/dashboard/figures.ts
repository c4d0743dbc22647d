import type { RegionLevel } from '#schemas/regions.ts';
import { FIGURES, HEADLINE_KEYS, type HeadlineKey } from '#schemas/figures.ts';
import { lineList, type Target, TARGET_LIST } from '#schemas/targets.ts';
import { COVERAGE_TYPES, type CoverageType, coverageTypeName, rateText, shareOf, UNMATCHED, unmatchedOf } from './coverage-rows.ts';

/**
 * What the dashboard shows and in which order: the six headline figures under their fixed names,
 * then the other targets. Types only from the schemas (no zod at run time); no DOM here, so the
 * unit tests can read it.
 */
export type { Summary, SummaryHistory, Totals } from './summary-types.ts';
import type { Summary, Totals } from './summary-types.ts';

export type { HeadlineKey };

export interface Headline {
  key: HeadlineKey;
  /** The figure's fixed name. */
  name: string;
  /** Its short name, for table headers and chart labels. */
  short: string;
  unit: string;
}

/** The six headline figures, named and measured as the table of figures says. */
export const HEADLINES: readonly Headline[] = HEADLINE_KEYS.map((key) => ({ key, name: FIGURES[key].name, short: FIGURES[key].short, unit: FIGURES[key].unit }));

export const headline = (key: string): Headline => HEADLINES.find((f) => f.key === key) ?? HEADLINES[1];

/**
 * What each page counts as its heads, said on both: the dashboard's 组织部长（人） is the heads of any
 * level whose counted visits lie in the region (a province head visiting 西宁市 counts there), the
 * roster the heads serving in it, so the two numbers differ.
 */
export const MINISTERS_COUNTED = '组织部长（人）：在本地区有走访记录的各级组织部长，含到本地区走访的省级、市州级部长；部长名册按任职地区列出，人数可能不同。';
export const ROSTER_COUNTS = '名册按任职地区列出本地区及下辖地区的组织部长；统计页的“组织部长（人）”计的是在本地区有走访记录的各级部长（含到此走访的省级、市州级部长），人数可能不同。';

/** 省级 / 市州级 / 县级. */
export const LEVEL_NAMES: Record<RegionLevel, string> = { province: '省级', prefecture: '市州级', county: '县级' };
/** What a region's children are called, for the table's heading. */
export const CHILDREN_NAMES: Record<RegionLevel, string> = { province: '各市州', prefecture: '各县（市、区）', county: '' };

/** One figure of the compact block: a number and its unit, optionally out of a whole. */
export interface Part {
  label?: string;
  value: number;
  unit: string;
  /** The whole it is counted against (the registered branches) and the rate, shown as "n / whole（rate）". */
  of?: { whole: number; rate: string };
}

export interface TargetLine {
  name: string;
  parts: Part[];
}

/**
 * The other targets, after the coverage of each branch type, in the campaign's order: the lines
 * targets.ts marks for the dashboard. Coverage is the coverage table's own (registered branches and
 * those visited, its rate), at every level; branches visits name that the registry does not hold
 * (未匹配名册) stand beside it, never in the rate.
 */
export function targetLines(t: Totals): TargetLine[] {
  const coverage = (type: CoverageType): TargetLine => {
    const s = shareOf(t, type);
    const figures = FIGURES.coverage[type];
    return {
      name: `${coverageTypeName(type)}走访覆盖`,
      parts: [
        { label: figures.visited.short, value: s.visited, unit: figures.visited.unit, of: { whole: s.registered, rate: rateText(s) } },
        { label: UNMATCHED, value: unmatchedOf(t, type), unit: figures.visited.unit },
      ],
    };
  };
  /** A line of a target as a part: its figure's value and unit, labelled by its short name where the line names several. */
  const parts = (target: Target): Part[] => lineList(target.lines).flatMap(({ line }) =>
    (line.dashboard && 'figure' in line.words
      ? [{ ...(line.dashboard === 'labelled' ? { label: line.words.figure.short } : {}), value: line.value(t, {}), unit: line.words.figure.unit }]
      : []));
  return [
    ...COVERAGE_TYPES.map(coverage),
    ...TARGET_LIST.flatMap((target) => (target.dashboardName ? [{ name: target.dashboardName, parts: parts(target) }] : [])),
  ];
}

/** A change since the previous snapshot: "+12", "−3" (a true minus sign), "持平". */
export function changeText(change: number, format: (n: number) => string): string {
  if (change === 0) return '持平';
  return change > 0 ? `+${format(change)}` : `−${format(-change)}`;
}
