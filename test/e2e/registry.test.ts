import { mkdirSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { beijingDate } from '#schemas/time.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, signInAs, openFormsAs } from './support/browser.ts';

/**
 * The branch registry (支部名册) in a real browser against the real local stack: the forms' picker
 * working offline from the county's list kept on the device, the desk's import of a department's
 * spreadsheet (CSV and .xlsx, dry run, progress, resumed after the connection drops), the matching
 * of a typed-in branch, and the dashboard's coverage against the snapshot.
 */

let stack: TestApi;
let browser: Browser;
const HEAD = { id: 'm-630103-01', name: '李卫东', level: 'county', regionCode: '630103' };
const SUBMITTER = { role: 'submitter', region: '630103', ministerId: HEAD.id, sub: 'li' } as const;
const call = () => api(stack.url);
const SHOTS = '/tmp/h16web-shots';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-${page.viewportSize()?.width ?? 0}.png`, fullPage: true });
}

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  const put = await call()('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode });
  expect(put.status).toBeLessThan(300);
  const imported = await call()<{ created: number }>('POST', '/branches/import', {
    rows: [
      { countyCode: '630103', name: '城中区南川西路社区党委', type: 'community', code: 'E2E-001' },
      { countyCode: '630103', name: '城中区总寨村党支部', type: 'village', code: 'E2E-002', aliases: ['总寨镇总寨村支部'] },
      { countyCode: '630103', name: '城中区谢家寨村党支部', type: 'village', code: 'E2E-003' },
    ],
  });
  expect(imported.body?.created).toBe(3);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const queueEntry = (page: Page, state: string) => page.locator(`#queue li[data-state=${state}]`);

const openForms = (viewport = PHONE) => openFormsAs(browser, stack.url, SUBMITTER, viewport);

describe('the forms\' branch picker', () => {
  it('picks a registered branch from the list kept on the device while offline; the record waits and is sent as { id }', async () => {
    const { context, page } = await openForms();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    // Online once: the county's list is fetched and kept (the line says so once it has arrived).
    await page.locator('[data-path="branch.name"] .branch-status', { hasText: '在册党组织 3 个' }).waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.locator('form[data-kind=visit]').waitFor();
    // The list comes from the device: the page cannot reach the API.
    await page.locator('[data-path="branch.name"] .branch-status', { hasText: '在册党组织 3 个' }).waitFor();
    // A former name, typed with a full-width space and in another width: still found.
    const name = page.getByLabel('党组织名称');
    await name.fill('总寨镇　总寨村');
    const options = page.locator('[role=listbox] [role=option][data-branch]');
    await options.first().waitFor();
    await expect(options.allTextContents()).resolves.toEqual([expect.stringContaining('城中区总寨村党支部')]);
    await shot(page, 'picker-offline');
    await options.first().click();
    await expect(page.locator('.branch-picked').textContent()).resolves.toContain('城中区总寨村党支部');
    // The type comes from the registry: not asked.
    await expect(page.locator('[data-path="branch.type"]').isHidden()).resolves.toBe(true);
    await page.getByLabel('党员参加（人次）').fill('18');
    await page.getByLabel('召开座谈会（场）').fill('0');
    await page.getByLabel('党课').check();
    // The draft keeps the pick as { id }: reopened (still offline), the form shows the branch by name.
    await page.reload();
    await page.locator('#draft-restored').waitFor();
    await expect(page.locator('.branch-picked').textContent()).resolves.toContain('城中区总寨村党支部');
    await expect(page.getByLabel('党员参加（人次）').inputValue()).resolves.toBe('18');
    await shot(page, 'picker-picked');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'waiting').waitFor();
    const id = await queueEntry(page, 'waiting').getAttribute('data-id');
    // The outbox names the branch from the kept list, though only its id is sent.
    await expect(queueEntry(page, 'waiting').textContent()).resolves.toContain('城中区总寨村党支部');
    const kept = await page.evaluate((entryId) => (JSON.parse(localStorage.getItem('xjc.outbox@li')!) as { id: string; body: { branch: unknown } }[]).find((e) => e.id === entryId)!.body.branch, id);
    expect(Object.keys(kept as object)).toEqual(['id']);
    await expect(call()('GET', `/visits/${id}`).then((r) => r.status)).resolves.toBe(404);

    await context.setOffline(false);
    await page.locator(`#queue li[data-id="${id}"][data-state=sent]`).waitFor();
    const stored = await call()<Record<string, any>>('GET', `/visits/${id}`);
    const branch = (await call()<{ items: { id: string; name: string }[] }>('GET', '/branches?county=630103&q=总寨')).body!.items[0];
    expect(kept).toEqual({ id: branch.id });
    expect(stored.body?.branch).toEqual({ id: branch.id, name: '城中区总寨村党支部', type: 'village', countyCode: '630103' });
    await context.close();
  });

  it('picks each of a report\'s branches the same way: one registered, one typed in', async () => {
    const { context, page } = await openForms(PHONE);
    await page.getByRole('tab', { name: '调研报告' }).click();
    const form = page.locator('form[data-kind=report]');
    await form.waitFor();
    await form.getByLabel('报告标题').fill('城中区村级组织生活调研');
    const first = form.locator('[data-path="branches[0]"]');
    // By keyboard: down to the match, Enter.
    await first.getByLabel('党组织名称').fill('南川');
    await first.getByLabel('党组织名称').press('ArrowDown');
    await expect(first.getByLabel('党组织名称').getAttribute('aria-activedescendant')).resolves.toMatch(/-0$/);
    await first.getByLabel('党组织名称').press('Enter');
    await expect(first.locator('.branch-picked').textContent()).resolves.toContain('城中区南川西路社区党委');
    await form.getByRole('button', { name: '添加党组织' }).click();
    const second = form.locator('[data-path="branches[1]"]');
    await second.getByLabel('党组织名称').fill('城中区新华村党支部');
    await second.getByRole('option', { name: '名册中没有？手动填写' }).click();
    await second.getByLabel('村党支部').check();
    for (const label of ['彩头', '短腿', '良方']) await form.getByLabel(label, { exact: false }).first().fill(`${label}：组织生活记录完整`);
    await shot(page, 'picker-report');
    await page.getByRole('button', { name: '提交调研报告' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').getAttribute('data-id');
    const stored = await call()<Record<string, any>>('GET', `/reports/${id}`);
    expect(stored.body?.branches).toEqual([
      { id: expect.any(String), name: '城中区南川西路社区党委', type: 'community', countyCode: '630103' },
      { name: '城中区新华村党支部', type: 'village', countyCode: '630103' },
    ]);
    await context.close();
  });

  it('sends a branch not in the registry as typed ("名册中没有？手动填写")', async () => {
    const { context, page } = await openForms(DESKTOP);
    await page.getByLabel('党组织名称').fill('城中区新建村党支部');
    await page.getByRole('option', { name: '名册中没有？手动填写' }).click();
    await expect(page.getByLabel('村党支部').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.getByLabel('村党支部').check();
    await page.getByLabel('党员参加（人次）').fill('9');
    await page.getByLabel('召开座谈会（场）').fill('0');
    await page.getByLabel('党课').check();
    await shot(page, 'picker-typed');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').getAttribute('data-id');
    const stored = await call()<Record<string, any>>('GET', `/visits/${id}`);
    expect(stored.body?.branch).toEqual({ name: '城中区新建村党支部', type: 'village', countyCode: '630103' });
    await context.close();
  });
});

const ADMIN = { role: 'admin', region: '630000', sub: 'registry-admin' } as const;

async function openDesk(hash: string, viewport = DESKTOP, who: Parameters<typeof signInAs>[3] = ADMIN): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await signInAs(page, stack.url, `/desk.html${hash}`, who);
  return { context, page };
}

/** Every registered branch of a county, through the API. */
async function registered(county: string): Promise<{ id: string; name: string; type: string; code?: string; aliases: string[] }[]> {
  const items: { id: string; name: string; type: string; code?: string; aliases: string[] }[] = [];
  let cursor: string | null = null;
  do {
    const page: { body?: { items: typeof items; nextCursor: string | null } } = await call()('GET', `/branches?county=${county}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.body!.items);
    cursor = page.body!.nextCursor;
  } while (cursor);
  return items;
}

/** An .xlsx as a spreadsheet program writes one: the first sheet, its texts in the shared strings. */
function xlsxOf(rows: string[][]): Buffer {
  const shared: string[] = [];
  const col = (i: number) => String.fromCharCode(65 + i);
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => {
    shared.push(v);
    return `<c r="${col(c)}${r + 1}" t="s"><v>${shared.length - 1}</v></c>`;
  }).join('')}</row>`).join('')}</sheetData></worksheet>`;
  return Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(`<sst>${shared.map((t) => `<si><t>${escape(t)}</t></si>`).join('')}</sst>`),
  }));
}

const counts = async (page: Page, title: string) => page.locator(`[data-counts="${title}"] [data-count]`).evaluateAll((els) =>
  Object.fromEntries(els.map((el) => [el.getAttribute('data-count'), Number(el.textContent!.replace(/,/g, ''))])));

describe('支部名册导入 in the desk', () => {
  it('reads a CSV in the browser, shows the dry run with a rejected row and its reason, then imports it', async () => {
    const { context, page } = await openDesk('#/import', PHONE);
    await page.locator('#roster-file').waitFor();
    const csv = [
      '县（市、区）,名称,类型,代码,曾用名',
      '城西区,城西区虎台村党支部,村,E2E-101,',
      '630104,"城西区胜利路社区党委",社区,,胜利路社区党总支、胜利路党支部',
      '火星县,火星村党支部,村,,',
      '城西区,城西区海湖村党支部,村,,',
      '城西区,城西区 海湖村党支部,村,,',
      '城中区,城中区南川西路社区党委,社区,E2E-001,',
    ].join('\r\n');
    await page.setInputFiles('#roster-file', { name: '城西区名册.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
    await page.locator('[data-counts="预检结果（尚未写入）"]').waitFor();
    // Three new, one already registered (by its code), one row the page cannot read, one the API refuses (the same branch twice).
    expect(await counts(page, '预检结果（尚未写入）')).toEqual({ created: 3, updated: 0, unchanged: 1, rejected: 2 });
    const rejected = page.locator('table[data-rejected] tbody tr');
    await expect(rejected.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).resolves.toEqual(['4', '6']);
    await expect(rejected.nth(0).textContent()).resolves.toContain('找不到县（市、区）“火星县”');
    await expect(rejected.nth(1).locator('td').nth(2).textContent()).resolves.toMatch(/^名称：/);
    // A dry run writes nothing.
    expect((await registered('630104')).length).toBe(0);
    await shot(page, 'import-dry-run');

    // The button counts the rows the import will write (新增 + 修改); those unchanged and refused are said apart.
    const importButton = page.locator('[data-import-action] button');
    await expect(importButton.textContent()).resolves.toBe('导入 3 行');
    await expect(page.locator('#import-apart').textContent()).resolves.toBe('另有 1 行无变化，不会改动；2 行退回，不会导入。');
    await importButton.click();
    await page.locator('[data-counts="导入完成"]').waitFor();
    expect(await counts(page, '导入完成')).toEqual({ created: 3, updated: 0, unchanged: 1, rejected: 2 });
    await expect(page.locator('[data-progress]').count()).resolves.toBe(0);
    const stored = await registered('630104');
    expect(stored.map((b) => [b.name, b.type, b.code]).sort()).toEqual([
      ['城西区海湖村党支部', 'village', undefined], ['城西区胜利路社区党委', 'community', undefined], ['城西区虎台村党支部', 'village', 'E2E-101'],
    ].sort());
    expect(stored.find((b) => b.name === '城西区胜利路社区党委')?.aliases).toEqual(['胜利路社区党总支', '胜利路党支部']);
    await shot(page, 'import-done');
    await context.close();
  });

  it('imports an .xlsx in batches of 500 with a progress bar, and resumes after the connection drops mid-import', async () => {
    const rows = [['县', '名称', '类型', '代码'], ...Array.from({ length: 501 }, (_, i) => ['城北区', `城北区试验${String(i).padStart(3, '0')}村党支部`, i % 10 === 0 ? '社区' : '村', `E2E-X${i}`])];
    const { context, page } = await openDesk('#/import');
    await page.locator('#roster-file').waitFor();
    // The second batch of the import never reaches the API: the connection drops.
    let imports = 0;
    await page.route('**/branches/import', async (route) => {
      const dryRun = (route.request().postDataJSON() as { dryRun: boolean }).dryRun;
      if (!dryRun && ++imports === 2) return route.abort('internetdisconnected');
      return route.continue();
    });
    await page.setInputFiles('#roster-file', { name: '城北区名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsxOf(rows) });
    await page.locator('[data-counts="预检结果（尚未写入）"]').waitFor();
    expect(await counts(page, '预检结果（尚未写入）')).toEqual({ created: 501, updated: 0, unchanged: 0, rejected: 0 });
    await expect(page.locator('[data-read]').textContent()).resolves.toContain('共 2 批');
    await expect(page.locator('[data-import-action] button').textContent()).resolves.toBe('导入 501 行');
    await page.getByRole('button', { name: '导入 501 行' }).click();
    await page.locator('[data-stopped]').waitFor();
    await expect(page.locator('[data-progress]').getAttribute('data-progress')).resolves.toBe('1/2');
    await expect(page.locator('[data-stopped]').textContent()).resolves.toContain('继续导入');
    expect((await registered('630105')).length).toBe(500);
    await shot(page, 'import-stopped');

    // Reloaded (the connection back): the import is offered again from the device, without the file.
    await page.unroute('**/branches/import');
    await page.reload();
    await page.locator('[data-unfinished]').waitFor();
    await expect(page.locator('[data-unfinished]').textContent()).resolves.toContain('城北区名册.xlsx（已确认 1 / 2 批）');
    await page.locator('[data-unfinished]').getByRole('button', { name: '继续导入' }).click();
    await page.locator('[data-counts="导入完成"]').waitFor();
    expect(await counts(page, '导入完成')).toEqual({ created: 501, updated: 0, unchanged: 0, rejected: 0 });
    const stored = await registered('630105');
    expect(stored.length).toBe(501);
    expect(stored.filter((b) => b.type === 'community').length).toBe(51);
    await expect(page.locator('[data-unfinished]').count()).resolves.toBe(0);
    await context.close();
  });
});

describe('待匹配支部 in the desk', () => {
  it('matches a typed-in branch to a registered one by a correction, and shows the new version', async () => {
    const typed = await call()<{ id: string; version: number }>('POST', '/visits', {
      id: crypto.randomUUID(), ministerId: HEAD.id, date: beijingDate(), branch: { name: '谢家寨村支部', type: 'village', countyCode: '630103' },
      sessions: ['party_lecture'], symposiums: 0, participants: 12, suggestions: [],
    });
    expect(typed.status).toBe(201);
    const { context, page } = await openDesk('#/matching', DESKTOP, { role: 'staff', region: '630103', sub: 'chengzhong-staff' });
    const row = page.locator(`tr[data-record="${typed.body!.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: '匹配' }).click();
    const panel = page.locator('[data-match-panel]');
    await panel.getByLabel('在城中区支部名册中搜索').fill('谢家寨');
    const target = (await registered('630103')).find((b) => b.name === '城中区谢家寨村党支部')!;
    await shot(page, 'matching-panel');
    await panel.locator(`button[data-branch="${target.id}"]`).click();
    await row.locator('[data-matched]').waitFor();
    await expect(row.locator('[data-matched]').textContent()).resolves.toBe('已匹配：城中区谢家寨村党支部（第 2 版）');
    const stored = await call()<Record<string, any>>('GET', `/visits/${typed.body!.id}`);
    expect(stored.body?.branch).toEqual({ id: target.id, name: '城中区谢家寨村党支部', type: 'village', countyCode: '630103' });
    expect(stored.body?.version).toBe(2);
    await shot(page, 'matching-done');
    await page.setViewportSize(PHONE);
    await shot(page, 'matching-done');
    await context.close();
  });
});

describe('联系点 in the desk', () => {
  it('lists the heads whose contact branches are not all visited, with the ones still waiting', async () => {
    const branches = await registered('630103');
    const byName = (name: string) => branches.find((b) => b.name === name)!.id;
    const head = { id: 'm-630103-02', name: '赵敏', level: 'county', regionCode: '630103', contactBranches: [byName('城中区南川西路社区党委'), byName('城中区总寨村党支部')] };
    const { id, ...minister } = head;
    expect((await call()('PUT', `/ministers/${id}`, minister)).status).toBeLessThan(300);
    const visit = await call()('POST', '/visits', {
      id: crypto.randomUUID(), ministerId: head.id, date: beijingDate(), branch: { id: byName('城中区南川西路社区党委') },
      sessions: ['party_lecture'], symposiums: 1, participants: 20, suggestions: [],
    });
    expect(visit.status).toBe(201);
    const { context, page } = await openDesk('#/contacts', PHONE, { role: 'staff', region: '630103', sub: 'chengzhong-staff' });
    const row = page.locator(`tr[data-key="${head.id}"]`);
    await row.waitFor();
    const cells = await row.locator('td[data-column]').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-column'), td.getAttribute('data-text')])));
    expect(cells).toEqual({ name: '赵敏', region: '城中区', visited: '1', assigned: '2', waiting: '城中区总寨村党支部' });
    // The head without contact branches is not listed, only counted.
    await expect(page.locator(`tr[data-key="${HEAD.id}"]`).count()).resolves.toBe(0);
    await expect(page.locator('[data-summary]').textContent()).resolves.toMatch(/未分配联系点 1 人/);
    await shot(page, 'contacts');
    await context.close();
  });
});

describe('走访覆盖 on the dashboard', () => {
  it('shows each child region\'s coverage as the snapshot\'s totals.coverage, and lists the never-visited branches', async () => {
    const { rollupDeps } = await import('#functions/rollup-composition.ts');
    const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
    await runRollup(rollupDeps(), beijingDate());
    const summary = (await call()<{ totals: any; children: { region: { code: string }; totals: any }[] }>('GET', '/summary?region=630100')).body!;
    expect(summary.totals.coverage.village.visited).toBeGreaterThan(0);

    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html?region=630100', ADMIN);
    await page.locator('#coverage-table').waitFor();
    const shown = await page.locator('#coverage-table tr[data-region], #coverage-table tr[data-total]').evaluateAll((rows) => rows.map((r) => ({
      region: r.getAttribute('data-region') ?? r.getAttribute('data-total'),
      cells: Object.fromEntries([...r.querySelectorAll('[data-cov]')].map((c) => [c.getAttribute('data-cov'), c.textContent])),
    })));
    const expected = [...summary.children.map((c) => ({ region: c.region.code, coverage: c.totals.coverage })), { region: '630100', coverage: summary.totals.coverage }];
    expect(shown.map((r) => r.region)).toEqual(expected.map((r) => r.region));
    const rate = (v: number, r: number) => (r === 0 ? '—' : `${(Math.round((v / r) * 1000) / 10).toFixed(1)}%`);
    for (const [i, { coverage }] of expected.entries()) {
      const v = coverage.village;
      const c = coverage.community;
      expect(shown[i].cells).toEqual({
        'village-registered': v.registered.toLocaleString('zh-CN'), 'village-visited': String(v.visited), 'village-rate': rate(v.visited, v.registered),
        'community-registered': String(c.registered), 'community-visited': String(c.visited), 'community-rate': rate(c.visited, c.registered),
        'all-registered': String(v.registered + c.registered), 'all-visited': String(v.visited + c.visited), 'all-rate': rate(v.visited + c.visited, v.registered + c.registered),
      });
    }
    // 城中区's three branches are all visited today (one picked offline, one matched, one by its contact
    // head): the list follows the snapshot the table shows, so only 城西区's imported ones remain.
    await page.getByRole('button', { name: '列出从未走访的在册党组织' }).click();
    await page.locator('[data-never-visited]').waitFor();
    const api: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const got: { body?: { items: { id: string }[]; nextCursor: string | null } } = await call()('GET', `/branches?prefecture=630100&visited=false&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      api.push(...got.body!.items);
      cursor = got.body!.nextCursor;
    } while (cursor);
    await expect(page.locator('[data-never-visited]').getAttribute('data-never-visited')).resolves.toBe(String(api.length));
    const { village, community } = summary.totals.coverage;
    expect(api.length).toBe(village.registered - village.visited + community.registered - community.visited);
    const download = page.waitForEvent('download');
    await page.locator('#never-visited-csv').click();
    const file = await (await download).path();
    const text = (await import('node:fs')).readFileSync(file!, 'utf8');
    expect(text.startsWith('\uFEFF县（市、区）,党组织名称,类型,代码,曾用名')).toBe(true);
    expect(text.trim().split('\r\n').length).toBe(api.length + 1);
    expect(text).toContain('城西区,城西区虎台村党支部,村党支部,E2E-101,');
    expect(text).not.toContain('城中区南川西路社区党委');
    await page.locator('section[aria-labelledby=coverage-title]').screenshot({ path: `${SHOTS}/dashboard-coverage-1280.png` });
    await page.setViewportSize(PHONE);
    await page.locator('section[aria-labelledby=coverage-title]').screenshot({ path: `${SHOTS}/dashboard-coverage-360.png` });
    await context.close();
  });
});
