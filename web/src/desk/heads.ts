import { headerOf } from '#schemas/figures.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { SUGGESTION } from '#schemas/kinds/visit.ts';
import { findRegion, regionContains, type RegionLevel } from '#schemas/regions.ts';
import { lineList, TARGET_LIST, type TargetScores, type Words } from '#schemas/targets.ts';
import type { Column } from './table.ts';

/**
 * The heads' own pages, without DOM (loaded with those pages, not with the desk's first view): a
 * scorecard's figures grouped by the six targets (六个一批), the year and day a 述职 report is as of,
 * the heads side by side (总结讲评) as a table, the roster's search and its same-name heads, a new
 * head's id, and the research-report collection's order. Unit-tested in test/unit/web-heads.test.ts.
 */

// ---------------------------------------------------------------- 述职: the scorecard

/** A scorecard as `GET /ministers/{id}/scorecard` answers it (schemas/scorecard.ts, `scorecardSchema`): its targets as targets.ts declares them. */
export type Scorecard = TargetScores & {
  minister: { id: string; name: string; level: RegionLevel; regionCode: string };
  year: number;
  asOf: string;
  contactBranches: { assigned: number; visited: number; branches: { id: string; name: string; countyCode: string; visited: boolean }[] };
  records?: { kind: string; id: string; date: string; title: string }[];
  /** Records that count but the reader may not open (left in another region), by kind. */
  hiddenRecords?: Record<string, number>;
};

/** One figure of a scorecard: where it is in the answer (`visits.sessions`), its name and unit. */
export interface ScoreLine {
  path: string;
  name: string;
  unit: string;
}

export interface Target {
  key: string;
  title: string;
  /** The kinds of record whose records are behind the figures (their `kind` in `records`). */
  kinds: readonly string[];
  lines: ScoreLine[];
}

const kindLabel = (name: string) => kindNamed(name)!.form.label.zh;

/** A line's words: the figure's name and unit (the figures' table), or its kind's name (走访记录, 问题), or the suggestion state's (待答复). */
function wordsOf(words: Words): { name: string; unit: string } {
  if ('figure' in words) return words.figure;
  if ('kind' in words) return { name: kindLabel(words.kind), unit: words.unit };
  return { name: SUGGESTION.labels[words.suggestion], unit: words.unit };
}

/**
 * The scorecard's figures as the 述职 report reads them: the visits (the headline figures), then the
 * six targets (六个一批) in the campaign's order, then the inspections the head led, as targets.ts
 * declares them; a target without a title of its own is named by its kind.
 */
export const TARGETS: readonly Target[] = TARGET_LIST.map((t) => ({
  key: t.key,
  title: t.title ?? kindLabel(t.kinds[0]),
  kinds: t.kinds,
  lines: lineList(t.lines).map(({ path, line }) => {
    const { name, unit } = wordsOf(line.words);
    return { path: [t.key, ...path].join('.'), name, unit };
  }),
}));

/** Every figure of the scorecard, in the page's order. */
export const SCORE_LINES: readonly ScoreLine[] = TARGETS.flatMap((t) => t.lines);

/** A figure's value in a scorecard, by its path (`visits.branchesVisited.village`). */
export function scoreAt(card: unknown, path: string): number {
  let node = card;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : 0;
}

/** A figure as a header: `参加组织生活（次）`. */
export const lineHeader = (l: ScoreLine) => headerOf(l);

/** How many of the records behind a target's figures the reader may not open (they lie outside the reader's region). */
export const hiddenOf = (card: Pick<Scorecard, 'hiddenRecords'>, target: Pick<Target, 'kinds'>) =>
  target.kinds.reduce((sum, kind) => sum + (card.hiddenRecords?.[kind] ?? 0), 0);

/** The records behind a target's figures, oldest first (as the scorecard lists them). */
export const recordsOf = (card: Pick<Scorecard, 'records'>, target: Pick<Target, 'kinds'>) =>
  (card.records ?? []).filter((r) => target.kinds.includes(r.kind));

const YEAR = /^20\d\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The year and the day a 述职 report is as of, from the address: by default this year as of today;
 * an earlier year as of its last day; never a day after today (the API refuses a future `date`), nor
 * a day before the year began.
 */
export function dutyPeriod(filters: { year?: string; date?: string }, today: string): { year: number; date: string } {
  const thisYear = Number(today.slice(0, 4));
  const year = filters.year && YEAR.test(filters.year) && Number(filters.year) <= thisYear ? Number(filters.year) : thisYear;
  const yearEnd = year < thisYear ? `${year}-12-31` : today;
  const chosen = filters.date && DAY.test(filters.date) ? filters.date : yearEnd;
  const date = chosen > today ? today : chosen < `${year}-01-01` ? yearEnd : chosen;
  return { year, date };
}

/** The years a report may be asked for: the campaign's first to this one, newest first. */
export function yearsUpTo(today: string, first = 2024): number[] {
  const years: number[] = [];
  for (let y = Number(today.slice(0, 4)); y >= first; y--) years.push(y);
  return years;
}

/** 总结讲评: the heads side by side, a row each, the figures as columns (for the page and its exports). */
export function sideBySideColumns(levelName: (level: RegionLevel) => string): Column<Scorecard>[] {
  return [
    { key: 'name', label: '组织部长', width: 10, essential: true, value: (c) => c.minister.name },
    { key: 'region', label: '地区', width: 14, essential: true, value: (c) => findRegion(c.minister.regionCode)?.name },
    { key: 'level', label: '级别', width: 8, value: (c) => levelName(c.minister.level) },
    ...SCORE_LINES.map((l): Column<Scorecard> => ({ key: l.path, label: lineHeader(l), type: 'number', width: Math.max(10, l.name.length * 2 + 6), value: (c) => scoreAt(c, l.path) })),
    { key: 'contactBranches.assigned', label: '联系点（个）', type: 'number', width: 10, value: (c) => c.contactBranches.assigned },
    { key: 'contactBranches.visited', label: '已走访联系点（个）', type: 'number', width: 14, value: (c) => c.contactBranches.visited },
  ];
}

/** The heads in the order a summary evaluation reads them: province, prefectures, counties, each by region code, then name (same names by id). */
export function headsInOrder<T extends { minister: { level: RegionLevel; regionCode: string; name: string; id: string } }>(cards: readonly T[]): T[] {
  const rank: Record<RegionLevel, number> = { province: 0, prefecture: 1, county: 2 };
  return [...cards].sort((a, b) => rank[a.minister.level] - rank[b.minister.level] || a.minister.regionCode.localeCompare(b.minister.regionCode)
    || plain(a.minister.name).localeCompare(plain(b.minister.name), 'zh-CN') || a.minister.id.localeCompare(b.minister.id));
}

// ---------------------------------------------------------------- 部长名册

export interface Head {
  id: string;
  name: string;
  level: RegionLevel;
  regionCode: string;
  version?: number;
  contactBranches?: string[];
  terms?: { from: string; level: RegionLevel; regionCode: string }[];
}

/** A name as people compare names: spaces and full-width forms set aside. */
const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Heads who share their name with another head of the same region (two 王建国 in one county): their
 * ids. The roster shows these with region and id, so they can be told apart.
 */
export function sameNamed(heads: readonly Pick<Head, 'id' | 'name' | 'regionCode'>[]): Set<string> {
  const groups = new Map<string, string[]>();
  for (const head of heads) {
    const key = `${head.regionCode}|${plain(head.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), head.id]);
  }
  return new Set([...groups.values()].filter((ids) => ids.length > 1).flat());
}

/** The roster's search: a part of the name or of the region's name (`q`), within a region (`region`); in region then name order. */
export function searchHeads<T extends Head>(heads: readonly T[], q: string | undefined, region: string | undefined): T[] {
  const wanted = q ? plain(q) : '';
  return headsInOrder(heads.map((h) => ({ minister: h })))
    .map((h) => h.minister)
    .filter((h) => (!region || regionContains(region, h.regionCode))
      && (!wanted || plain(h.name).includes(wanted) || plain(findRegion(h.regionCode)?.name ?? '').includes(wanted) || h.id.toLowerCase().includes(wanted)));
}

/** A new head's id, as the seed names heads: `m-<region>-<nn>`, the first number no head of the list has. */
export function nextHeadId(regionCode: string, taken: Iterable<string>): string {
  const ids = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `m-${regionCode}-${String(n).padStart(2, '0')}`;
    if (!ids.has(id)) return id;
  }
}

/**
 * What a change of a head's level or region does to earlier figures, as docs/architecture.md says it (heads'
 * terms): nothing is said when neither changes.
 */
export function termChangeNote(before: Pick<Head, 'level' | 'regionCode'> | undefined, after: Pick<Head, 'level' | 'regionCode'>): string | undefined {
  if (!before || (before.level === after.level && before.regionCode === after.regionCode)) return undefined;
  return '修改级别或地区，即从今天（北京时间）起开始新的任期（任期记录保留以前的级别和地区）。'
    + '走访按走访日期当天该部长所任的级别计入分级统计，因此以前的数据保持不变，仍计在原来的级别；'
    + '今后报送的记录须在新的地区内。';
}

// ---------------------------------------------------------------- 调研报告集

/** A report as the collection shows it. */
export interface CollectedReport {
  id: string;
  date: string;
  title: string;
  status: string;
  createdAt: string;
}

/** The collection: every report of the period but withdrawn ones, once each (by id), oldest first, then by title. */
export function collectionOf<T extends CollectedReport>(reports: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const report of reports) if (report.status !== 'withdrawn') byId.set(report.id, report);
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id));
}

/** A period in words: `2026-01-01 至 2026-11-30`, `2026-01-01 以来`, `截至 2026-11-30`, `全部`. */
export function periodText(from: string | undefined, to: string | undefined): string {
  if (from && to) return `${from} 至 ${to}`;
  if (from) return `${from} 以来`;
  if (to) return `截至 ${to}`;
  return '全部';
}
