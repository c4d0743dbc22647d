/**
 * How every CSV the system writes spells its cells, the API's (`?format=csv`) and the pages' (the
 * desk's lists, the never-visited list) alike. No zod here: the pages read it without a validator.
 *
 * A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula (and some read a
 * leading tab or carriage return the same way), so a branch named `=HYPERLINK(...)` would become a
 * link in the reader's Excel. Following OWASP's advice on CSV injection, a text cell beginning with
 * one of those characters is written with a single quote in front: the spreadsheet shows it as text.
 * A number stays a number: −3 is written `-3`, so a column of figures still adds up. Only values
 * that are numbers in the program count as numbers; a text that happens to read "-3" is text.
 */

/** The characters a spreadsheet may take as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The byte-order mark makes Excel read the file as UTF-8, so the Chinese names show. */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | undefined;

/** One cell: a number as is, a text neutralised against formulas, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(value: CsvValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: a BOM, then one CRLF-ended line per row. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
