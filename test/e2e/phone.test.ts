import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';

/**
 * The desk and the dashboard on a 360 px phone: the desk's navigation is one short row (every view
 * still reached by keyboard), a suggestion answered low in the ledger is confirmed where it was
 * answered, and a table wider than the screen (the coverage; a list at a tablet's width) says it
 * scrolls sideways, as a focusable, named region.
 */

let stack: TestApi;
let browser: Browser;
const call = () => api(stack.url);
const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
const PROVINCE_STAFF: Person = { role: 'staff', region: '630000', sub: 'province-staff' };

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  expect((await call()('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode })).status).toBeLessThan(300);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
};

/** Presses a panel's 确认 where a finger would, and finds the confirmation that says `text`: where each is. */
async function confirmAndFindNotice(page: Page, panel: Locator, text: string) {
  const confirm = panel.getByRole('button', { name: '确认' });
  await confirm.scrollIntoViewIfNeeded();
  const pressed = await box(confirm);
  await confirm.click();
  const done = page.locator('[data-moved-notice]');
  await done.waitFor();
  await expect(done.textContent()).resolves.toBe(text);
  return { pressed, shown: await box(done), done };
}

describe('the desk\'s navigation on a phone', () => {
  it('is one row no taller than 80 px above every view; each link is reached by Tab and scrolled into sight', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, PROVINCE_STAFF, '#/', PHONE);
    const nav = page.locator('nav.desk-nav');
    const links = nav.locator('a');
    const count = await links.count();
    expect(count).toBe(14);
    expect((await box(nav)).height).toBeLessThanOrEqual(80);
    const heading = await box(page.locator('h2.view-title'));
    expect(heading.y).toBeLessThanOrEqual(200);
    await screenshot(page, 'phone-desk-nav');

    // Tab from the page's header: each link in turn has the focus and is inside the screen's width.
    await page.locator('#who button', { hasText: '退出' }).focus();
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.closest('nav.desk-nav') !== null)).resolves.toBe(true);
      const focused = await box(page.locator(':focus'));
      expect(focused.x).toBeGreaterThanOrEqual(0);
      expect(focused.x + focused.width).toBeLessThanOrEqual(PHONE.width);
    }

    // The last view opened from an address: its link is the current one, in sight.
    await page.goto(`${stack.url}/desk.html#/import`);
    const current = nav.locator('a[aria-current=page]');
    await expect(current.textContent()).resolves.toBe('支部名册导入');
    await expect.poll(async () => { const b = await box(current); return b.x >= 0 && b.x + b.width <= PHONE.width; }).toBe(true);
    expect((await box(nav)).height).toBeLessThanOrEqual(80);
    await screenshot(page, 'phone-desk-nav-import');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the suggestions ledger on a phone', () => {
  it('confirms an answer under the suggestion answered, in sight, near the button pressed', async () => {
    // Eight pending suggestions: the newest (answered here) is the lowest, far below the list's top.
    const visits: Record<string, any>[] = [];
    for (let i = 0; i < 8; i++) {
      const body = { ...SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(20 - i) }), suggestions: [{ id: randomUUID(), text: `希望改善村级活动场所${i}`, channel: 'symposium', status: 'pending' }] };
      const created = await call()<Record<string, any>>('POST', '/visits', body);
      expect(created.status).toBe(201);
      visits.push(created.body!);
    }
    const last = visits.at(-1)!;
    const suggestionId: string = last.suggestions[0].id;
    const { context, page } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/suggestions', PHONE);
    const row = page.locator(`table.list tr[data-key="${suggestionId}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: /答复/ }).click();
    const panel = page.locator('[data-suggestion-panel]');
    await panel.getByLabel('当场答复').check();
    await panel.getByLabel('答复或解决情况').fill('已协调村委会腾出一间活动室');
    const { pressed, shown, done } = await confirmAndFindNotice(page, panel, '“希望改善村级活动场所7”已改为“当场答复”。');
    // In sight, and within a thumb's reach of where the finger pressed.
    expect(shown.y).toBeGreaterThanOrEqual(0);
    expect(shown.y + shown.height).toBeLessThanOrEqual(PHONE.height);
    expect(Math.abs(shown.y - pressed.y)).toBeLessThanOrEqual(250);
    // It sits right under the row answered, which kept its place, now with its new status; the focus is on it.
    await expect(page.locator(`tr[data-key="${suggestionId}"] + tr.panel-row [data-moved-notice]`).count()).resolves.toBe(1);
    await expect(row.locator('td[data-column="status"]').textContent()).resolves.toBe('当场答复');
    await expect(done.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const stored = (await call()<Record<string, any>>('GET', `/visits/${last.id}`)).body!;
    expect(stored.suggestions[0]).toMatchObject({ status: 'answered', response: '已协调村委会腾出一间活动室' });
    await screenshot(page, 'phone-suggestion-done');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'phone-suggestion-done');

    // A tablet's width: the list is a table again, wider than its box; it says so, and takes the focus to scroll.
    await page.setViewportSize({ width: 800, height: 900 });
    const wrap = page.locator('.list-wrap:has(table[data-list])');
    await expect.poll(() => wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect.poll(() => wrap.getAttribute('tabindex')).toBe('0');
    await expect(wrap.getAttribute('role')).resolves.toBe('region');
    await expect(wrap.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent)).resolves.toBe('意见建议台账（待答复的在前）');
    await expect(page.locator('.scroll-hint').isVisible()).resolves.toBe(true);
    // The page itself does not scroll sideways: only the table does.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(800);
    await screenshot(page, 'phone-suggestions-tablet');
    await context.close();
  });
});

describe('the problems ledger on a phone', () => {
  it('confirms a move under the problem moved, which keeps its place though it is no longer the most urgent', async () => {
    // Six problems due later and later: the last (green) is far down; rectified, it would sort last of all.
    const problems: Record<string, any>[] = [];
    for (let i = 0; i < 6; i++) {
      const body = { ...SAMPLES.problem.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(30) }), description: `活动阵地不达标${i}`, deadline: daysAgo(-20 - i) };
      const created = await call()<Record<string, any>>('POST', '/problems', body);
      expect(created.status).toBe(201);
      problems.push(created.body!);
    }
    const { context, page } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/problems?light=green', PHONE);
    const keys = () => page.$$eval('table.list tbody tr[data-key]', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    const target = problems[2];
    const row = page.locator(`table.list tr[data-key="${target.id}"]`);
    await row.waitFor();
    const before = await keys();
    await row.getByRole('button', { name: /更新整改/ }).click();
    const panel = page.locator('[data-status-panel]');
    await panel.getByLabel('已整改').check();
    await panel.getByLabel('整改情况').fill('已建成标准化活动阵地');
    const { pressed, shown, done } = await confirmAndFindNotice(page, panel, '“活动阵地不达标2”已改为“已整改”（第 2 版）。');
    expect(shown.y).toBeGreaterThanOrEqual(0);
    expect(shown.y + shown.height).toBeLessThanOrEqual(PHONE.height);
    // Where the panel was (the rectification's panel is taller than a suggestion's: within the screen of the button).
    expect(Math.abs(shown.y - pressed.y)).toBeLessThanOrEqual(PHONE.height / 2);
    // Rectified (grey now), it stays where it was in the green list, the confirmation right under it.
    expect(await keys()).toEqual(before);
    await expect(page.locator(`tr[data-key="${target.id}"] + tr.panel-row [data-moved-notice]`).count()).resolves.toBe(1);
    await expect(row.locator('td[data-column="status"]').textContent()).resolves.toBe('已整改 · 待验收');
    expect((await call()<Record<string, any>>('GET', `/problems/${target.id}`)).body).toMatchObject({ status: 'rectified', version: 2 });
    await screenshot(page, 'phone-problem-done');
    await context.close();
  });
});

describe('the coverage table on a phone', () => {
  it('is a focusable region named by its visible caption, that says it scrolls and fades on the side with more', async () => {
    const { rollupDeps } = await import('#functions/rollup-composition.ts');
    const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
    await runRollup(rollupDeps(), beijingDate());
    const { context, page } = await openDeskAs(browser, stack.url, PROVINCE_STAFF, '#/', PHONE);
    await page.goto(`${stack.url}/dashboard.html?region=630100`);
    const table = page.locator('#coverage-table');
    await table.waitFor();
    const region = page.locator('.table-wrap:has(> #coverage-table)');
    const caption = table.locator('caption');
    const hint = page.locator('.scroll-frame:has(#coverage-table) .scroll-hint');

    await expect.poll(() => region.getAttribute('data-more')).toBe('end');
    await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    await expect(region.getAttribute('role')).resolves.toBe('region');
    const captionText = await caption.textContent();
    expect(captionText).toBe('西宁市各地区走访覆盖：在册、已走访和覆盖率（最后一行为合计）');
    expect(await region.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent)).toBe(captionText);
    // The caption and the hint are seen, not only read out.
    expect((await box(caption)).height).toBeGreaterThan(12);
    await expect(hint.isVisible()).resolves.toBe(true);
    await expect(hint.textContent()).resolves.toBe('⇆ 表格较宽，可左右滑动查看');
    await expect(region.evaluate((el) => getComputedStyle(el).maskImage)).resolves.toContain('linear-gradient');
    await screenshot(page, 'phone-coverage');
    const card = page.locator('section[aria-labelledby=coverage-title]');
    await card.screenshot({ path: (await screenshot(page, 'phone-coverage-card')) });

    // Scrolled by keyboard: focused, the arrow keys move it, and then both sides have more.
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect.poll(() => region.getAttribute('data-more')).toBe('start end');
    await card.screenshot({ path: (await screenshot(page, 'phone-coverage-card-scrolled')) });

    // On a desktop it fits: no hint, no tab stop.
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => hint.isVisible()).toBe(false);
    await expect(region.evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await expect(region.getAttribute('tabindex')).resolves.toBe(null);
    await screenshot(page, 'phone-coverage');
    await context.close();
  });
});
