import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { BULLETIN_FORMULA } from '#schemas/bulletin-columns.ts';
import type { Bulletin } from '#schemas/bulletin.ts';
import { docxBytes, type OfficialDocument } from '#web/src/desk/export/docx.ts';
import { bulletinDocument, bulletinTable, collectionDocument, dutyDocument } from '#web/src/desk/documents.ts';
import { toSheet } from '#web/src/desk/table.ts';
import type { Scorecard } from '#web/src/desk/heads.ts';
import { all, openDocx, type XmlElement } from '../support/ooxml.ts';

const ranks = (n: number) => ({ coverageRate: n, visits: n, sessions: n, late: n, overdueProblems: n, waitingSuggestions: n });
const BULLETIN: Bulletin = {
  month: '2026-11', region: { code: '630100', name: '西宁市', level: 'prefecture' }, provisional: true, asOf: '2026-11-30', formula: BULLETIN_FORMULA,
  rows: [
    { region: { code: '630102', name: '城东区', level: 'county' }, figures: { coverageRate: 0.125, visits: 1234, sessions: 37, late: 2, overdueProblems: 1, waitingSuggestions: 0 }, ranks: ranks(1), overallRank: 1 },
    { region: { code: '630103', name: '城中区', level: 'county' }, figures: { coverageRate: null, visits: 9, sessions: 4, late: 5, overdueProblems: 3, waitingSuggestions: 7 }, ranks: ranks(2), overallRank: 2 },
  ],
  heads: [
    { minister: { id: 'm-630102-01', name: '李明', level: 'county', regionCode: '630102' }, figures: { visits: 12, sessions: 30, late: 1 } },
    { minister: { id: 'm-630103-01', name: '王芳', level: 'county', regionCode: '630103' }, figures: null },
  ],
};

const attr = (node: XmlElement | undefined, name: string) => node?.attrs[name];
const runsWith = (doc: XmlElement, text: string) => all(doc, 'w:r').filter((r) => all(r, 'w:t').some((t) => t.children.join('').includes(text)));

/** The layout of GB/T 9704 every document of the desk keeps. */
function expectOfficialLayout(bytes: Uint8Array, title: string) {
  const { document, part, paths, paragraphs } = openDocx(bytes);
  const section = all(document, 'w:sectPr')[0];
  // A4 and the margins 37 / 35 / 28 / 26 mm, in twips.
  expect(all(section, 'w:pgSz')[0].attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
  expect(all(section, 'w:pgMar')[0].attrs).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' });
  // 22 lines a page: 28.95 pt a line, on the grid and in each body paragraph.
  expect(attr(all(section, 'w:docGrid')[0], 'w:linePitch')).toBe('579');
  // The title: 小标宋 二号 (22 pt = 44 half-points), centred.
  expect(paragraphs[0]).toBe(title);
  const [titleRun] = runsWith(document, title);
  expect(attr(all(titleRun, 'w:rFonts')[0], 'w:eastAsia')).toBe('方正小标宋简体');
  expect(attr(all(titleRun, 'w:sz')[0], 'w:val')).toBe('44');
  expect(attr(all(all(document, 'w:p')[0], 'w:jc')[0], 'w:val')).toBe('center');
  // The body: 仿宋_GB2312 三号 (16 pt), exact 28.95 pt lines.
  const bodyParagraph = all(document, 'w:p').find((p) => all(p, 'w:ind').some((i) => i.attrs['w:firstLine'] === '640') && all(p, 'w:rFonts').some((f) => f.attrs['w:eastAsia'] === '仿宋_GB2312'))!;
  expect(bodyParagraph).toBeDefined();
  expect(attr(all(bodyParagraph, 'w:sz')[0], 'w:val')).toBe('32');
  expect(all(bodyParagraph, 'w:spacing')[0].attrs).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
  // Page numbers "— n —" at the foot, right on odd pages and left on even ones.
  expect(all(part('word/settings.xml'), 'w:evenAndOddHeaders')).toHaveLength(1);
  const footers = paths.filter((p) => /^word\/footer\d+\.xml$/.test(p)).map((p) => part(p));
  expect(footers).toHaveLength(2);
  for (const footer of footers) {
    expect(all(footer, 'w:instrText').map((i) => i.children.join('')).join('')).toMatch(/PAGE/);
    expect(all(footer, 'w:t').map((t) => t.children.join('')).join('')).toBe('—  —');
    expect(attr(all(footer, 'w:sz')[0], 'w:val')).toBe('28');
  }
  expect(footers.map((f) => attr(all(f, 'w:jc')[0], 'w:val')).sort()).toEqual(['left', 'right']);
}

describe('the desk\'s .docx files (GB/T 9704)', () => {
  it('writes the 通报 as an official document holding every figure and rank, the formula and 暂定', async () => {
    const doc = bulletinDocument(BULLETIN);
    const bytes = await docxBytes(doc);
    expectOfficialLayout(bytes, '2026年11月西宁市下基层走访工作通报');
    const { paragraphs, tables } = openDocx(bytes);
    expect(paragraphs[1]).toBe('（暂定） 数据截至 2026-11-30');
    expect(tables).toHaveLength(2);
    const cells = all(tables[0], 'w:tr').map((tr) => all(tr, 'w:tc').map((tc) => all(tc, 'w:t').map((t) => t.children.join('')).join('')));
    expect(cells[0]).toEqual(['综合排名', '地区', '走访覆盖率', '走访（次）', '参加组织生活（次）', '逾期报送（条）', '逾期未整改问题（个）', '超30天未答复意见建议（条）']);
    expect(cells[1]).toEqual(['1', '城东区', '12.5%（1）', '1,234（1）', '37（1）', '2（1）', '1（1）', '0（1）']);
    expect(cells[2]).toEqual(['2', '城中区', '—（2）', '9（2）', '4（2）', '5（2）', '3（2）', '7（2）']);
    expect(paragraphs).toContain(BULLETIN_FORMULA);
    // The heads by their own figures, "—" for a head not carded yet.
    const heads = all(tables[1], 'w:tr').map((tr) => all(tr, 'w:tc').map((tc) => all(tc, 'w:t').map((t) => t.children.join('')).join('')));
    expect(heads).toEqual([['组织部长', '地区', '走访（次）', '参加组织生活（次）', '逾期报送（条）'], ['李明', '城东区', '12', '30', '1'], ['王芳', '城中区', '—', '—', '—']]);
    // The table is in the body's width (156 mm), its header row repeated on each page.
    expect(all(tables[0], 'w:tblW')[0].attrs['w:w']).toBe(String(11906 - 1587 - 1474));
    expect(all(all(tables[0], 'w:tr')[0], 'w:tblHeader')).toHaveLength(1);
  });

  it('writes a final 通报 without 暂定', async () => {
    const { paragraphs } = openDocx(await docxBytes(bulletinDocument({ ...BULLETIN, provisional: false })));
    expect(paragraphs[1]).toBe('数据截至 2026-11-30');
    expect(paragraphs.join('')).not.toMatch(/暂定/);
  });

  it('writes a head\'s 述职 and the 调研报告集 in the same layout', async () => {
    const card = {
      minister: { id: 'm-1', name: '张三', level: 'county', regionCode: '630102' }, year: 2026, asOf: '2026-11-30',
      contactBranches: { assigned: 2, visited: 1, branches: [{ id: 'b1', name: '东关村党支部', countyCode: '630102', visited: true }, { id: 'b2', name: '西关村党支部', countyCode: '630102', visited: false }] },
      visits: { count: 12, sessions: 30 },
    } as unknown as Scorecard;
    const duty = await docxBytes(dutyDocument(card));
    expectOfficialLayout(duty, '张三2026年度述职');
    const dutyText = openDocx(duty).paragraphs.join('\n');
    expect(dutyText).toMatch(/联系点共 2 个，已走访 1 个：东关村党支部（已走访）、西关村党支部（未走访）/);
    expect(openDocx(duty).tables.length).toBeGreaterThan(3);

    const collection: OfficialDocument = collectionDocument({
      name: '调研报告集', region: '城东区', period: '2026-01-01 至 2026-11-30', made: '2026-12-01',
      reports: [{ title: '关于牧区党建的调研', date: '2026-10-12', minister: '张三', branches: '东关村党支部（城东区）', parts: [{ label: '彩头', text: '组织生活规范' }, { label: '短腿', text: '阵地不足' }] }],
    });
    const bytes = await docxBytes(collection);
    expectOfficialLayout(bytes, '调研报告集');
    expect(openDocx(bytes).paragraphs).toEqual(expect.arrayContaining(['1. 关于牧区党建的调研', '彩头', '组织生活规范', '阵地不足']));
  });

  it('downloads the 通报 as an .xlsx with each figure and its rank as numbers', async () => {
    const { data, ...options } = toSheet(bulletinTable(BULLETIN));
    const rows = await readSheet(await writeXlsxFile(data, options).toBuffer());
    expect(rows[0].slice(0, 4)).toEqual(['综合排名', '地区', '走访覆盖率（%）', '走访覆盖率排名']);
    expect(rows[1]).toEqual([1, '城东区', 12.5, 1, 1234, 1, 37, 1, 2, 1, 1, 1, 0, 1]);
    expect(rows[2].slice(0, 4)).toEqual([2, '城中区', null, 2]);
  });
});
