import type { RegionLevel } from './regions.ts';

/**
 * Every figure of a snapshot, once: its key (its place in `totals`), its Chinese name and unit, its
 * CSV column, whether it is additive over children, and what the rollup keeps to compute it. The
 * published `totalsSchema` (summary.ts), the rollup's totals, the CSV, the dashboard and the CLIs
 * are all read off this table. No zod here: the dashboard reads it without loading a validator.
 */

/** What the rollup keeps of a region to compute a figure. */
export type Source =
  /** An additive sum of the region's state, under this key (a level: the sum over that level's heads' visits). */
  | { sum: string; level?: RegionLevel }
  /** Distinct heads with a counted visit. */
  | { distinct: 'ministers' }
  /** Distinct branches of a type with a counted visit. */
  | { distinct: 'branches'; type: 'village' | 'community' }
  /** Problems not rectified and past their deadline as of the snapshot's day. */
  | { overdue: true }
  /** A sum over the records dated in the month of the snapshot's day (本月), kept per month of their date. */
  | { dated: DatedKey }
  /** Suggestions still waiting for an answer (待答复) more than `waitingOver` days after their visit, as of the snapshot's day. */
  | { waitingOver: number };

/**
 * What the rollup keeps per month of the records' own date: counted visits, their organizational-life
 * sessions, and records of any kind received more than LATE_AFTER_DAYS days after their date (逾期报送).
 */
export type DatedKey = 'visits' | 'sessions' | 'late';

/** A record is late (逾期报送) when it reaches the server more than this many days after its own date. */
export const LATE_AFTER_DAYS = 7;


export interface Figure {
  /** The figure's full name, as a report heads a column with it (`问题待整改`). */
  name: string;
  /** A shorter name where the context says the rest (`待整改` under 问题清单; chart labels). */
  short: string;
  unit: string;
  /** A column of the CSV export, headed `name（unit）`. */
  csv: boolean;
  /** A parent's figure is the sum of its children's. */
  additive: boolean;
  source: Source;
}

/** A figure: its names, unit and source; a CSV column and additive unless said otherwise. */
export const figure = <const S extends Source>(name: string, unit: string, source: S, options: { short?: string; csv?: boolean; additive?: boolean } = {}): Omit<Figure, 'source'> & { source: S } => ({
  name, unit, source, short: options.short ?? name, csv: options.csv ?? true, additive: options.additive ?? true,
});

/** The visit figures: five of the six headline figures, kept per level of the visiting heads too. */
const visitFigures = (level?: RegionLevel) => {
  const of = <const K extends string>(sum: K): { sum: K; level?: RegionLevel } => (level ? { sum, level } : { sum });
  const csv = level === undefined;
  return {
    sessions: figure('参加组织生活', '次', of('sessions'), { short: '组织生活', csv }),
    symposiums: figure('召开座谈会', '场', of('symposiums'), { short: '座谈会', csv }),
    participants: figure('党员参加', '人次', of('participants'), { csv }),
    suggestions: figure('收集意见建议', '条', of('suggestions'), { short: '意见建议', csv }),
    suggestionsAnsweredOrResolved: figure('当场答复或已经解决', '条', of('suggestionsAnsweredOrResolved'), { short: '答复或解决', csv }),
  };
};

/**
 * The figures in the order `totals` gives them: the six headline figures of the source article
 * first, then the branches visited, the visit figures by the heads' level, and the other targets.
 * Not additive: `ministers` (a distinct count of heads), and `mechanisms`, `inspections` and
 * `inspectionFindings`, whose records may belong to a whole prefecture or the province and then
 * count in that region and the ones above it, in no county.
 */
export const FIGURES = {
  ministers: figure('组织部长', '人', { distinct: 'ministers' }, { short: '部长', additive: false }),
  ...visitFigures(),
  branchesVisited: {
    village: figure('走访村党支部', '个', { distinct: 'branches', type: 'village' }),
    community: figure('走访社区党组织', '个', { distinct: 'branches', type: 'community' }),
  },
  byMinisterLevel: { province: visitFigures('province'), prefecture: visitFigures('prefecture'), county: visitFigures('county') },
  reports: figure('调研报告', '篇', { sum: 'reports' }),
  problems: {
    open: figure('问题待整改', '个', { sum: 'problemsOpen' }, { short: '待整改' }),
    rectifying: figure('问题整改中', '个', { sum: 'problemsRectifying' }, { short: '整改中' }),
    rectified: figure('问题已整改', '个', { sum: 'problemsRectified' }, { short: '已整改' }),
    /** Of the rectified, those the level above accepted (已销号): `rectified` still counts them all. */
    accepted: figure('问题已验收销号', '个', { sum: 'problemsAccepted' }, { short: '已销号' }),
    overdue: figure('问题逾期未整改', '个', { overdue: true }, { short: '逾期' }),
  },
  trainings: figure('培训场次', '场', { sum: 'trainings' }),
  peopleTrained: figure('培训人数', '人次', { sum: 'peopleTrained' }),
  mechanisms: figure('制度机制', '项', { sum: 'mechanisms' }, { additive: false }),
  models: {
    nominated: figure('先进典型已推荐', '个', { sum: 'modelsNominated' }, { short: '已推荐' }),
    approved: figure('先进典型已选树', '个', { sum: 'modelsApproved' }, { short: '已选树' }),
  },
  inspections: figure('督查督导', '次', { sum: 'inspections' }, { additive: false }),
  inspectionFindings: figure('督查发现问题', '条', { sum: 'inspectionFindings' }, { short: '发现问题', additive: false }),
  /**
   * 走访覆盖: the region's active registered branches (支部名册), and those of them with a counted visit
   * naming them (a visit to a branch typed in without its registry id covers nothing until matched).
   */
  coverage: {
    village: {
      registered: figure('在册村党支部', '个', { sum: 'registeredVillages' }, { short: '在册' }),
      visited: figure('已走访在册村党支部', '个', { sum: 'coveredVillages' }, { short: '已走访' }),
    },
    community: {
      registered: figure('在册社区党组织', '个', { sum: 'registeredCommunities' }, { short: '在册' }),
      visited: figure('已走访在册社区党组织', '个', { sum: 'coveredCommunities' }, { short: '已走访' }),
    },
  },
  /**
   * 本月: the records dated in the month of the snapshot's day, as received by then; the monthly 通报
   * reads them for a past month from the rollup's state, which keeps them per month. Not CSV columns:
   * the export's columns are the year's figures. `late` is not additive (a prefecture's own mechanism).
   */
  month: {
    visits: figure('本月走访', '次', { dated: 'visits' }, { csv: false }),
    sessions: figure('本月参加组织生活', '次', { dated: 'sessions' }, { csv: false }),
    late: figure('本月逾期报送', '条', { dated: 'late' }, { csv: false, additive: false }),
  },
  /** Suggestions waiting (待答复) more than 30 days after their visit. */
  suggestionsWaiting: figure('超30天未答复意见建议', '条', { waitingOver: 30 }, { csv: false }),
} as const;

/** A tree of figures: a figure, or named subtrees. */
export type FigureTree = Figure | { readonly [key: string]: FigureTree };

/** The numbers of a tree of figures: what `totals` holds. */
export type ValuesOf<F> = F extends Figure ? number : { -readonly [K in keyof F]: ValuesOf<F[K]> };

export const isFigure = (node: FigureTree): node is Figure => 'unit' in node && typeof node.unit === 'string';

/** Every figure with its path in `totals` (`problems.open`), in order. */
export function figureList(tree: FigureTree = FIGURES, prefix: string[] = []): { path: string[]; figure: Figure }[] {
  if (isFigure(tree)) return [{ path: prefix, figure: tree }];
  return Object.entries(tree).flatMap(([key, node]) => figureList(node, [...prefix, key]));
}

/** The figures of a table a CSV export has a column for, in order, with their headers. */
export const csvFigures = (tree: FigureTree = FIGURES) => figureList(tree).filter(({ figure }) => figure.csv).map(({ path, figure }) => ({ path, figure, header: headerOf(figure) }));

/** The table's figures a CSV export has a column for, in order, with their headers. */
// Pure: a page that reads neither list (the dashboard) leaves their computing out of its bundle.
export const CSV_FIGURES = /* @__PURE__ */ csvFigures();

/** The state keys of the additive sums a region keeps: every `sum` source of the table. */
export const SUM_KEYS: readonly SumKey[] = /* @__PURE__ */ sumKeysOf(FIGURES);
function sumKeysOf(tree: FigureTree): SumKey[] {
  return [...new Set(figureList(tree).flatMap(({ figure }) => ('sum' in figure.source ? [figure.source.sum as SumKey] : [])))];
}

/** The six headline figures of the source article, in its order. */
export const HEADLINE_KEYS = ['ministers', 'sessions', 'symposiums', 'participants', 'suggestions', 'suggestionsAnsweredOrResolved'] as const;
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

type LeafOf<F> = F extends Figure ? F : { [K in keyof F]: LeafOf<F[K]> }[keyof F];

/** The key of an additive sum a region's state keeps (`problemsOpen`), as the table names them. */
export type SumKey = Extract<LeafOf<typeof FIGURES>['source'], { sum: string }>['sum'];

/** A figure's value in a totals object, by its path. */
export function valueAt(totals: unknown, path: readonly string[]): number {
  let node = totals;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : 0;
}

/** A figure as a column header: `召开座谈会（场）`. */
export function headerOf(figure: Pick<Figure, 'name' | 'unit'>): string {
  return `${figure.name}（${figure.unit}）`;
}
