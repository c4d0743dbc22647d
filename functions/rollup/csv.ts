import type { Region } from '#schemas/regions.ts';
import { CSV_FIGURES, valueAt } from '#schemas/figures.ts';
import type { Totals } from '#schemas/summary.ts';
import { csvText } from '#schemas/csv.ts';

const headers = CSV_FIGURES.map((f) => f.header);
/** The table's CSV figures of a region's totals, in the table's order (the six headline figures first). */
const figuresOf = (totals: Totals) => CSV_FIGURES.map((f) => valueAt(totals, f.path));

const LEVELS = { province: '省', prefecture: '市州', county: '县市区' } as const;

/** A region and its children, one row each: what a county or prefecture report table shows. */
export function regionsCsv(asOf: string, rows: { region: Region; totals: Totals }[]): string {
  return csvText([
    ['截至日期', '区划代码', '区划名称', '级别', ...headers],
    ...rows.map(({ region, totals }) => [asOf, region.code, region.name, LEVELS[region.level], ...figuresOf(totals)]),
  ]);
}

/** One region day by day. */
export function historyCsv(region: Region, items: { asOf: string; provisional: boolean; totals: Totals }[]): string {
  return csvText([
    ['日期', '区划代码', '区划名称', '临时数据', ...headers],
    ...items.map(({ asOf, provisional, totals }) => [asOf, region.code, region.name, provisional ? '是' : '否', ...figuresOf(totals)]),
  ]);
}
