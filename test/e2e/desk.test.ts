import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, startTestApi, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, type Person, screenshot, signInAs, openDeskAs } from './support/browser.ts';

/**
 * The staff desk (工作台) in a real browser against the real local stack, as the people who use it:
 * a prefecture staffer reviewing, a head reading the comment on their returned visit, suspected
 * duplicates settled, a problem's light going red and its rectification, a suggestion answered,
 * exports equal to the lists, a county staffer kept out of another county's record, the change
 * trail, corrections with If-Match, a 412 decided again, and withdrawal.
 */

let stack: TestApi;
let browser: Browser;
const call = () => api(stack.url);
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const OTHER_HEAD = { id: 'm-630103-01', name: '李卫东', level: 'county', regionCode: '630103' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
const PROVINCE_STAFF: Person = { role: 'staff', region: '630000', sub: 'province-staff' };
const CHENGZHONG_STAFF: Person = { role: 'staff', region: '630103', sub: 'chengzhong-staff' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };

/** A visit of the head to a branch of 城东区, stored through the API (as the head's forms would). */
async function visit(over: Rec = {}): Promise<Rec> {
  const body = { ...SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(2) }), ...over };
  const created = await call()<Rec>('POST', '/visits', body);
  expect(created.status).toBe(201);
  return created.body!;
}

async function problem(over: Rec = {}): Promise<Rec> {
  const body = { ...SAMPLES.problem.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(30) }), ...over };
  const created = await call()<Rec>('POST', '/problems', body);
  expect(created.status).toBe(201);
  return created.body!;
}

const get = async (path: string) => (await call()<Rec>('GET', path)).body!;

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  for (const head of [HEAD, OTHER_HEAD]) {
    const put = await call()('PUT', `/ministers/${head.id}`, { name: head.name, level: head.level, regionCode: head.regionCode });
    expect(put.status).toBeLessThan(300);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const openDesk = (who: Person, hash = '#/', viewport = PHONE) => openDeskAs(browser, stack.url, who, hash, viewport);

/** Screenshots of the page as it is, at a phone's width and a desktop's (then back to the width it had). */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await screenshot(page, name);
  }
  await page.setViewportSize(size);
}

/** What a person sees in an element (text hidden for screen readers only left out), once it settles. */
const shown = (locator: Locator) => expect.poll(() => locator.evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return copy.textContent;
}), { timeout: 15_000 });

const row = (page: Page, id: string) => page.locator(`table.list tr[data-key="${id}"]`);

/** The rows of the list on the page, as their cells' text (what the person sees). */
const rowsOnPage = (page: Page) => page.$$eval('table.list tbody tr:not(.panel-row)', (trs) =>
  trs.map((tr) => [...tr.querySelectorAll('td[data-column]')].map((td) => td.getAttribute('data-text') ?? '')));
const headersOnPage = (page: Page) => page.$$eval('table.list thead th', (ths) => ths.map((th) => th.textContent ?? '').filter((t) => t !== '操作'));

describe('review', () => {
  it('a prefecture staffer approves a visit and returns another with a comment, which its head then reads', async () => {
    const approved = await visit();
    const returned = await visit();
    const { context, page, errors } = await openDesk(XINING_STAFF, '#/', PHONE);

    // The first view counts what awaits review, by kind, as the API lists it.
    const received = (await call()<{ items: Rec[] }>('GET', '/visits?prefecture=630100&review=received&limit=500')).body!.items.filter((v) => v.status !== 'withdrawn');
    await shown(page.locator('[data-kind-count="visits"] .count')).toBe(received.length.toLocaleString('zh-CN'));
    await shoot(page, 'desk-home');

    await page.locator('[data-kind-count="visits"]').click();
    await row(page, returned.id).waitFor();
    // Oldest first: the visit received first is above the one received after it.
    const keys = await page.$$eval('table.list tbody tr[data-key]', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(keys.indexOf(approved.id)).toBeLessThan(keys.indexOf(returned.id));
    await shoot(page, 'desk-queue');

    await row(page, approved.id).getByRole('link').click();
    await page.locator('[data-review-panel]').waitFor();
    await expect(page.locator('#record-title').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await shoot(page, 'desk-record');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await shown(page.locator('[data-review-done]')).toContain('第 2 版');
    expect(await get(`/visits/${approved.id}`)).toMatchObject({ version: 2, review: { state: 'approved', by: 'xining-staff' } });

    await page.goto(`${stack.url}/desk.html#/record/visits/${returned.id}`);
    await page.locator('[data-review-panel]').waitFor();
    // A return needs a reason, in the API's words.
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await shown(page.locator('[data-review-panel] .error-text')).toBe('请说明理由');
    expect((await get(`/visits/${returned.id}`)).version).toBe(1);
    // The comment's limit is said as it is typed; a longer one is kept whole (not cut) and refused in words.
    const tooLong = '审'.repeat(1001);
    await page.getByLabel('审核意见').fill(tooLong);
    await expect(page.getByLabel('审核意见').inputValue()).resolves.toBe(tooLong);
    await shown(page.locator('[data-review-panel] [data-counter]')).toBe('1001 / 1000 字');
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await shown(page.locator('[data-review-panel] .error-text')).toBe('不能超过 1000 个字');
    expect((await get(`/visits/${returned.id}`)).version).toBe(1);
    await page.getByLabel('审核意见').fill('参加人数与签到表不符，请核实');
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await page.locator('[data-review-done]').waitFor();
    expect(await get(`/visits/${returned.id}`)).toMatchObject({ version: 2, review: { state: 'rejected', comment: '参加人数与签到表不符，请核实' } });
    expect(errors).toEqual([]);
    await context.close();

    // The head sees it returned, with the comment, among their own records.
    const head = await openDesk(HEAD_SELF, '#/', PHONE);
    await shown(head.page.locator('[data-review-count="rejected"] .count')).toBe('1');
    await head.page.locator('[data-review-count="rejected"]').click();
    await row(head.page, returned.id).waitFor();
    await shown(row(head.page, returned.id).locator('td[data-column="comment"]')).toBe('参加人数与签到表不符，请核实');
    await expect.poll(() => head.page.locator(`table.list tr[data-key="${approved.id}"]`).count(), { timeout: 15_000 }).toBe(0);
    await row(head.page, returned.id).getByRole('link').click();
    await shown(head.page.locator('[data-review-comment]')).toBe('参加人数与签到表不符，请核实');
    // Heads do not review.
    await expect.poll(() => head.page.locator('[data-review-panel]').count(), { timeout: 15_000 }).toBe(0);
    await shoot(head.page, 'desk-head-returned');
    await head.context.close();
  });
});

describe('suspected duplicates', () => {
  it('are shown beside the visit they may repeat and settled both ways', async () => {
    const branch = { name: `${randomUUID().slice(0, 6)}村党支部`, type: 'village', countyCode: '630102' };
    const first = await visit({ branch, date: daysAgo(3), participants: 30 });
    const distinct = await visit({ branch, date: daysAgo(3), participants: 31 });
    const branch2 = { name: `${randomUUID().slice(0, 6)}村党支部`, type: 'village', countyCode: '630102' };
    await visit({ branch: branch2, date: daysAgo(4) });
    const repeat = await visit({ branch: { ...branch2, name: ` ${branch2.name}` }, date: daysAgo(4) });
    expect(distinct.duplicateOf).toBe(first.id);
    expect(repeat.duplicateOf).toBeDefined();

    const { context, page } = await openDesk(XINING_STAFF, '#/duplicates', DESKTOP);
    const pair = page.locator(`[data-pair="${distinct.id}"]`);
    await pair.waitFor();
    await shoot(page, 'desk-duplicates');
    // Field by field: the participants differ, the branch is the same.
    await expect(pair.locator('tr[data-path="participants"]').getAttribute('class')).resolves.toBe('differs');
    await expect(pair.locator('tr[data-path="participants"] td').allTextContents()).resolves.toEqual(['31', '30']);
    await expect(pair.locator('tr[data-path="branch.name"]').getAttribute('class')).resolves.toBeNull();
    await pair.getByRole('button', { name: '确认为不同走访' }).click();
    await expect.poll(() => page.locator(`[data-pair="${distinct.id}"]`).count(), { timeout: 15_000 }).toBe(0);
    expect(await get(`/visits/${distinct.id}`)).toMatchObject({ review: { state: 'approved' } });

    const other = page.locator(`[data-pair="${repeat.id}"]`);
    await other.getByRole('button', { name: '确认为重复' }).click();
    await shown(other.locator('.error-text')).toBe('请说明理由');
    await other.getByLabel('审核意见').fill('与上一条为同一次走访');
    await other.getByRole('button', { name: '确认为重复' }).click();
    await expect.poll(() => page.locator(`[data-pair="${repeat.id}"]`).count(), { timeout: 15_000 }).toBe(0);
    expect(await get(`/visits/${repeat.id}`)).toMatchObject({ review: { state: 'rejected', comment: '与上一条为同一次走访' } });
    await context.close();
  });
});

describe('the problem ledger', () => {
  it('shows a problem red once its deadline has passed, in its county, prefecture and province, until it is rectified', async () => {
    const late = await problem({ description: `逾期未整改${randomUUID().slice(0, 4)}`, foundOn: daysAgo(30), deadline: daysAgo(5) });
    expect(late.overdue).toBe(true);
    await problem({ description: '十日内到期', foundOn: daysAgo(3), deadline: beijingDate(Date.now() + 3 * 86_400_000) });

    // The province sees 西宁市 with a red problem; the prefecture sees which county.
    const province = await openDesk(PROVINCE_STAFF, '#/problems', DESKTOP);
    await province.page.locator('[data-by-region] tr[data-region="630100"]').waitFor();
    expect(Number(await province.page.locator('[data-by-region] tr[data-region="630100"] td[data-light="red"]').textContent())).toBeGreaterThan(0);
    await shown(row(province.page, late.id).locator('td[data-column="light"]')).toBe('红灯');
    await province.context.close();

    const { context, page } = await openDesk(XINING_STAFF, '#/problems?light=red', PHONE);
    await row(page, late.id).waitFor();
    expect(Number(await page.locator('[data-by-region] tr[data-region="630102"] td[data-light="red"]').textContent())).toBeGreaterThan(0);
    await shown(page.locator('[data-by-region] tr[data-region="630103"] td[data-light="red"]')).toBe('0');
    await shown(row(page, late.id).locator('td[data-column="timeLeft"]')).toBe('逾期 5 天');
    await shoot(page, 'desk-problems');

    // The record's own page shows its light beside its status, with the time left (read off the answered deadline).
    const detail = await openDesk(XINING_STAFF, `#/record/problems/${late.id}`, PHONE);
    await shown(detail.page.locator('.badges .badge.light-red')).toContain('红灯');
    await shown(detail.page.locator('.badges .badge.light-red')).toContain('逾期 5 天');
    await shoot(detail.page, 'desk-problem-record');
    await detail.context.close();

    await row(page, late.id).getByRole('button', { name: /更新整改/ }).click();
    await page.locator('[data-status-panel]').getByLabel('整改中').check();
    await page.locator('[data-status-panel]').getByRole('button', { name: '确认' }).click();
    await shown(row(page, late.id).locator('td[data-column="status"]')).toBe('整改中');
    // Still overdue while being rectified.
    await shown(row(page, late.id).locator('td[data-column="light"]')).toBe('红灯');
    expect(await get(`/problems/${late.id}`)).toMatchObject({ status: 'rectifying', version: 2 });

    const panel = page.locator('[data-status-panel]');
    await panel.getByLabel('已整改').check();
    await panel.getByLabel('整改情况').waitFor();
    await shoot(page, 'desk-problem-rectify');
    await panel.getByRole('button', { name: '确认' }).click();
    await shown(panel.locator('[data-path="evidence"] .error-text')).toBe('整改完成需填写整改情况');
    await panel.getByLabel('整改情况').fill('已补齐三会一课记录，建立台账');
    await panel.getByRole('button', { name: '确认' }).click();
    // Rectified, it keeps its place in the red list (now grey), the confirmation under it, until the list is shown again.
    await shown(row(page, late.id).locator('td[data-column="light"]')).toBe('灰');
    await shown(page.locator(`tr[data-key="${late.id}"] + tr.panel-row [data-moved-notice]`)).toContain('已改为“已整改”（第 3 版）');
    expect(await get(`/problems/${late.id}`)).toMatchObject({ status: 'rectified', evidence: '已补齐三会一课记录，建立台账', rectifiedOn: beijingDate(), overdue: false, version: 3 });
    await page.locator('.light-chip[data-light="grey"]').click();
    await shown(row(page, late.id).locator('td[data-column="light"]')).toBe('灰');
    await page.locator('.light-chip[data-light="red"]').click();
    await expect.poll(() => row(page, late.id).count(), { timeout: 15_000 }).toBe(0);
    await context.close();
  });
});

describe('the suggestions ledger', () => {
  it('lists a pending suggestion with its age and answers it in place', async () => {
    const text = `希望增设党员学习角${randomUUID().slice(0, 4)}`;
    const v = await visit({ date: daysAgo(6), suggestions: [{ id: randomUUID(), text, channel: 'symposium', status: 'pending' }] });
    const suggestionId = v.suggestions[0].id;
    const { context, page } = await openDesk(XINING_STAFF, '#/suggestions', PHONE);
    await row(page, suggestionId).waitFor();
    await shown(row(page, suggestionId).locator('td[data-column="age"]')).toBe('6');
    await shoot(page, 'desk-suggestions');
    await row(page, suggestionId).getByRole('button', { name: /答复/ }).click();
    const panel = page.locator('[data-suggestion-panel]');
    await panel.getByLabel('当场答复').check();
    await panel.getByLabel('答复或解决情况').fill('已协调村委会腾出一间活动室');
    await shown(panel.locator('[data-counter]')).toBe('13 / 2000 字');
    await panel.getByRole('button', { name: '确认' }).click();
    await shown(row(page, suggestionId).locator('td[data-column="status"]')).toBe('当场答复');
    const stored = await get(`/visits/${v.id}`);
    expect(stored.suggestions[0]).toMatchObject({ status: 'answered', response: '已协调村委会腾出一间活动室' });
    expect(stored.version).toBe(2);
    await context.close();
  });
});

describe('exports', () => {
  it('download exactly the rows of the list, as CSV and as .xlsx, the .xlsx writer loaded only when asked for', async () => {
    await problem({ description: '导出用问题，含逗号,和"引号"', foundOn: daysAgo(20), deadline: daysAgo(1) });
    // Texts a spreadsheet would run as formulas (issue 21 §4): a description and a responsible unit.
    const hostile = { description: '=HYPERLINK("http://x","导出用问题")', unit: '-2+3+cmd|" /C calc"!A0' };
    await problem({ description: hostile.description, responsible: { unit: hostile.unit }, foundOn: daysAgo(20), deadline: daysAgo(1) });
    const { context, page } = await openDesk(XINING_STAFF, '#/problems?light=red', DESKTOP);
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/assets/') && r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname); });
    await page.reload();
    await page.locator('table.list tbody tr').first().waitFor();
    const firstView = [...scripts];
    const preloaded = await page.$$eval('script[type=module], link[rel=modulepreload]', (els) => els.map((el) => new URL((el as HTMLScriptElement).src || (el as HTMLLinkElement).href).pathname));
    // The page's own scripts, then the ledger's chunk (a list no role starts on comes on demand), and no writer yet.
    expect(preloaded.every((s) => firstView.includes(s))).toBe(true);
    expect(firstView.filter((s) => !preloaded.includes(s)).length).toBeGreaterThan(0);

    const headers = await headersOnPage(page);
    const rows = await rowsOnPage(page);
    expect(rows.length).toBeGreaterThan(0);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe(`问题整改台账-红灯-${beijingDate()}.csv`);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    // The CSV has the rows on the page, a text starting with = + - @ behind a single quote, so it opens as text.
    const neutralised = (cell: string) => (cell === hostile.description || cell === hostile.unit ? `'${cell}` : cell);
    expect(rows.flat()).toEqual(expect.arrayContaining([hostile.description, hostile.unit]));
    expect(parseCsv(csv.slice(1))).toEqual([headers, ...rows.map((row) => row.map(neutralised))]);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel（.xlsx）' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`问题整改台账-红灯-${beijingDate()}.xlsx`);
    // The writer came as a script the first view had not loaded.
    expect(scripts.filter((s) => !firstView.includes(s)).length).toBeGreaterThan(0);
    const xlsx = readFileSync((await xlsxDownload.path())!);
    const sheet = await readSheet(xlsx);
    const shown = sheet.map((cells) => cells.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v))));
    expect(shown).toEqual([headers, ...rows]);
    // Dates are dates in the sheet; the header row is frozen; the columns have widths.
    const deadline = headers.indexOf('整改时限');
    expect(sheet[1][deadline]).toBeInstanceOf(Date);
    const worksheet = strFromU8(unzipSync(new Uint8Array(xlsx))['xl/worksheets/sheet1.xml']);
    expect(worksheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(worksheet.match(/<col [^>]*width=/g)).toHaveLength(headers.length);
    // The .xlsx keeps those texts as they are, as text cells: no formula anywhere in the sheet.
    expect(worksheet).not.toMatch(/<f[\s>]/);
    await context.close();
  });
});

describe('reach', () => {
  it("keeps a county staffer out of another county's record, even by its address", async () => {
    const v = await visit({ notes: '仅城东区可见的备注' });
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openDesk(CHENGZHONG_STAFF, `#/record/visits/${v.id}`, viewport);
      await page.locator('[data-trouble]').waitFor();
      await shown(page.locator('[data-trouble]')).toBe('找不到该记录，或无权查看');
      const text = await page.locator('main').textContent();
      expect(text).not.toContain(v.branch.name);
      expect(text).not.toContain('仅城东区可见的备注');
      await page.goto(`${stack.url}/desk.html#/record/visits/${v.id}/history`);
      await page.locator('[data-trouble]').waitFor();
      await shown(page.locator('[data-trouble]')).toBe('找不到该记录，或无权查看');
      await shoot(page, 'desk-not-found');
      await context.close();
    }
  });
});

describe('a record', () => {
  it('shows its change trail as readable differences', async () => {
    const v = await visit({ participants: 30 });
    expect((await call()('PATCH', `/visits/${v.id}`, { participants: 35, sessions: ['party_lecture'] }, ifMatch(1))).status).toBe(200);
    expect((await call()('PATCH', `/visits/${v.id}/review`, { state: 'has_issues', comment: '请补充会议记录' }, ifMatch(2))).status).toBe(200);
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openDesk(XINING_STAFF, `#/record/visits/${v.id}/history`, viewport);
      await page.locator('[data-trail] li[data-version="3"]').waitFor();
      const review = page.locator('[data-trail] li[data-version="3"]');
      await shown(review.locator('.trail-head strong')).toBe('第 3 版 · 审核');
      // An admin's account without a name: known by their role, never by account id.
      await shown(review.locator('.who')).toBe('管理员');
      await shown(review.locator('time')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await shown(review.locator('[data-path="review.state"]')).toBe('审核状态：待审核 → 有问题');
      await shown(review.locator('[data-path="review.comment"]')).toBe('审核意见：（空） → 请补充会议记录');
      const correction = page.locator('[data-trail] li[data-version="2"]');
      await shown(correction.locator('[data-path="participants"]')).toBe('党员参加（人次）：30 → 35');
      await shown(correction.locator('[data-path="sessions"]')).toBe('参加的组织生活：支部党员大会 → 党课');
      await shown(page.locator('[data-trail] li[data-version="1"]')).toContain('新建');
      // Words, not JSON or codes.
      const trail = await page.locator('[data-trail]').textContent();
      expect(trail).not.toMatch(/[{}"]|has_issues|party_lecture/);
      await shoot(page, 'desk-history');
      await context.close();
    }
  });

  it('is corrected in the generated form, sent with If-Match, and a refusal lands on its field', async () => {
    const v = await visit({ participants: 30 });
    const { context, page } = await openDesk(XINING_STAFF, `#/record/visits/${v.id}/edit`, PHONE);
    const form = page.locator('[data-correct-form] form[data-kind=visit]');
    await form.waitFor();
    await expect(form.getByLabel('党员参加（人次）').inputValue()).resolves.toBe('30');
    await shoot(page, 'desk-correct');

    // Sent unchanged: a notice that nothing changed, no error on the form, nothing sent.
    const early: string[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH') early.push(r.url()); });
    await form.getByRole('button', { name: '提交修改' }).click();
    await shown(page.locator('section.correct p.notice[role=status]')).toBe('没有要修改的内容。');
    expect(await form.locator('.error-text:not(:empty)').count()).toBe(0);
    expect(early).toEqual([]);

    // Moved to a county its head does not serve: only the server knows, and says so at the head's field.
    await form.getByLabel('所在县（市、区）').selectOption('630103');
    await form.getByRole('button', { name: '提交修改' }).click();
    await shown(form.locator('[data-path="ministerId"] > .error-text')).toBe('该部长不负责此记录所在地区');

    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('党员参加（人次）').fill('42');
    const sent: Rec[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH') sent.push({ url: r.url(), ifMatch: r.headers()['if-match'], body: r.postDataJSON() }); });
    await form.getByRole('button', { name: '提交修改' }).click();
    await page.locator('[data-review-panel]').waitFor();
    expect(sent).toEqual([{ url: `${stack.url}/visits/${v.id}`, ifMatch: '"1"', body: { participants: 42 } }]);
    expect(await get(`/visits/${v.id}`)).toMatchObject({ version: 2, participants: 42 });
    await expect(page.locator('[data-version]').getAttribute('data-version')).resolves.toBe('2');
    await context.close();
  });

  it('shows what someone else changed meanwhile (412) and lets the person decide again', async () => {
    const v = await visit({ participants: 30 });
    const { context, page } = await openDesk(XINING_STAFF, `#/record/visits/${v.id}`, DESKTOP);
    await page.locator('[data-review-panel]').waitFor();
    // Between opening and deciding, a correction arrives.
    expect((await call()('PATCH', `/visits/${v.id}`, { participants: 99 }, ifMatch(1))).status).toBe(200);
    await page.getByRole('button', { name: '通过', exact: true }).click();
    const changed = page.locator('[data-changed]');
    await changed.waitFor();
    await shown(changed.locator('[data-path="participants"]')).toBe('党员参加（人次）：30 → 99');
    await shown(changed).toContain('第 2 版');
    await shoot(page, 'desk-stale');
    expect((await get(`/visits/${v.id}`)).review.state).toBe('received');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await shown(page.locator('[data-review-done]')).toContain('第 3 版');
    expect(await get(`/visits/${v.id}`)).toMatchObject({ version: 3, participants: 99, review: { state: 'approved' } });
    await context.close();
  });

  it("moves on by its kind's moves, a model's selection (选树) being staff's decision only", async () => {
    const created = await call()<Rec>('POST', '/models', SAMPLES.model.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(1) }));
    expect(created.status).toBe(201);
    const id = created.body!.id;
    const head = await openDesk(HEAD_SELF, `#/record/models/${id}`, PHONE);
    await head.page.locator('.record .summary').waitFor();
    await shown(head.page.locator('.summary .badge').first()).toBe('已推荐');
    await expect.poll(() => head.page.locator('[data-status-panel]').count()).toBe(0);
    await head.context.close();

    const { context, page } = await openDesk(XINING_STAFF, `#/record/models/${id}`, PHONE);
    const panel = page.locator('[data-status-panel]');
    await panel.getByLabel('已选树').check();
    await panel.getByRole('button', { name: '确认' }).click();
    await shown(page.locator('.summary .badge').first()).toBe('已选树');
    expect(await get(`/models/${id}`)).toMatchObject({ status: 'approved', version: 2 });
    await context.close();
  });

  it("says before a selected model's nominee is changed that it goes back to 已推荐, and its trail says why", async () => {
    const asHead = api(stack.url, tokenFor(HEAD_SELF));
    const created = await asHead<Rec>('POST', '/models', SAMPLES.model.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(1) }));
    expect(created.status).toBe(201);
    const id = created.body!.id;
    expect((await call()('PATCH', `/models/${id}`, { status: 'approved' }, ifMatch(1))).status).toBe(200);
    expect((await call()('PATCH', `/models/${id}/review`, { state: 'approved' }, ifMatch(2))).status).toBe(200);

    const { context, page } = await openDesk(HEAD_SELF, `#/record/models/${id}/edit`, PHONE);
    const form = page.locator('[data-correct-form] form[data-kind=model]');
    await form.waitFor();
    await shown(page.locator('section.correct [data-redecide]')).toBe('本记录为“已选树”：修改推荐对象将退回“已推荐”，重新审核。');
    await shoot(page, 'desk-correct-selected-model');
    await form.getByLabel('名称或姓名').fill('卓玛');
    await form.getByRole('button', { name: '提交修改' }).click();
    await shown(page.locator('.summary .badge').first()).toBe('已推荐');
    expect(await get(`/models/${id}`)).toMatchObject({ version: 4, status: 'nominated', review: { state: 'received' }, nominee: { name: '卓玛' } });

    await page.goto(`${stack.url}/desk.html#/record/models/${id}/history`);
    const entry = page.locator('[data-trail] li[data-version="4"]');
    await shown(entry.locator('[data-reason]')).toBe('修改了已作决定的内容，退回重新决定');
    await shown(entry.locator('[data-path="status"]')).toBe('选树结果：已选树 → 已推荐');
    await shoot(page, 'desk-history-redecided');
    await context.close();
  });

  it('is withdrawn only after a confirmation, with its reason kept in its notes', async () => {
    const v = await visit();
    const { context, page } = await openDesk(XINING_STAFF, `#/record/visits/${v.id}`, PHONE);
    await page.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shoot(page, 'desk-withdraw');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    expect((await get(`/visits/${v.id}`)).status).toBe('submitted');

    await page.getByRole('button', { name: '撤回' }).click();
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    await shown(dialog.locator('.error-text')).toBe('请填写撤回原因');
    await dialog.getByLabel(/撤回原因/).fill('重复录入');
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    await shown(page.locator('.summary .badge').first()).toBe('已撤回');
    const stored = await get(`/visits/${v.id}`);
    expect(stored).toMatchObject({ status: 'withdrawn', version: 3 });
    expect(stored.notes).toContain('撤回原因：重复录入');
    const trail = (await call()<{ items: Rec[] }>('GET', `/visits/${v.id}/history`)).body!.items.map((c) => c.action);
    expect(trail).toEqual(['create', 'correct', 'withdraw']);
    await context.close();
  });
});

describe('people by name', () => {
  const PROVINCE_HEAD = { id: 'm-630000-01', name: '张志远', level: 'province', regionCode: '630000' };

  it("names a province head whose records lie in the staffer's prefecture, in the queue and the collection, and the trail names people", async () => {
    expect((await call()('PUT', `/ministers/${PROVINCE_HEAD.id}`, { name: PROVINCE_HEAD.name, level: PROVINCE_HEAD.level, regionCode: PROVINCE_HEAD.regionCode })).status).toBeLessThan(300);
    const where = { ministerId: PROVINCE_HEAD.id, countyCode: '630102', date: daysAgo(1) };
    const v = await visit({ ministerId: PROVINCE_HEAD.id });
    const report: Rec = { ...SAMPLES.report.valid(where), title: '关于省级联系点组织生活的调研' };
    expect((await call()('POST', '/reports', report)).status).toBe(201);
    // A county staffer with a name on their account corrects the visit: the trail names them.
    const named = api(stack.url, tokenFor({ sub: 'u-5d1e', role: 'staff', region: '630102', name: '马明' }));
    expect((await named('PATCH', `/visits/${v.id}`, { participants: 33 }, ifMatch(1))).status).toBe(200);

    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openDesk(XINING_STAFF, '#/queue?kind=visits', viewport);
      await row(page, v.id).waitFor();
      await expect.poll(() => row(page, v.id).locator('td[data-column="minister"]').getAttribute('data-text'), { timeout: 15_000 }).toBe(PROVINCE_HEAD.name);
      await screenshot(page, 'names-queue');

      await page.goto(`${stack.url}/desk.html#/record/visits/${v.id}/history`);
      const trail = page.locator('[data-trail]');
      await trail.locator('li[data-version="2"]').waitFor();
      await shown(trail.locator('li[data-version="2"] .who')).toBe('马明');
      await shown(trail.locator('li[data-version="1"] .who')).toBe('管理员');
      expect(await trail.textContent()).not.toContain('u-5d1e');
      await screenshot(page, 'names-trail');

      await page.goto(`${stack.url}/desk.html#/collection?region=630102&from=${where.date}&to=${where.date}`);
      const entry = page.locator(`[data-toc="${report.id}"]`);
      await entry.waitFor();
      await shown(entry.locator('.hint')).toContain(PROVINCE_HEAD.name);
      expect(await page.locator('.collection').textContent()).not.toContain('本地区以外的部长');
      await context.close();
    }
  });

  it('lets a head withdraw their visit confirmed as a duplicate, its reason the review comment', async () => {
    const branch = { name: `${randomUUID().slice(0, 6)}村党支部`, type: 'village', countyCode: '630102' };
    await visit({ branch, date: daysAgo(5) });
    const repeat = await visit({ branch, date: daysAgo(5) });
    expect(repeat.duplicateOf).toBeDefined();
    expect((await call()('PATCH', `/visits/${repeat.id}/review`, { state: 'rejected', comment: '与上一条为同一次走访' }, ifMatch(1))).status).toBe(200);
    const ordinary = await visit();

    const { context, page } = await openDesk(HEAD_SELF, `#/record/visits/${ordinary.id}`, PHONE);
    await page.locator('.record-parts').waitFor();
    // An ordinary record of theirs: no withdrawal (staff's).
    expect(await page.getByRole('button', { name: '撤回' }).count()).toBe(0);
    await page.goto(`${stack.url}/desk.html#/record/visits/${repeat.id}`);
    await page.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog');
    await shown(dialog.locator('[data-duplicate]')).toContain('与上一条为同一次走访');
    await shoot(page, 'desk-withdraw-duplicate');
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    await shown(page.locator('.summary .badge').first()).toBe('已撤回');
    // Withdrawn as it was: still confirmed a duplicate, not sent back to review by a correction.
    expect(await get(`/visits/${repeat.id}`)).toMatchObject({ status: 'withdrawn', version: 3, review: { state: 'rejected' } });
    await context.close();
  });
});

describe('the desk by keyboard and screen reader', () => {
  it('labels every control of every view, moves focus to each view it opens and says so, and reaches the review by keyboard with visible focus', async () => {
    const v = await visit();
    const { context, page } = await openDesk(XINING_STAFF, '#/', DESKTOP);
    for (const [hash, heading, said] of [
      ['#/queue', '#list-title', '待审核'], ['#/problems', '#list-title', '问题整改台账'], ['#/suggestions', '#list-title', '意见建议台账'],
      ['#/duplicates', '#list-title', '疑似重复'], [`#/record/visits/${v.id}`, '#record-title', '走访记录详情'], [`#/record/visits/${v.id}/edit`, '#record-title', '走访记录修改'],
    ]) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      // Whatever was loading (a list, a view's own chunk) has finished.
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      await expect.poll(() => page.evaluate(() => `#${document.activeElement?.id}`)).toBe(heading);
      await expect.poll(() => page.locator('#announcer').textContent()).toBe(said);
      const unlabelled = await page.$$eval('main input:not([type=hidden]), main select, main textarea', (controls) => controls
        .filter((c) => ((c as HTMLInputElement).labels?.length ?? 0) === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
        .map((c) => c.outerHTML.slice(0, 80)));
      expect(unlabelled, hash).toEqual([]);
    }
    await page.evaluate((id) => { location.hash = `#/record/visits/${id}`; }, v.id);
    await page.getByLabel('审核意见').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('通过');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('标记有问题');
    await context.close();
  });
});

describe('each role lands where its work is', () => {
  it('staff at the site root land on the desk; reporters have no desk and land on the figures', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/', XINING_STAFF);
    await page.waitForURL(/desk\.html/);
    await page.locator('[data-kind-count="visits"]').waitFor();
    await shown(page.locator('header nav a[aria-current="page"]')).toBe('工作台');
    await expect(page.locator('header nav a').allTextContents()).resolves.toEqual(['填报', '工作台', '统计']);
    await context.close();

    const reporter = await newContext(browser, PHONE);
    const rp = await reporter.newPage();
    await signInAs(rp, stack.url, '/desk.html', { role: 'reporter', region: '630000', sub: 'reader' });
    await rp.getByRole('heading', { name: '此账号没有工作台' }).waitFor();
    await expect(rp.getByRole('link', { name: '查看统计' }).getAttribute('href')).resolves.toBe('dashboard.html');
    await rp.goto(`${stack.url}/`);
    await rp.waitForURL(/dashboard\.html/);
    await reporter.close();

    // A head reports: the forms are their page, and their desk holds their own records.
    const headContext = await newContext(browser, PHONE);
    const hp = await headContext.newPage();
    await signInAs(hp, stack.url, '/', HEAD_SELF);
    await hp.locator('form[data-kind=visit]').waitFor();
    await hp.goto(`${stack.url}/desk.html`);
    await hp.locator('[data-review-count="received"]').waitFor();
    await shoot(hp, 'desk-home-head');
    await headContext.close();
  });
});

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF lines), as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { fields.push(field); rows.push(fields); fields = []; field = ''; i++; } else field += ch;
  }
  return rows;
}
