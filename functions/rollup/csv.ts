import type { Region } from '#schemas/regions.ts';
import { CSV_FIGURES, valueAt } from '#schemas/figures.ts';
import type { Counting } from '#schemas/kinds/counting.ts';
import type { Totals } from '#schemas/summary.ts';
import { csvText } from '#schemas/csv.ts';

/** The CSV columns: the table's (the six headline figures first), then those of figures a kind declares itself. */
type Columns = Counting['csvFigures'];
const headersOf = (columns: Columns) => columns.map((f) => f.header);
const figuresOf = (columns: Columns, totals: Totals) => columns.map((f) => valueAt(totals, f.path));

const LEVELS = { province: '省', prefecture: '市州', county: '县市区' } as const;

/** A region and its children, one row each: what a county or prefecture report table shows. */
export function regionsCsv(asOf: string, rows: { region: Region; totals: Totals }[], columns: Columns = CSV_FIGURES): string {
  return csvText([
    ['截至日期', '区划代码', '区划名称', '级别', ...headersOf(columns)],
    ...rows.map(({ region, totals }) => [asOf, region.code, region.name, LEVELS[region.level], ...figuresOf(columns, totals)]),
  ]);
}

/** One region day by day. */
export function historyCsv(region: Region, items: { asOf: string; provisional: boolean; totals: Totals }[], columns: Columns = CSV_FIGURES): string {
  return csvText([
    ['日期', '区划代码', '区划名称', '临时数据', ...headersOf(columns)],
    ...items.map(({ asOf, provisional, totals }) => [asOf, region.code, region.name, provisional ? '是' : '否', ...figuresOf(columns, totals)]),
  ]);
}
