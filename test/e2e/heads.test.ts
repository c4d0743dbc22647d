import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { lineHeader, SCORE_LINES, type Scorecard, scoreAt } from '#web/src/desk/heads.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, startTestApi, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, type Person, signInAs, openDeskAs } from './support/browser.ts';
import { pdfText } from './support/pdf-text.ts';

/**
 * The heads' own pages on the desk, in a real browser against the real local stack: a head's own
 * records (我的填报) with the staff's comments, corrected back into review; their 述职 report equal to
 * the API's scorecard, on screen and in the PDF the browser prints; 总结讲评 for staff; the research-
 * report collection holding each report of the period once; the ministers roster, where an admin
 * adds a head who can then report, and staff read only.
 */

let stack: TestApi;
let browser: Browser;
const call = () => api(stack.url);
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-71', name: '赵明远', level: 'county', regionCode: '630102' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'zhao' };
const COLLECTION_HEAD = { id: 'm-630103-71', name: '钱志强', level: 'county', regionCode: '630103' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
const ADMIN: Person = { role: 'admin', region: '630000', sub: 'province-admin' };
/** The records' date: two days ago, and the year it falls in. */
const DAY = daysAgo(2);
const YEAR = DAY.slice(0, 4);

/** Where screenshots go: test/e2e/screenshots (ignored by git), or `SCREENSHOTS_DIR`. */
const SHOTS = process.env.SCREENSHOTS_DIR ?? fileURLToPath(new URL('./screenshots/', import.meta.url));

async function create(kind: keyof typeof SAMPLES, head: { id: string; regionCode: string }, over: Rec = {}, date = DAY): Promise<Rec> {
  const path = { visit: 'visits', problem: 'problems', report: 'reports', training: 'trainings', mechanism: 'mechanisms', model: 'models', inspection: 'inspections' }[kind];
  const body = { ...SAMPLES[kind].valid({ ministerId: head.id, countyCode: head.regionCode, date }), ...over };
  const created = await call()<Rec>('POST', `/${path}`, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body!;
}

const get = async (path: string) => (await call()<Rec>('GET', path)).body!;

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  for (const head of [HEAD, COLLECTION_HEAD]) {
    const put = await call()('PUT', `/ministers/${head.id}`, { name: head.name, level: head.level, regionCode: head.regionCode });
    expect(put.status).toBeLessThan(300);
  }
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const openDesk = (who: Person, hash = '#/', viewport = PHONE) => openDeskAs(browser, stack.url, who, hash, viewport);

/** Screenshots at a phone's width and a desktop's, after checking nothing overflows the width. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    // Nothing runs off the side of the screen (a wide table scrolls inside its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

const shown = (locator: Locator) => expect.poll(() => locator.evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return copy.textContent;
}), { timeout: 15_000 });

const row = (page: Page, id: string) => page.locator(`table.list tr[data-key="${id}"]`);

describe('我的填报', () => {
  it('a head lands on their own records, reads the staff comments, corrects a flagged and a returned one and finds both back in review', async () => {
    const flagged = await create('visit', HEAD, { participants: 30 });
    const returned = await create('visit', HEAD);
    const fine = await create('report', HEAD);
    const review = (path: string, id: string, state: string, comment?: string) => call()('PATCH', `/${path}/${id}/review`, { state, comment }, ifMatch(1));
    expect((await review('visits', flagged.id, 'has_issues', '参加人数与签到表不符，请核实')).status).toBe(200);
    expect((await review('visits', returned.id, 'rejected', '与另一条走访重复')).status).toBe(200);
    expect((await review('reports', fine.id, 'approved')).status).toBe(200);

    const { context, page, errors } = await openDesk(HEAD_SELF, '#/', PHONE);
    // Their first view is 我的填报, at its own address.
    await page.locator('[data-view="mine"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/mine');
    await shown(page.locator('[data-review-count="rejected"] .count')).toBe('1');
    await shown(page.locator('[data-review-count="has_issues"] .count')).toBe('1');
    await shown(page.locator('[data-review-count="approved"] .count')).toBe('1');
    await row(page, fine.id).waitFor();
    // Returned and flagged first, each with its comment; every kind listed.
    const keys = await page.$$eval('table.list tbody tr[data-key]', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(keys.slice(0, 2)).toEqual([returned.id, flagged.id]);
    expect(keys).toContain(fine.id);
    await shown(row(page, returned.id).locator('td[data-column="comment"]')).toBe('与另一条走访重复');
    await shown(row(page, flagged.id).locator('td[data-column="comment"]')).toBe('参加人数与签到表不符，请核实');
    await shown(row(page, flagged.id).locator('td[data-column="review"]')).toBe('有问题');
    await shoot(page, 'mine');

    // Open the flagged one, correct it: it goes back to review, and its history says so.
    await row(page, flagged.id).getByRole('link').click();
    await shown(page.locator('[data-review-comment]')).toBe('参加人数与签到表不符，请核实');
    await page.locator('.record-parts').getByRole('link', { name: '修改', exact: true }).click();
    const form = page.locator('[data-correct-form] form[data-kind=visit]');
    await form.waitFor();
    await form.getByLabel('党员参加（人次）').fill('33');
    await form.getByRole('button', { name: '提交修改' }).click();
    await page.locator('[data-review-state="received"]').waitFor();
    expect(await get(`/visits/${flagged.id}`)).toMatchObject({ version: 3, participants: 33, review: { state: 'received' } });
    await page.locator('.record-parts').getByRole('link', { name: '修改记录' }).click();
    await page.locator('[data-trail] li[data-version="3"]').waitFor();
    await page.getByRole('link', { name: '← 返回列表' }).click();
    await shown(row(page, flagged.id).locator('td[data-column="review"]')).toBe('待审核');
    await shown(page.locator('[data-review-count="has_issues"] .count')).toBe('0');

    // The returned one too: the form says a correction sends it back to review, and it does.
    await page.goto(`${stack.url}/desk.html#/record/visits/${returned.id}/edit`);
    await shown(page.locator('.correct .hint').first()).toContain('已退回）将重新进入待审核');
    const again = page.locator('[data-correct-form] form[data-kind=visit]');
    await again.waitFor();
    await again.getByLabel('党员参加（人次）').fill('21');
    await again.getByRole('button', { name: '提交修改' }).click();
    await page.locator('[data-review-state="received"]').waitFor();
    expect(await get(`/visits/${returned.id}`)).toMatchObject({ version: 3, participants: 21, review: { state: 'received' } });
    await page.getByRole('link', { name: '← 返回列表' }).click();
    await shown(row(page, returned.id).locator('td[data-column="review"]')).toBe('待审核');
    await shown(page.locator('[data-review-count="rejected"] .count')).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('述职', () => {
  it("shows a head's figures exactly as GET /ministers/{id}/scorecard, with the records behind them, and prints them with the snapshot date", async () => {
    const branchId = `b-${randomUUID().slice(0, 8)}`;
    expect((await call()('PUT', `/branches/${branchId}`, { name: '述职联系村党支部', type: 'village', countyCode: '630102' })).status).toBe(201);
    const head = await get(`/ministers/${HEAD.id}`);
    expect((await call()('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode, contactBranches: [branchId] }, ifMatch(head.version))).status).toBe(200);
    await create('visit', HEAD, { branch: { id: branchId }, participants: 27, symposiums: 2 });
    await create('visit', HEAD, { participants: 12 });
    for (const kind of ['problem', 'report', 'training', 'mechanism', 'model', 'inspection'] as const) await create(kind, HEAD);

    const today = beijingDate();
    const card = (await call()<Scorecard>('GET', `/ministers/${HEAD.id}/scorecard?year=${YEAR}&date=${today}`)).body!;
    expect(card.visits.count).toBeGreaterThanOrEqual(2);
    expect(card.contactBranches).toMatchObject({ assigned: 1, visited: 1 });

    const { context, page, errors } = await openDesk(HEAD_SELF, `#/duty?year=${YEAR}`, DESKTOP);
    await page.locator(`[data-as-of="${card.asOf}"]`).first().waitFor();
    await shown(page.locator('[data-as-of]').first()).toBe(`数据截至 ${card.asOf}`);
    // Every figure shown is the API's, and every one of the API's is shown.
    const figures = await page.$$eval('[data-figure]', (els) => els.map((el) => [el.getAttribute('data-figure')!, el.textContent ?? '']));
    expect(figures.map(([path]) => path).sort()).toEqual([...SCORE_LINES.map((l) => l.path), 'contactBranches.assigned', 'contactBranches.visited'].sort());
    for (const [path, text] of figures) expect(text, path).toBe(scoreAt(card, path).toLocaleString('zh-CN'));
    // The records behind them, each linked to its record.
    const linked = await page.$$eval('[data-record-link]', (as) => as.map((a) => a.getAttribute('data-record-link')));
    expect(linked.sort()).toEqual(card.records!.map((r) => r.id).sort());
    await shoot(page, 'duty');

    // The PDF the browser prints: A4, the figures beside their names, the snapshot date, no buttons.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain(`数据截至${card.asOf}`);
    expect(text).toContain(card.minister.name);
    for (const l of SCORE_LINES) expect(text, l.path).toContain(`${lineHeader(l)}${scoreAt(card, l.path).toLocaleString('zh-CN')}`);
    expect(text).not.toContain('打印/保存为PDF');
    expect(text).not.toContain('我的填报');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/duty-print-${DESKTOP.width}.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();

    // Staff see every head of their region side by side (总结讲评) and open this head's report from there.
    const staff = await openDesk(XINING_STAFF, `#/duty?year=${YEAR}`, DESKTOP);
    const line = row(staff.page, HEAD.id);
    await line.waitFor();
    await shown(line.locator('td[data-column="visits.participants"]')).toBe(card.visits.participants.toLocaleString('zh-CN'));
    await shown(line.locator('td[data-column="researchReports.count"]')).toBe(String(card.researchReports.count));
    const listed = (await call()<{ items: Scorecard[] }>('GET', `/scorecards?region=630100&year=${YEAR}&date=${today}`)).body!.items;
    await expect(staff.page.locator('table.list tbody tr[data-key]').count()).resolves.toBe(listed.length);
    await shoot(staff.page, 'duty-side-by-side');
    // Exportable: the CSV's row of this head holds the API's figures, one column each.
    const [download] = await Promise.all([staff.page.waitForEvent('download'), staff.page.getByRole('button', { name: '下载 CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(lines).toHaveLength(listed.length + 1);
    const headRow = lines.find((l) => l[0] === HEAD.name)!;
    for (const l of SCORE_LINES) expect(headRow[lines[0].indexOf(lineHeader(l))], l.path).toBe(String(scoreAt(card, l.path)));
    await line.getByRole('link', { name: HEAD.name }).click();
    await shown(staff.page.locator('[data-figure="visits.count"]')).toBe(String(card.visits.count));
    await staff.context.close();
  });
});

describe('述职 of a head who moved', () => {
  it("lists to the new county's staff only the records they may open, and says how many lie outside their region", async () => {
    const moved = { id: 'm-630102-72', name: '孙立新', level: 'county', regionCode: '630102' };
    expect((await call()('PUT', `/ministers/${moved.id}`, { name: moved.name, level: moved.level, regionCode: moved.regionCode })).status).toBe(201);
    await create('visit', moved, { participants: 14 });
    await create('report', moved);
    const head = await get(`/ministers/${moved.id}`);
    expect((await call()('PUT', `/ministers/${moved.id}`, { name: moved.name, level: 'county', regionCode: '630103' }, ifMatch(head.version))).status).toBe(200);
    const kept = await create('visit', { id: moved.id, regionCode: '630103' }, { participants: 9 });

    const chengzhong: Person = { role: 'staff', region: '630103', sub: 'chengzhong-staff' };
    const { context, page, errors } = await openDesk(chengzhong, `#/duty/${moved.id}?year=${YEAR}`, PHONE);
    await shown(page.locator('[data-figure="visits.count"]')).toBe('2');
    const linked = await page.$$eval('[data-record-link]', (as) => as.map((a) => a.getAttribute('data-record-link')));
    expect(linked).toEqual([kept.id]);
    await shown(page.locator('[data-hidden="visits"]')).toBe('另有 1 条计入的记录在本地区以外，无权查看。');
    await shown(page.locator('[data-hidden="researchReports"]')).toBe('另有 1 条计入的记录在本地区以外，无权查看。');
    // Nothing of the records left behind: no title, and no "none counted" beside a figure that counts them.
    expect(await page.locator('[data-target="researchReports"]').textContent()).not.toContain('没有计入');
    await shoot(page, 'duty-moved-head');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('调研报告集', () => {
  it('holds every report of the region and period exactly once, with a cover and a table of contents', async () => {
    const from = daysAgo(20);
    const to = daysAgo(5);
    const inPeriod = [];
    for (const [i, date] of [daysAgo(6), daysAgo(12), daysAgo(19)].entries()) {
      inPeriod.push(await create('report', COLLECTION_HEAD, { title: `调研报告集测试${i + 1}`, highlights: `彩头${i + 1}`, weakSpots: `短腿${i + 1}`, remedies: `良方${i + 1}` }, date));
    }
    await create('report', COLLECTION_HEAD, { title: '期外的报告' }, daysAgo(2));
    const withdrawn = await create('report', COLLECTION_HEAD, { title: '已撤回的报告' }, daysAgo(8));
    expect((await call()('DELETE', `/reports/${withdrawn.id}`, undefined, ifMatch(1))).status).toBe(200);

    const { context, page, errors } = await openDesk(XINING_STAFF, `#/collection?region=630103&from=${from}&to=${to}`, DESKTOP);
    await page.locator('[data-report-count]').waitFor();
    await expect(page.locator('[data-report-count]').getAttribute('data-report-count')).resolves.toBe('3');
    const titles = await page.$$eval('[data-report-title]', (els) => els.map((el) => el.textContent));
    // Oldest first, each once.
    expect(titles).toEqual(['调研报告集测试3', '调研报告集测试2', '调研报告集测试1']);
    const ids = await page.$$eval('[data-report]', (els) => els.map((el) => el.getAttribute('data-report')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(inPeriod.map((r) => r.id).sort());
    await expect(page.locator('[data-toc]').count()).resolves.toBe(3);
    await shown(page.locator('[data-cover-region]')).toBe('城中区');
    await shown(page.locator('[data-cover-period]')).toBe(`${from} 至 ${to}`);
    await shown(page.locator(`[data-report="${inPeriod[0].id}"] [data-part="weakSpots"]`)).toBe('短腿1');
    await shoot(page, 'collection');
    const text = pdfText(await page.pdf({ format: 'A4' })).replace(/\s+/g, '');
    for (const title of titles) expect(text.split(title!).length - 1, title!).toBe(2); // in the contents and as a heading
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('部长名册', () => {
  it('lets an admin add a head (the API\'s refusal beside its field), who can then report, and edit their level with a word on earlier figures', async () => {
    const { context, page, errors } = await openDesk(ADMIN, '#/roster', PHONE);
    await page.locator('[data-add-head]').click();
    await page.locator('form[data-head-form]').waitFor();
    await page.getByLabel('级别').selectOption('county');
    await page.getByLabel('地区').selectOption('630104');
    // The id follows the region chosen (as the seed names heads).
    await expect.poll(() => page.getByLabel('编号').inputValue(), { timeout: 15_000 }).toMatch(/^m-630104-\d\d$/);
    const id = await page.getByLabel('编号').inputValue();
    // Too long a name: only the API says so, beside the field, in red.
    await page.getByLabel('姓名').fill('长'.repeat(51));
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('[data-error-for="name"]').textContent(), { timeout: 15_000 }).not.toBe('');
    await expect(page.getByLabel('姓名').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'roster-error');
    expect((await call()('GET', `/ministers/${id}`)).status).toBe(404);

    await page.getByLabel('姓名').fill('孙新任');
    await page.getByRole('button', { name: '保存' }).click();
    await shown(page.locator('[data-saved]')).toContain('已新增组织部长 孙新任');
    expect(await get(`/ministers/${id}`)).toMatchObject({ name: '孙新任', level: 'county', regionCode: '630104' });

    // The new head reports.
    const asHead = api(stack.url, tokenFor({ role: 'submitter', region: '630104', ministerId: id, sub: 'sun' }));
    const reported = await asHead('POST', '/visits', SAMPLES.visit.valid({ ministerId: id, countyCode: '630104', date: DAY }));
    expect(reported.status).toBe(201);

    // A change of level says what it does to earlier figures, and starts a term.
    await page.getByLabel('级别').selectOption('prefecture');
    await page.getByLabel('地区').selectOption('630100');
    await shown(page.locator('[data-term-note]')).toContain('以前的数据保持不变');
    await page.getByRole('button', { name: '保存' }).click();
    await shown(page.locator('[data-saved]')).toContain('已保存');
    const edited = await get(`/ministers/${id}`);
    expect(edited).toMatchObject({ level: 'prefecture', regionCode: '630100' });
    expect(edited.terms.at(-1)).toMatchObject({ level: 'prefecture', regionCode: '630100' });
    await shoot(page, 'roster-edit');

    // Found by name in the roster.
    await page.goto(`${stack.url}/desk.html#/roster?q=${encodeURIComponent('孙新')}`);
    await row(page, id).waitFor();
    await expect(page.locator('table.list tbody tr[data-key]').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is read-only for staff, within their region, and tells same-named heads of a county apart', async () => {
    for (const n of ['81', '82']) expect((await call()('PUT', `/ministers/m-630105-${n}`, { name: '周同名', level: 'county', regionCode: '630105' })).status).toBe(201);
    expect((await call()('PUT', '/ministers/m-632521-81', { name: '吴海南', level: 'county', regionCode: '632521' })).status).toBeLessThan(300);

    const { context, page, errors } = await openDesk(XINING_STAFF, '#/', DESKTOP);
    // Opened from the navigation: the page loads on demand, and focus lands on its heading.
    await page.locator('.desk-nav').getByRole('link', { name: '部长名册' }).click();
    await row(page, 'm-630105-81').waitFor();
    await expect.poll(() => page.evaluate(() => [document.activeElement?.id, document.activeElement?.textContent]), { timeout: 15_000 }).toEqual(['list-title', '部长名册只读']);
    await expect(page.locator('[data-add-head]').count()).resolves.toBe(0);
    const shownIds = await page.$$eval('table.list tbody tr[data-key]', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    const staffSees = (await api(stack.url, tokenFor(XINING_STAFF))<{ items: Rec[] }>('GET', '/ministers?limit=500')).body!.items.map((m) => m.id);
    expect(shownIds.sort()).toEqual(staffSees.sort());
    expect(shownIds).not.toContain('m-632521-81');
    // The roster says whom it counts, and why the dashboard's 组织部长（人） may differ.
    await shown(page.locator('[data-roster-counts]')).toContain('按任职地区列出');
    // Both 周同名 are marked, with their ids.
    for (const n of ['81', '82']) {
      await shown(row(page, `m-630105-${n}`).locator('td[data-column="name"]')).toBe('周同名 同名');
      await shown(row(page, `m-630105-${n}`).locator('td[data-column="id"]')).toBe(`m-630105-${n}`);
    }
    await shoot(page, 'roster-staff');
    await row(page, 'm-630105-81').getByRole('link', { name: /周同名/ }).click();
    await page.locator('[data-head-card="m-630105-81"]').waitFor();
    await expect(page.locator('form[data-head-form], [data-head-card] input').count()).resolves.toBe(0);
    await page.goto(`${stack.url}/desk.html#/roster/new`);
    await page.locator('h2.view-title').first().waitFor();
    await expect(page.locator('form[data-head-form]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
