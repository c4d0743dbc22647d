import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { reportKind } from '#schemas/kinds/report.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import {
  aliasesOf, batchesOf, countyOf, decodeText, fingerprintOf, mapHeaders, parseCsv, readRoster, rowsOf, typeOf, xlsxRows,
} from '#web/src/desk/registry/file.ts';
import { progressStore, remaining, resultOf, totalOf } from '#web/src/desk/registry/progress.ts';
import { matchPatch, unmatchedOf } from '#web/src/desk/registry/matching.ts';
import { contactRows } from '#web/src/desk/registry/contacts.ts';
import { exactMatch, fetchCounty, findKept, isStale, readCounty, searchBranches } from '#web/src/forms/branch-registry.ts';
import { coverageRows, rateText } from '#web/src/dashboard/coverage-rows.ts';
import { patchOf } from '#web/src/desk/patch.ts';
import { findRegion } from '#schemas/regions.ts';

/** A Storage in memory (localStorage's shape), for the modules that keep things on the device. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
    clear: () => map.clear(),
  };
}

/** A minimal .xlsx as a spreadsheet program writes one: shared strings (one rich text), an inline string, a number. */
function xlsxOf(rows: (string | number)[][]): Uint8Array {
  const shared: string[] = [];
  const cellXml = (v: string | number, ref: string) => {
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (v.startsWith('inline:')) return `<c r="${ref}" t="inlineStr"><is><t>${v.slice(7)}</t></is></c>`;
    shared.push(v);
    return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
  };
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>${rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(typeof v === 'string' ? escape(v) : v, `${String.fromCharCode(65 + c)}${r + 1}`)).join('')}</row>`).join('')}</sheetData></worksheet>`;
  // The first shared string in two runs (rich text), as Excel writes a partly bold cell.
  const si = shared.map((s, i) => (i === 0 && s.length > 1 ? `<si><r><t>${s.slice(0, 1)}</t></r><r><rPr><b/></rPr><t>${s.slice(1)}</t></r></si>` : `<si><t>${s}</t></si>`));
  return zipSync({
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(`<sst>${si.join('')}</sst>`),
  });
}

describe('reading a roster file', () => {
  it('parses CSV with quotes, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const text = decodeText(strToU8('\uFEFF县,名称,类型\r\n城东区,"周家泉村""一""党支部",村\r\n城东区,"多行\n名称",社区\r\n'));
    expect(parseCsv(text)).toEqual([['县', '名称', '类型'], ['城东区', '周家泉村"一"党支部', '村'], ['城东区', '多行\n名称', '社区']]);
  });

  it('reads GB18030 when the bytes are not UTF-8 (Excel on a Chinese Windows)', () => {
    // "县,名称" in GB18030 (GBK): 县 = CF D8, 名 = C3 FB, 称 = B3 C6.
    const bytes = new Uint8Array([0xcf, 0xd8, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6]);
    expect(decodeText(bytes)).toBe('县,名称');
  });

  it('maps Chinese headers (and the API\'s names) to columns; names the missing required ones', () => {
    expect(mapHeaders(['县（市、区）', '党组织名称', '类型', '组织代码', '曾用名']).columns).toEqual({ county: 0, name: 1, type: 2, code: 3, aliases: 4 });
    expect(mapHeaders(['countyCode', 'name', 'type', 'code', 'aliases']).columns).toEqual({ county: 0, name: 1, type: 2, code: 3, aliases: 4 });
    expect(mapHeaders(['名称', '代码']).missing).toEqual(['county', 'type']);
    expect(rowsOf([['名称', '代码'], ['甲村', 'X']]).problem).toMatch(/缺少列：县、类型/);
  });

  it('finds a county by code (a pre-2020 one too) or by name, full or short; types in Chinese or English', () => {
    expect(countyOf('630102')).toBe('630102');
    expect(countyOf('630122')).toBe('630106');
    expect(countyOf('城东区')).toBe('630102');
    expect(countyOf('大通回族土族自治县')).toBe('630121');
    expect(countyOf('大通县')).toBe('630121');
    expect(countyOf('西宁市')).toBeUndefined();
    expect(countyOf('630100')).toBeUndefined();
    expect(countyOf('不存在县')).toBeUndefined();
    expect([typeOf('村'), typeOf('社区'), typeOf('village'), typeOf('Community'), typeOf('社区党委'), typeOf('镇')]).toEqual(['village', 'community', 'village', 'community', 'community', undefined]);
    expect(aliasesOf('甲村、乙村，丙村;丁村')).toEqual(['甲村', '乙村', '丙村', '丁村']);
  });

  it('turns rows into import rows or refusals by row number, skipping blank rows', () => {
    const read = rowsOf([
      ['县', '名称', '类型', '代码', '曾用名'],
      ['城东区', ' 周家泉村党支部 ', '村', 'C-1', '周家泉支部'],
      ['', '', '', '', ''],
      ['火星县', '某村', '村', '', ''],
      ['630102', '东关社区党委', '街道', '', ''],
      ['630102', '', '社区', '', ''],
    ]);
    expect(read.rows).toEqual([
      { line: 2, row: { countyCode: '630102', name: '周家泉村党支部', type: 'village', code: 'C-1', aliases: ['周家泉支部'] } },
      { line: 4, name: '某村', errors: [{ path: 'countyCode', message: '找不到县（市、区）“火星县”' }] },
      { line: 5, name: '东关社区党委', errors: [{ path: 'type', message: '“街道”不是村或社区' }] },
      { line: 6, name: '', errors: [{ path: 'name', message: '未填写' }] },
    ]);
  });

  it('reads the first sheet of an .xlsx: shared strings (rich text too), inline strings, numbers, gaps kept as row numbers', () => {
    const bytes = xlsxOf([['县', '名称', '类型', '代码'], [630102, '周家泉村党支部', '村', 'inline:C&1'], [], ['城中区', '南川社区党委', '社区', 17]]);
    const table = xlsxRows(unzipSync(bytes));
    expect(table).toEqual([['县', '名称', '类型', '代码'], ['630102', '周家泉村党支部', '村', 'C&1'], [], ['城中区', '南川社区党委', '社区', '17']]);
    const read = readRoster(bytes, unzipSync);
    expect(read.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(read.rows[1]).toEqual({ line: 4, row: { countyCode: '630103', name: '南川社区党委', type: 'community', code: '17' } });
  });

  it('says so when an .xlsx cannot be read, and reads a CSV file the same as its text', () => {
    expect(readRoster(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]), unzipSync).problem).toMatch(/无法读取/);
    expect(readRoster(strToU8('县,名称,类型\n城东区,甲村党支部,村\n'), unzipSync).rows).toEqual([{ line: 2, row: { countyCode: '630102', name: '甲村党支部', type: 'village' } }]);
  });

  it('batches the sendable rows by at most 500, each with its row number in the file', () => {
    const rows = Array.from({ length: 1203 }, (_, i) => (i === 7 ? { line: i + 2, name: 'x', errors: [] } : { line: i + 2, row: { countyCode: '630102', name: `村${i}`, type: 'village' as const } }));
    const batches = batchesOf(rows);
    expect(batches.map((b) => b.rows.length)).toEqual([500, 500, 202]);
    expect(batches[0].lines[7]).toBe(10); // row 9 (index 7) could not be read: the next one takes its place
    expect(batches[2].lines.at(-1)).toBe(1204);
    expect(batchesOf(rows, 1000).length).toBe(2);
  });

  it('fingerprints a file by its bytes', async () => {
    const a = await fingerprintOf(strToU8('县,名称,类型\n'));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintOf(strToU8('县,名称,类型\n'))).toBe(a);
    expect(await fingerprintOf(strToU8('县,名称,类型\r\n'))).not.toBe(a);
  });
});

describe('an import under way', () => {
  const batch = { rows: [{ countyCode: '630102', name: '甲', type: 'village' as const }, { countyCode: '630102', name: '乙', type: 'village' as const }], lines: [2, 5] };

  it('names rejected rows by their row in the file and adds batches up', () => {
    const r1 = resultOf(batch, { created: 1, updated: 0, unchanged: 0, rejected: [{ index: 1, errors: [{ path: 'name', message: '重复' }] }] });
    expect(r1.rejected).toEqual([{ line: 5, errors: [{ path: 'name', message: '重复' }] }]);
    const r2 = resultOf({ ...batch, lines: [3, 4] }, { created: 0, updated: 1, unchanged: 1, rejected: [{ index: 0, errors: [] }] });
    expect(totalOf([r1, r2])).toEqual({ created: 1, updated: 1, unchanged: 1, rejected: [{ line: 3, errors: [] }, { line: 5, errors: [{ path: 'name', message: '重复' }] }] });
  });

  it('is kept on the device by file, with the batches still to send; finished ones are not offered again', () => {
    const store = progressStore(memoryStorage());
    const progress = { fingerprint: 'abc', fileName: '名册.csv', batches: [batch, batch, batch], done: { 0: totalOf([]) }, startedAt: '2026-12-01T00:00:00Z' };
    expect(store.write(progress)).toBe(true);
    expect(remaining(store.read('abc')!)).toEqual([1, 2]);
    expect(store.unfinished().map((p) => p.fileName)).toEqual(['名册.csv']);
    store.write({ ...progress, done: { 0: totalOf([]), 1: totalOf([]), 2: totalOf([]) } });
    expect(store.unfinished()).toEqual([]);
  });
});

describe('the county list kept for the branch picker', () => {
  const items = [
    { id: 'b1', name: '城东区周家泉村党支部', type: 'village' as const },
    { id: 'b2', name: '城东区韵家口村党支部', type: 'village' as const, aliases: ['韵家口镇韵家口村支部'] },
    { id: 'b3', name: '泉湾社区党委', type: 'community' as const },
  ];

  it('finds branches by name or former name, spacing, width and case set aside, beginnings first', () => {
    expect(searchBranches(items, '韵家口　镇').map((b) => b.id)).toEqual(['b2']);
    expect(searchBranches(items, '泉').map((b) => b.id)).toEqual(['b3', 'b1']);
    expect(searchBranches(items, '').length).toBe(3);
    expect(searchBranches(items, '无此').length).toBe(0);
    expect(exactMatch(items, ' 泉湾社区党委 ')?.id).toBe('b3');
    expect(exactMatch(items, '泉湾')).toBeUndefined();
  });

  it('fetches every page of a county with limit 500, keeps it with the time, and finds a branch by id in any county kept', async () => {
    const store = memoryStorage();
    const asked: string[] = [];
    const pages = [{ items: items.slice(0, 2), nextCursor: 'next' }, { items: items.slice(2), nextCursor: null }];
    const list = await fetchCounty('630102', async (q) => { asked.push(q.toString()); return pages[asked.length - 1]; }, store, new Date('2026-12-01T00:00:00Z'));
    expect(asked).toEqual(['county=630102&status=active&limit=500', 'county=630102&status=active&limit=500&cursor=next']);
    expect(list.items.map((b) => b.id)).toEqual(['b1', 'b2', 'b3']);
    expect(readCounty('630102', store)).toEqual(list);
    expect(findKept('b3', store)).toEqual({ ...items[2], county: '630102' });
    expect(isStale(list, new Date('2026-12-01T05:00:00Z'))).toBe(false);
    expect(isStale(list, new Date('2026-12-01T07:00:00Z'))).toBe(true);
    expect(isStale(undefined)).toBe(true);
  });
});

describe('matching typed-in branches', () => {
  // What every answered record carries (FormRecord), beside the kind's own fields.
  const answered = { status: 'submitted', review: { state: 'received' as const }, createdAt: '2026-11-01T02:00:00Z', updatedAt: '2026-11-01T02:00:00Z' };
  const visit = { ...answered, id: 'v1', version: 3, ministerId: 'm', date: '2026-11-01', branch: { name: '新村', type: 'village', countyCode: '630102' } };
  const report = {
    ...answered, id: 'r1', version: 1, ministerId: 'm', date: '2026-11-02',
    branches: [{ id: 'b1', name: '甲', type: 'village', countyCode: '630102' }, { name: '乙', type: 'community', countyCode: '630102' }],
  };

  it('lists each branch stored without a registry id, not withdrawn records', () => {
    expect(unmatchedOf(visitKind, visit).map((u) => [u.field, u.index, u.branch.name, u.date])).toEqual([['branch', undefined, '新村', '2026-11-01']]);
    expect(unmatchedOf(visitKind, { ...visit, branch: { ...visit.branch, id: 'b9' } })).toEqual([]);
    expect(unmatchedOf(visitKind, { ...visit, status: 'withdrawn' })).toEqual([]);
    expect(unmatchedOf(reportKind, report).map((u) => [u.field, u.index])).toEqual([['branches', 1]]);
  });

  it('corrects a branch to { id }; a report keeps its other branches (registered ones by id)', () => {
    expect(matchPatch({ record: visit, field: 'branch' }, 'b7')).toEqual({ branch: { id: 'b7' } });
    expect(matchPatch({ record: report, field: 'branches', index: 1 }, 'b7')).toEqual({ branches: [{ id: 'b1' }, { id: 'b7' }] });
    expect(reportKind.form.schemas.patch.safeParse(matchPatch({ record: report, field: 'branches', index: 1 }, 'b7')).success).toBe(true);
  });

  it('a desk correction of another field leaves a registered branch alone; matching one is a change of branch', () => {
    const stored = { ...visit, branch: { id: 'b1', name: '甲', type: 'village', countyCode: '630102' } };
    expect(patchOf(visitKind.form, stored, { ...stored, branch: { id: 'b1' }, participants: 3 }).patch).toEqual({ participants: 3 });
    expect(patchOf(visitKind.form, visit, { ...visit, branch: { id: 'b1' } }).patch).toEqual({ branch: { id: 'b1' } });
  });
});

describe('contact branches and coverage', () => {
  it('lists heads with contact branches not visited, fewest visited first', () => {
    const card = (id: string, name: string, branches: [string, boolean][]) => ({
      minister: { id, name, level: 'county', regionCode: '630102' },
      contactBranches: { assigned: branches.length, visited: branches.filter(([, v]) => v).length, branches: branches.map(([n, visited]) => ({ id: n, name: n, countyCode: '630102', visited })) },
    });
    const { waiting, covered, without } = contactRows([card('a', '甲', [['x', true], ['y', false]]), card('b', '乙', [['z', false]]), card('c', '丙', [['w', true]]), card('d', '丁', [])]);
    expect(waiting.map((r) => [r.id, r.visited, r.assigned, r.waiting])).toEqual([['b', 0, 1, ['z']], ['a', 1, 2, ['y']]]);
    expect([covered, without]).toEqual([1, 1]);
  });

  it('gives each child and the region registered / visited / rate by type and together', () => {
    const totals = (v: [number, number], c: [number, number]) => ({ coverage: { village: { registered: v[0], visited: v[1] }, community: { registered: c[0], visited: c[1] } } });
    const summary = {
      region: findRegion('630100')!, totals: totals([30, 3], [10, 0]),
      children: [{ region: findRegion('630102')!, totals: totals([20, 3], [10, 0]) }, { region: findRegion('630103')!, totals: totals([10, 0], [0, 0]) }],
    } as never;
    const rows = coverageRows(summary);
    expect(rows.map((r) => [r.region.code, r.village.registered, r.village.visited, rateText(r.village), rateText(r.community), rateText(r.all), !!r.total])).toEqual([
      ['630102', 20, 3, '15.0%', '0.0%', '10.0%', false],
      ['630103', 10, 0, '0.0%', '—', '0.0%', false],
      ['630100', 30, 3, '10.0%', '0.0%', '7.5%', true],
    ]);
  });
});
