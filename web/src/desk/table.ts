import { csvText } from '#schemas/csv.ts';
import { clip } from '../text.ts';

/**
 * Every list of the desk is a table: its columns (Chinese headers, a type, a width) and its rows,
 * computed once from the records the filters let through. The page shows these very rows, and the
 * CSV and .xlsx downloads are written from them, so an export has exactly the rows on screen. No DOM.
 */
export type CellType = 'text' | 'number' | 'date';
export type CellValue = string | number | undefined;

export interface Column<R> {
  key: string;
  /** The header, in Chinese. */
  label: string;
  type?: CellType;
  /** Width in characters, for the .xlsx (and short columns keep to one line on the page). */
  width?: number;
  /** Kept when the list sits beside a record on a wide screen; the others show only in the full list. */
  essential?: boolean;
  value(row: R): CellValue;
}

export interface Table {
  /** Names the download: `问题整改台账-2026-11-20`. */
  title: string;
  columns: { key: string; label: string; type: CellType; width: number; essential: boolean }[];
  rows: CellValue[][];
}

export function tableOf<R>(title: string, columns: readonly Column<R>[], rows: readonly R[]): Table {
  return {
    title,
    columns: columns.map((c) => ({
      key: c.key, label: c.label, type: c.type ?? 'text', width: c.width ?? Math.max(8, c.label.length * 2 + 2), essential: c.essential ?? false,
    })),
    rows: rows.map((row) => columns.map((c) => c.value(row))),
  };
}

/** A cell as the page shows it: numbers as 12,536, dates as 2026-11-20, nothing as empty. */
export function cellText(type: CellType, value: CellValue): string {
  if (value === undefined || value === '') return '';
  return type === 'number' && typeof value === 'number' ? value.toLocaleString('zh-CN') : String(value);
}

/**
 * The table as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), Chinese headers,
 * CRLF lines; numbers without separators (a spreadsheet reads them as numbers), dates as YYYY-MM-DD;
 * a text that a spreadsheet would run as a formula is neutralised (schemas/csv.ts).
 */
export function toCsv(table: Table): string {
  return csvText([table.columns.map((c) => c.label), ...table.rows]);
}

/** A cell of write-excel-file's sheet data (its own shape, written out so this module needs no import of it). */
export type SheetCell = { value: string | number | Date; type?: typeof String | typeof Number | typeof Date; format?: string; fontWeight?: 'bold' } | null;

export interface Sheet {
  data: SheetCell[][];
  sheet: string;
  columns: { width: number }[];
  /** The header row stays in view when scrolling (Excel: frozen). */
  stickyRowsCount: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as the UTC midnight write-excel-file turns into an Excel serial day. */
export function dateCell(text: string): Date | undefined {
  const m = DATE.exec(text);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** The table as an .xlsx sheet: bold header row, frozen; column widths; dates as dates; numbers as numbers. */
export function toSheet(table: Table): Sheet {
  const cell = (type: CellType, value: CellValue): SheetCell => {
    if (value === undefined || value === '') return null;
    if (type === 'number' && typeof value === 'number') return { value, type: Number, format: '#,##0' };
    const date = type === 'date' && typeof value === 'string' ? dateCell(value) : undefined;
    if (date) return { value: date, type: Date, format: 'yyyy-mm-dd' };
    return { value: String(value), type: String };
  };
  return {
    sheet: clip(table.title, 31).replace(/[\\/?*[\]:]/g, ' '),
    data: [
      table.columns.map((c) => ({ value: c.label, type: String, fontWeight: 'bold' as const })),
      ...table.rows.map((row) => row.map((v, i) => cell(table.columns[i].type, v))),
    ],
    columns: table.columns.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  };
}

/** A file name for a download of the table on a day. */
export const fileNameOf = (table: Pick<Table, 'title'>, today: string, extension: 'csv' | 'xlsx') => `${table.title}-${today}.${extension}`;
