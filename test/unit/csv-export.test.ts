import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '#schemas/csv.ts';
import type { Region } from '#schemas/regions.ts';
import type { Totals } from '#schemas/summary.ts';
import { historyCsv, regionsCsv } from '#functions/rollup/csv.ts';
import { neverVisitedTable } from '#web/src/dashboard/never-visited-table.ts';
import { tableOf, toCsv, toSheet } from '#web/src/desk/table.ts';

/** Every CSV the system writes is safe to open in a spreadsheet (issue 21 §4); the .xlsx stays so. */

const HOSTILE = '=HYPERLINK("http://x","y")';
/** The lines of a CSV without its BOM, each split on the commas outside quotes (enough for these rows). */
const linesOf = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('a CSV cell', () => {
  it('puts a single quote before a text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+86 971 1234567')).toBe("'+86 971 1234567");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
  });

  it('quotes a neutralised text that also holds a quote or a comma, doubling its quotes', () => {
    expect(csvCell(HOSTILE)).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('leaves numbers as numbers (a negative one too) and other texts as they are', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12536)).toBe('12536');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell('周家泉村党支部')).toBe('周家泉村党支部');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('2026-11-20')).toBe('2026-11-20');
    expect(csvCell(undefined)).toBe('');
  });

  it('treats a text that reads like a negative number as text', () => {
    expect(csvCell('-3')).toBe("'-3");
  });

  it('makes a file with a BOM and CRLF lines', () => {
    expect(csvText([['a', 1], [HOSTILE, -1]])).toBe('\uFEFFa,1\r\n"\'=HYPERLINK(""http://x"",""y"")",-1\r\n');
  });
});

describe("the API's CSVs (summary and history)", () => {
  const region: Region = { code: '639999', name: '=cmd|/C calc!A0', level: 'county', parent: '630100' } as Region;
  const totals = {} as Totals;

  it('neutralise a region name that reads as a formula and keep figures as numbers', () => {
    const [header, row] = linesOf(regionsCsv('2026-11-20', [{ region, totals }]));
    expect(header.startsWith('截至日期,区划代码,区划名称,级别,')).toBe(true);
    expect(row.startsWith("2026-11-20,639999,'=cmd|/C calc!A0,县市区,0,")).toBe(true);
  });

  it('in the history too', () => {
    const [, row] = linesOf(historyCsv(region, [{ asOf: '2026-11-20', provisional: true, totals }]));
    expect(row.startsWith("2026-11-20,639999,'=cmd|/C calc!A0,是,0,")).toBe(true);
  });
});

describe("the pages' CSVs", () => {
  it("neutralise a desk list's text cells (a suggestion, a problem's responsible unit) and keep its numbers", () => {
    const table = tableOf<{ text: string; unit: string; n: number }>('问题整改台账', [
      { key: 'text', label: '意见建议', value: (r) => r.text },
      { key: 'unit', label: '责任单位', value: (r) => r.unit },
      { key: 'n', label: '人数', type: 'number', value: (r) => r.n },
    ], [{ text: '@SUM(1+1)*cmd|" /C calc"!A0', unit: '-2+3+cmd|" /C calc"!A0', n: -3 }]);
    expect(linesOf(toCsv(table))[1]).toBe('"\'@SUM(1+1)*cmd|"" /C calc""!A0","\'-2+3+cmd|"" /C calc""!A0",-3');
  });

  it('neutralise a never-visited branch named like a formula, and its former names', () => {
    const table = neverVisitedTable('城中区', [{ id: 'b-1', name: HOSTILE, type: 'village', countyCode: '630103', aliases: ['+1', '南川'] }]);
    expect(linesOf(toCsv(table))).toEqual(['县（市、区）,党组织名称,类型,代码,曾用名', `城中区,"'=HYPERLINK(""http://x"",""y"")",村党支部,,'+1、南川`]);
  });
});

describe('the .xlsx writer', () => {
  it('stores a text that reads as a formula as a text cell, not a formula', async () => {
    const table = tableOf<{ name: string; n: number }>('从未走访', [
      { key: 'name', label: '党组织名称', value: (r) => r.name },
      { key: 'n', label: '人数', type: 'number', value: (r) => r.n },
    ], [{ name: HOSTILE, n: -3 }]);
    const { data, ...options } = toSheet(table);
    const buffer = await writeXlsxFile(data, options).toBuffer();
    const sheetXml = strFromU8(unzipSync(new Uint8Array(buffer))['xl/worksheets/sheet1.xml']);
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const rows = await readSheet(buffer);
    expect(rows[1]).toEqual([HOSTILE, -3]);
  });
});
