import { MAX_IMPORT_ROWS } from '#schemas/branch.ts';
import { ALL_REGIONS, canonicalRegionCode, findRegion } from '#schemas/regions.ts';

/**
 * A department's roster (支部名册) read in the browser, from a CSV (UTF-8 with or without a BOM, or
 * GB18030 as Excel saves it on a Chinese Windows) or an .xlsx (its first sheet): columns 县 / 名称 /
 * 类型 / 代码 with Chinese headers, and 曾用名 when it has one. Each data row becomes an import row
 * (`{ countyCode, name, type, code?, aliases? }`) or is refused here with the reason, by its row
 * number in the file; the rows go to `POST /branches/import` in batches of at most 500. No DOM.
 */

export interface ImportRow {
  countyCode: string;
  name: string;
  type: 'village' | 'community';
  code?: string;
  aliases?: string[];
}

export interface FieldError {
  path: string;
  message: string;
}

/** A data row of the file: what it imports as, or why it cannot be sent. `line` is its row number in the file (the header is row 1). */
export type FileRow = { line: number; row: ImportRow } | { line: number; name: string; errors: FieldError[] };

export interface Batch {
  rows: ImportRow[];
  /** The file's row number of each row, so the API's `rejected[].index` names a row of the file. */
  lines: number[];
}

export interface ReadFile {
  rows: FileRow[];
  /** The whole file cannot be read (no header the page recognises): why. */
  problem?: string;
}

// ----- decoding -----

/** Text of a CSV file: UTF-8 (its BOM dropped) when it is valid UTF-8, else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes).replace(/^\uFEFF/, '');
  }
}

/** The fields of each line of a CSV (RFC 4180: quotes, doubled quotes, line breaks in quotes; commas, or tabs when the header has no comma). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ----- .xlsx -----

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
  if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  return ENTITIES[name] ?? whole;
});
/** The text of every `<t>` in an element (a shared string may be rich text: several runs). */
const textsOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');

/** `B12` → column 1 (A is 0). */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.toUpperCase().charCodeAt(0) - 64);
  return n - 1;
}

/** The first sheet of an .xlsx (given its files, unzipped) as rows of cell texts; empty rows kept as empty, so row numbers are the sheet's. */
export function xlsxRows(files: Record<string, Uint8Array>): string[][] {
  const text = (path: string) => (files[path] ? new TextDecoder().decode(files[path]) : undefined);
  const sheetPath = firstSheetPath(files, text);
  const sheet = sheetPath ? text(sheetPath) : undefined;
  if (!sheet) throw new Error('no worksheet');
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textsOf(m[1] ?? ''));
  const rows: string[][] = [];
  for (const r of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const number = Number(/\br="(\d+)"/.exec(r[1])?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const ref = /\br="([A-Z]+\d*)"/i.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const inner = c[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const cell = type === 's' ? shared[Number(value)] ?? ''
        : type === 'inlineStr' ? textsOf(inner)
          : unescapeXml(value ?? '');
      cells[ref ? columnOf(ref) : cells.length] = cell;
    }
    while (rows.length < number - 1) rows.push([]);
    rows.push(Array.from(cells, (v) => v ?? ''));
  }
  return rows;
}

/** The workbook's first sheet, by its relationships; `xl/worksheets/sheet1.xml` when they say nothing. */
function firstSheetPath(files: Record<string, Uint8Array>, text: (path: string) => string | undefined): string | undefined {
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(text('xl/workbook.xml') ?? '')?.[1];
  const target = rid ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"|<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(text('xl/_rels/workbook.xml.rels') ?? '') : null;
  const path = target ? (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, 'xl/') : undefined;
  if (path && files[path]) return path;
  return files['xl/worksheets/sheet1.xml'] ? 'xl/worksheets/sheet1.xml' : Object.keys(files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f)).sort()[0];
}

// ----- headers and rows -----

export type Column = 'county' | 'name' | 'type' | 'code' | 'aliases';

/** The columns' Chinese names, as the page and the rejected rows say them. */
export const COLUMN_NAMES: Record<Column, string> = { county: '县', name: '名称', type: '类型', code: '代码', aliases: '曾用名' };
/** The API's field paths in a row, named as the file's columns. */
export const PATH_NAMES: Record<string, string> = { countyCode: '县', name: '名称', type: '类型', code: '代码', aliases: '曾用名' };

const headerKey = (text: string) => text.normalize('NFKC').replace(/[\s（）()]/g, '').toLowerCase();

/** Which column a header names: 曾用名 / 县（市、区）/ 代码 / 名称 / 类型, or the API's own field names. */
function columnNamed(header: string): Column | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  if (key.includes('曾用名') || key === 'aliases' || key === 'alias' || key.includes('原名称')) return 'aliases';
  if (key.includes('县') || key.includes('区划') || key === 'county' || key === 'countycode') return 'county';
  if (key.includes('代码') || key.includes('编码') || key === 'code') return 'code';
  if (key.includes('名称') || key === 'name') return 'name';
  if (key.includes('类型') || key.includes('类别') || key === 'type') return 'type';
  return undefined;
}

/** Where each column is in the header row (the first of each name); the required ones missing, by name. */
export function mapHeaders(header: readonly string[]): { columns: Partial<Record<Column, number>>; missing: Column[] } {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((text, i) => {
    const column = columnNamed(text);
    if (column && columns[column] === undefined) columns[column] = i;
  });
  return { columns, missing: (['county', 'name', 'type'] as const).filter((c) => columns[c] === undefined) };
}

const COUNTIES = ALL_REGIONS.filter((r) => r.level === 'county');
/** Administrative suffixes a roster may leave off or spell out: 大通回族土族自治县 is also 大通县, 大通. */
const shortName = (name: string) => name.replace(/(回族|土族|撒拉族|蒙古族|藏族|自治|行政委员会|县|市|区)/g, '');

/** A county by its code (pre-2020 codes too) or its name (full, or without its suffixes). */
export function countyOf(text: string): string | undefined {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (/^\d{6}$/.test(t)) {
    const code = canonicalRegionCode(t);
    return findRegion(code)?.level === 'county' ? code : undefined;
  }
  const exact = COUNTIES.find((c) => c.name === t);
  if (exact) return exact.code;
  const short = shortName(t);
  const found = short ? COUNTIES.filter((c) => shortName(c.name) === short) : [];
  return found.length === 1 ? found[0].code : undefined;
}

const TYPE_WORDS: Record<string, ImportRow['type']> = {
  村: 'village', 村党支部: 'village', 村党组织: 'village', 村党委: 'village', 村党总支: 'village', village: 'village',
  社区: 'community', 社区党组织: 'community', 社区党委: 'community', 社区党支部: 'community', 社区党总支: 'community', community: 'community',
};

export const typeOf = (text: string): ImportRow['type'] | undefined => TYPE_WORDS[headerKey(text)];

/** Former names in one cell, however a roster separates them (、，,;；/|). */
export const aliasesOf = (text: string): string[] => text.split(/[、，,;；/|\n]/).map((a) => a.trim()).filter(Boolean);

/** The rows of a table (header first) as import rows or refusals; a row with nothing in it is left out. */
export function rowsOf(table: readonly (readonly string[])[]): ReadFile {
  const headerAt = table.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerAt < 0) return { rows: [], problem: '文件是空的。' };
  const { columns, missing } = mapHeaders(table[headerAt]);
  if (missing.length > 0) {
    return { rows: [], problem: `第 ${headerAt + 1} 行（表头）缺少列：${missing.map((c) => COLUMN_NAMES[c]).join('、')}。表头应包括 县、名称、类型，可有 代码、曾用名。` };
  }
  const rows: FileRow[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i];
    if (!cells.some((cell) => cell.trim() !== '')) continue;
    const cell = (c: Column) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
    const errors: FieldError[] = [];
    const countyText = cell('county');
    const countyCode = countyOf(countyText);
    if (!countyCode) errors.push({ path: 'countyCode', message: countyText ? `找不到县（市、区）“${countyText}”` : '未填写' });
    const type = typeOf(cell('type'));
    if (!type) errors.push({ path: 'type', message: cell('type') ? `“${cell('type')}”不是村或社区` : '未填写' });
    const name = cell('name');
    if (!name) errors.push({ path: 'name', message: '未填写' });
    if (errors.length > 0) {
      rows.push({ line: i + 1, name, errors });
      continue;
    }
    const code = cell('code');
    const aliases = aliasesOf(cell('aliases'));
    rows.push({ line: i + 1, row: { countyCode: countyCode!, name, type: type!, ...(code ? { code } : {}), ...(aliases.length ? { aliases } : {}) } });
  }
  return { rows };
}

/** The rows the page can send, in batches of at most `size` (the API's limit), each row with its row number in the file. */
export function batchesOf(rows: readonly FileRow[], size = MAX_IMPORT_ROWS): Batch[] {
  const sendable = rows.filter((r): r is Extract<FileRow, { row: ImportRow }> => 'row' in r);
  const batches: Batch[] = [];
  for (let i = 0; i < sendable.length; i += size) {
    const part = sendable.slice(i, i + size);
    batches.push({ rows: part.map((r) => r.row), lines: part.map((r) => r.line) });
  }
  return batches;
}

/** Is this an .xlsx (a zip: "PK\3\4")? */
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** A roster file's rows: an .xlsx through `unzip` (fflate's, loaded with the import page), anything else as CSV text. */
export function readRoster(bytes: Uint8Array, unzip: (bytes: Uint8Array) => Record<string, Uint8Array>): ReadFile {
  if (isZip(bytes)) {
    let table: string[][];
    try {
      table = xlsxRows(unzip(bytes));
    } catch {
      return { rows: [], problem: '无法读取该 Excel 文件：请另存为 .xlsx 或 CSV（UTF-8）后再选择。' };
    }
    return rowsOf(table);
  }
  return rowsOf(parseCsv(decodeText(bytes)));
}

/** A file's fingerprint (SHA-256, hex): the same file chosen again resumes its import. */
export async function fingerprintOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
