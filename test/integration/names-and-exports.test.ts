import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeverVisited } from '#web/src/dashboard/coverage-rows.ts';
import { neverVisitedTable } from '#web/src/dashboard/never-visited-table.ts';
import { toCsv } from '#web/src/desk/table.ts';
import { type TestApi, api, EN, ifMatch, startTestApi } from './support/local-stack.ts';

/**
 * Issue 21 §4 and §6 through the real handlers and DynamoDB Local: a branch named like a formula
 * comes out of the never-visited list's CSV neutralised, and names carrying invisible format
 * characters (U+202E, U+200B, U+FEFF) are refused field by field, so nothing can be registered, imported
 * or renamed to look like another branch.
 */

let stack: TestApi;
let admin: ReturnType<typeof api>;
type Problem = { status: number; errors: { path: string; message: string }[] };
type ImportResult = { created: number; updated: number; rejected: { index: number; errors: { path: string; message: string }[] }[] };
type Branch = { name: string; version: number; aliases: string[] };

const FORMAT_ZH = '含有不可见的格式字符（如零宽空格、文字方向控制符），请删除后重新输入';
const COUNTY = '630105'; // 城北区: no other test of this file's table registers there

beforeAll(async () => {
  stack = await startTestApi();
  admin = api(stack.url);
});
afterAll(async () => stack?.close());

describe('the never-visited list downloaded as CSV', () => {
  it('writes a branch named =HYPERLINK("http://x","y") as text, not a formula', async () => {
    const hostile = '=HYPERLINK("http://x","y")';
    expect((await admin('PUT', '/branches/formula-1', { name: hostile, type: 'village', countyCode: COUNTY, aliases: ['@SUM(1)'] })).status).toBe(201);
    const page = await admin<{ items: NeverVisited[] }>('GET', `/branches?county=${COUNTY}&visited=false`);
    expect(page.body!.items.map((b) => b.name)).toEqual([hostile]);
    const lines = toCsv(neverVisitedTable('城北区', page.body!.items)).split('\r\n');
    expect(lines[1]).toBe(`城北区,"'=HYPERLINK(""http://x"",""y"")",村党支部,,'@SUM(1)`);
  });
});

describe('names with invisible format characters', () => {
  it('are refused when a branch is registered, naming the field (U+202E in the name, U+200B and U+FEFF in former names)', async () => {
    const reversed = await admin<Problem>('PUT', '/branches/lookalike', { name: '\u202E部支党村关东', type: 'village', countyCode: COUNTY, aliases: ['东关\u200B大队', '东关\uFEFF村'] });
    expect(reversed.status).toBe(422);
    expect(reversed.body!.errors).toEqual([
      { path: 'name', message: FORMAT_ZH },
      { path: 'aliases[0]', message: FORMAT_ZH },
      { path: 'aliases[1]', message: FORMAT_ZH },
    ]);
    const english = await admin<Problem>('PUT', '/branches/lookalike', { name: '\u202E部支党村关东', type: 'village', countyCode: COUNTY }, EN);
    expect(english.body!.errors).toEqual([{ path: 'name', message: expect.stringContaining('invisible format characters') }]);
    expect((await admin('GET', '/branches/lookalike')).status).toBe(404);
  });

  it('cannot rename a registered branch to a look-alike of itself', async () => {
    expect((await admin('PUT', '/branches/dongguan-n', { name: '东关村党支部', type: 'village', countyCode: COUNTY })).status).toBe(201);
    const renamed = await admin<Problem>('PUT', '/branches/dongguan-n', { name: '东关\u200B村党支部', type: 'village', countyCode: COUNTY }, ifMatch(1));
    expect(renamed.status).toBe(422);
    expect(renamed.body!.errors).toEqual([{ path: 'name', message: FORMAT_ZH }]);
    const kept = await admin<Branch>('GET', '/branches/dongguan-n');
    expect(kept.body).toMatchObject({ name: '东关村党支部', version: 1 });
  });

  it('reject the row of an import that carries them, and write nothing for it', async () => {
    const rows = [
      { countyCode: COUNTY, name: '东关\u200B村党支部', type: 'village' },
      { countyCode: COUNTY, name: '\u202E部支党村关西', type: 'village' },
      { countyCode: COUNTY, name: '西关村党支部', type: 'village', aliases: ['西关\uFEFF大队'] },
      { countyCode: COUNTY, name: '南关村党支部', type: 'village' },
    ];
    const result = await admin<ImportResult>('POST', '/branches/import', { rows });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ created: 1, updated: 0 });
    expect(result.body!.rejected).toEqual([
      { index: 0, errors: [{ path: 'name', message: FORMAT_ZH }] },
      { index: 1, errors: [{ path: 'name', message: FORMAT_ZH }] },
      { index: 2, errors: [{ path: 'aliases[0]', message: FORMAT_ZH }] },
    ]);
    expect((await admin<Branch>('GET', '/branches/dongguan-n')).body).toMatchObject({ name: '东关村党支部', version: 1 });
  });

  it('are refused in a head\'s name', async () => {
    const head = await admin<Problem>('PUT', '/ministers/m-630105-zw', { name: '王\u200B建国', level: 'county', regionCode: COUNTY });
    expect(head.status).toBe(422);
    expect(head.body!.errors).toEqual([{ path: 'name', message: FORMAT_ZH }]);
  });
});
