import type { Region } from '#schemas/regions.ts';
import type { Totals } from './figures.ts';

/** The byte-order mark makes Excel read the file as UTF-8, so the Chinese names show. */
const BOM = '\uFEFF';
const LEVELS = { province: '省', prefecture: '市州', county: '县市区' } as const;

/** The six headline figures, the branches visited, then the other targets' figures. */
const COLUMNS: [string, (t: Totals) => number][] = [
  ['组织部长（人）', (t) => t.ministers],
  ['参加组织生活（次）', (t) => t.sessions],
  ['召开座谈会（场次）', (t) => t.symposiums],
  ['党员参加（人次）', (t) => t.participants],
  ['收集意见建议（条）', (t) => t.suggestions],
  ['当场答复或已经解决（条）', (t) => t.suggestionsAnsweredOrResolved],
  ['走访村党支部（个）', (t) => t.branchesVisited.village],
  ['走访社区党组织（个）', (t) => t.branchesVisited.community],
  ['调研报告（篇）', (t) => t.reports],
  ['问题待整改（个）', (t) => t.problems.open],
  ['问题整改中（个）', (t) => t.problems.rectifying],
  ['问题已整改（个）', (t) => t.problems.rectified],
  ['问题逾期未整改（个）', (t) => t.problems.overdue],
  ['培训场次（场）', (t) => t.trainings],
  ['培训人数（人次）', (t) => t.peopleTrained],
  ['制度机制（项）', (t) => t.mechanisms],
  ['先进典型已推荐（个）', (t) => t.models.nominated],
  ['先进典型已选树（个）', (t) => t.models.approved],
  ['督查督导（次）', (t) => t.inspections],
  ['督查发现问题（条）', (t) => t.inspectionFindings],
];

function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) with a BOM. */
function csv(rows: (string | number)[][]): string {
  return BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A region and its children, one row each: what a county or prefecture report table shows. */
export function regionsCsv(asOf: string, rows: { region: Region; totals: Totals }[]): string {
  return csv([
    ['截至日期', '区划代码', '区划名称', '级别', ...COLUMNS.map(([name]) => name)],
    ...rows.map(({ region, totals }) => [asOf, region.code, region.name, LEVELS[region.level], ...COLUMNS.map(([, pick]) => pick(totals))]),
  ]);
}

/** One region day by day. */
export function historyCsv(region: Region, items: { asOf: string; provisional: boolean; totals: Totals }[]): string {
  return csv([
    ['日期', '区划代码', '区划名称', '临时数据', ...COLUMNS.map(([name]) => name)],
    ...items.map(({ asOf, provisional, totals }) => [asOf, region.code, region.name, provisional ? '是' : '否', ...COLUMNS.map(([, pick]) => pick(totals))]),
  ]);
}
