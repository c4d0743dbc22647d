import { type Figure, FIGURES, type FigureTree, isFigure, valueAt, type ValuesOf } from './figures.ts';

/**
 * The six targets (六个一批) every head is measured against, with the visits before them and the
 * inspections the head led after, once: each target's key (its part of a scorecard), its title, the
 * kinds whose records are behind it, and its lines — which figure of the table each shows, or which
 * count the table has no figure for. The scorecard's schema (scorecard.ts) and its figures (the
 * scorecard use case), the heads' pages (web/src/desk/heads.ts) and the dashboard's target lines
 * (web/src/dashboard/figures.ts) are read off this table. No zod here, as in figures.ts.
 */

/** What a head's counted records add up to: the figures of the table. */
export type FigureValues = ValuesOf<typeof FIGURES>;

/** Kind name (`visit`) → the head's records of that kind that count. */
export type RecordCounts = Readonly<Record<string, number>>;

/** What a line is called: a figure's own name and unit, its kind's name (走访记录), or a suggestion state's (待答复). */
export type Words = { figure: Figure } | { kind: string; unit: string } | { suggestion: 'pending'; unit: string };

export interface TargetLine {
  words: Words;
  value(figures: FigureValues, records: RecordCounts): number;
  /** A line of the dashboard's target lines too: `labelled` by the figure's short name where the line holds several. */
  dashboard?: 'plain' | 'labelled';
}

/** A target's lines by their place in its part of the scorecard (`branchesVisited.village`); the order is the page's. */
export type LineTree = TargetLine | { readonly [key: string]: LineTree };

export interface Target {
  /** As the heads' pages head it; absent: the name of its one kind (走访记录). */
  title?: string;
  /** The kinds whose records are behind its figures. */
  kinds: readonly string[];
  /** As the dashboard names its line, when the dashboard shows it (its headline figures aside). */
  dashboardName?: string;
  lines: { readonly [key: string]: LineTree };
}

const figureAt = (path: string): Figure => {
  let node: FigureTree | undefined = FIGURES;
  for (const key of path.split('.')) node = node && !isFigure(node) ? node[key] : undefined;
  if (!node || !isFigure(node)) throw new Error(`no figure ${path}`);
  return node;
};

/** A line showing a figure, found at `path` in `totals` (a kind's own figure: its key). */
export const figureLine = (path: string, figure: Figure, dashboard?: TargetLine['dashboard']): TargetLine => {
  const keys = path.split('.');
  return { words: { figure }, value: (figures) => valueAt(figures, keys), ...(dashboard ? { dashboard } : {}) };
};

/** A figure of the table, by its path in `totals` (`problems.open`). */
const figure = (path: string, dashboard?: TargetLine['dashboard']): TargetLine => figureLine(path, figureAt(path), dashboard);

export const TARGETS = {
  visits: {
    kinds: ['visit'],
    lines: {
      count: { words: { kind: 'visit', unit: '次' }, value: (_, records) => records.visit ?? 0 },
      sessions: figure('sessions'),
      symposiums: figure('symposiums'),
      participants: figure('participants'),
      branchesVisited: { village: figure('branchesVisited.village'), community: figure('branchesVisited.community') },
    },
  },
  /** 调研报告 */
  researchReports: { title: '调研报告', kinds: ['report'], dashboardName: FIGURES.reports.name, lines: { count: figure('reports', 'plain') } },
  /** 解决问题: problems the head follows up; `found` is all of them, `overdue` those past their deadline and not rectified. */
  problemsSolved: {
    title: '解决问题',
    kinds: ['problem'],
    dashboardName: '问题清单',
    lines: {
      found: { words: { kind: 'problem', unit: FIGURES.problems.open.unit }, value: ({ problems: p }) => p.open + p.rectifying + p.rectified },
      open: figure('problems.open', 'labelled'),
      rectifying: figure('problems.rectifying', 'labelled'),
      rectified: figure('problems.rectified', 'labelled'),
      /** Of the rectified, those accepted by the level above (已销号). */
      accepted: figure('problems.accepted', 'labelled'),
      overdue: figure('problems.overdue', 'labelled'),
    },
  },
  /** 行家里手: training sessions held and the people trained in them. */
  expertsCultivated: {
    title: '行家里手',
    kinds: ['training'],
    dashboardName: '行家里手培养',
    lines: { trainings: figure('trainings', 'plain'), peopleTrained: figure('peopleTrained', 'plain') },
  },
  /** 意见建议: collected on the head's visits, and how many were answered on the spot or resolved. */
  suggestions: {
    title: '意见建议',
    kinds: [],
    lines: {
      collected: figure('suggestions'),
      answeredOrResolved: figure('suggestionsAnsweredOrResolved'),
      pending: { words: { suggestion: 'pending', unit: FIGURES.suggestions.unit }, value: (f) => f.suggestions - f.suggestionsAnsweredOrResolved },
    },
  },
  /** 制度机制 */
  mechanismsImproved: { title: '制度机制', kinds: ['mechanism'], dashboardName: FIGURES.mechanisms.name, lines: { count: figure('mechanisms', 'plain') } },
  /** 先进典型: nominated and awaiting a decision, and approved (选树); those not approved count in neither. */
  typicalModels: {
    title: '先进典型',
    kinds: ['model'],
    dashboardName: '先进典型',
    lines: { nominated: figure('models.nominated', 'labelled'), approved: figure('models.approved', 'labelled') },
  },
  /** 督查督导 the head led, and the findings they recorded. */
  inspections: {
    kinds: ['inspection'],
    dashboardName: FIGURES.inspections.name,
    lines: { count: figure('inspections', 'plain'), findings: figure('inspectionFindings', 'labelled') },
  },
} as const satisfies Record<string, Target>;

export type TargetKey = keyof typeof TARGETS;

/** The numbers of a tree of lines: what a scorecard holds for a target. */
export type ScoresOf<L> = L extends TargetLine ? number : { -readonly [K in keyof L]: ScoresOf<L[K]> };

/** A scorecard's figures, target by target. */
export type TargetScores = { -readonly [K in TargetKey]: ScoresOf<(typeof TARGETS)[K]['lines']> };

export const isLine = (node: LineTree): node is TargetLine => 'words' in node && typeof node.value === 'function';

/** Every line of a tree with its path (`branchesVisited.village`), in order. */
export function lineList(tree: LineTree, prefix: string[] = []): { path: string[]; line: TargetLine }[] {
  if (isLine(tree)) return [{ path: prefix, line: tree }];
  return Object.entries(tree).flatMap(([key, node]) => lineList(node, [...prefix, key]));
}

/** Every target with its key, in the page's order. */
export const TARGET_LIST: readonly ({ key: TargetKey } & Target)[] = (Object.keys(TARGETS) as TargetKey[]).map((key) => ({ key, ...TARGETS[key] }));

/** The values of a tree of lines, in its shape. */
export function scoresOf(tree: LineTree, figures: FigureValues, records: RecordCounts): unknown {
  if (isLine(tree)) return tree.value(figures, records);
  return Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, scoresOf(node, figures, records)]));
}
