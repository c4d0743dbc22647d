import type { Region } from '#schemas/regions.ts';
import { CSV_FIGURES, valueAt } from '#schemas/figures.ts';
import type { Totals } from '#schemas/summary.ts';

const headers = CSV_FIGURES.map((f) => f.header);
/** The table's CSV figures of a region's totals, in the table's order (the six headline figures first). */
const figuresOf = (totals: Totals) => CSV_FIGURES.map((f) => valueAt(totals, f.path));

/** The byte-order mark makes Excel read the file as UTF-8, so the Chinese names show. */
const BOM = '\uFEFF';
const LEVELS = { province: '省', prefecture: '市州', county: '县市区' } as const;

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
    ['截至日期', '区划代码', '区划名称', '级别', ...headers],
    ...rows.map(({ region, totals }) => [asOf, region.code, region.name, LEVELS[region.level], ...figuresOf(totals)]),
  ]);
}

/** One region day by day. */
export function historyCsv(region: Region, items: { asOf: string; provisional: boolean; totals: Totals }[]): string {
  return csv([
    ['日期', '区划代码', '区划名称', '临时数据', ...headers],
    ...items.map(({ asOf, provisional, totals }) => [asOf, region.code, region.name, provisional ? '是' : '否', ...figuresOf(totals)]),
  ]);
}
