import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BULLETIN_COLUMNS, rateText } from '#schemas/bulletin-columns.ts';
import type { Bulletin } from '#schemas/bulletin.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { cardRepository } from '#functions/repositories/card-repository.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { api, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { all, openDocx } from '../support/ooxml.ts';
import { DESKTOP, launchBrowser, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';

/**
 * The 通报 on the desk, in a real browser against the local stack: a prefecture's counties ranked for
 * last month as the API ranks them, 暂定 while the month is not confirmed, the formula under the
 * table, and both downloads (.xlsx and .docx) holding the API's figures.
 */

let stack: TestApi;
let browser: Browser;
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
const today = beijingDate();
const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  const call = api(stack.url);
  for (const [county, visits] of [['630102', 3], ['630103', 1]] as const) {
    expect((await call('PUT', `/ministers/m-${county}`, { name: `部长${county}`, level: 'county', regionCode: county })).status).toBe(201);
    for (let i = 0; i < visits; i++) {
      const res = await call('POST', '/visits', {
        id: randomUUID(), ministerId: `m-${county}`, date: `${lastMonth}-1${i}`, branch: { name: `${county}第${i}村党支部`, type: 'village', countyCode: county },
        sessions: ['party_lecture'], symposiums: 1, participants: 12, suggestions: [],
      });
      expect(res.status).toBe(201);
    }
  }
  const store = { client: stack.client, tableName: stack.tableName };
  const rollups = rollupRepository(store);
  const later = { now: () => new Date(Date.now() + 2 * 86_400_000) };
  const cards = { ...makeRecordDeps(store, later), cards: cardRepository(store) };
  await runRollup({ rollups, clock: later, cards }, addDays(`${today.slice(0, 7)}-01`, -1));
  await runRollup({ rollups, clock: later, cards }, today);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const cellText = (row: Bulletin['rows'][number], key: (typeof BULLETIN_COLUMNS)[number]['key']) =>
  key === 'coverageRate' ? rateText(row.figures.coverageRate) : row.figures[key].toLocaleString('zh-CN');

describe('通报 on the desk', () => {
  it('shows the API\'s ranking with 暂定 and the formula, and downloads it as .xlsx and .docx', async () => {
    const bulletin = (await api(stack.url)<Bulletin>('GET', `/bulletins/${lastMonth}/630100`)).body!;
    const { context, page, errors } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/', DESKTOP);
    // Reachable from the navigation; last month by default.
    await page.getByRole('link', { name: '通报' }).click();
    await page.locator('table.bulletin-table tbody tr').first().waitFor();
    await expect(page.locator('#bulletin-month').inputValue()).resolves.toBe(lastMonth);
    await expect(page.locator('.bulletin-title').first().textContent()).resolves.toContain('暂定');
    await expect(page.locator('[data-formula]').textContent()).resolves.toBe(bulletin.formula);
    for (const row of bulletin.rows) {
      const line = page.locator(`tr[data-region="${row.region.code}"]`);
      await expect(line.locator('[data-overall-rank]').textContent()).resolves.toBe(String(row.overallRank));
      for (const c of BULLETIN_COLUMNS) {
        await expect(line.locator(`[data-figure="${c.key}"]`).textContent()).resolves.toBe(`${cellText(row, c.key)}第${row.ranks[c.key]}`);
      }
    }
    expect(bulletin.rows.find((r) => r.region.code === '630102')!.figures.visits).toBe(3);
    // The heads below the table, by their own figures of the month.
    const head = page.locator('tr[data-head="m-630102"]');
    await expect(head.locator('td.number').allTextContents()).resolves.toEqual(['3', '3', '3']);
    expect(bulletin.heads.map((h) => h.minister.id)).toEqual(['m-630102', 'm-630103']);
    await screenshot(page, 'bulletin');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel（.xlsx）' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^通报-西宁市-\d{4}-\d\d-暂定-\d{4}-\d\d-\d\d\.xlsx$/);
    const sheet = await readSheet(readFileSync((await xlsx.path())!));
    expect(sheet).toHaveLength(bulletin.rows.length + 1);
    for (const [i, row] of bulletin.rows.entries()) {
      expect(sheet[i + 1][0]).toBe(row.overallRank);
      expect(sheet[i + 1][1]).toBe(row.region.name);
      expect(sheet[i + 1][4]).toBe(row.figures.visits);
      expect(sheet[i + 1][5]).toBe(row.ranks.visits);
    }

    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word（.docx）' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/西宁市下基层走访工作通报（暂定）\.docx$/);
    const { document, tables, paragraphs } = openDocx(new Uint8Array(readFileSync((await docx.path())!)));
    expect(all(document, 'w:pgSz')[0].attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(paragraphs).toContain(bulletin.formula);
    const cells = all(tables[0], 'w:tr').slice(1).map((tr) => all(tr, 'w:tc').map((tc) => all(tc, 'w:t').map((t) => t.children.join('')).join('')));
    expect(cells).toEqual(bulletin.rows.map((r) => [String(r.overallRank), r.region.name, ...BULLETIN_COLUMNS.map((c) => `${cellText(r, c.key)}（${r.ranks[c.key]}）`)]));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("downloads a head's 述职 and the 调研报告集 as .docx from their own views", async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/duty/m-630102', DESKTOP);
    await page.locator('[data-figure="visits.count"]').waitFor();
    const [duty] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word（.docx）' }).click()]);
    const dutyDoc = openDocx(new Uint8Array(readFileSync((await duty.path())!)));
    expect(dutyDoc.paragraphs[0]).toBe(`部长630102${today.slice(0, 4)}年度述职`);
    expect(all(dutyDoc.document, 'w:pgMar')[0].attrs).toMatchObject({ 'w:top': '2098', 'w:left': '1587' });
    await page.goto(`${stack.url}/desk.html#/collection?region=630100`);
    await page.locator('[data-report-count]').waitFor();
    const [collection] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word（.docx）' }).click()]);
    expect(openDocx(new Uint8Array(readFileSync((await collection.path())!))).paragraphs[0]).toBe('调研报告集');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone: the table scrolls sideways inside its frame, the page does not', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, XINING_STAFF, `#/bulletin?region=630100&month=${lastMonth}`, PHONE);
    await page.locator('table.bulletin-table tbody tr').first().waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await screenshot(page, 'bulletin');
    expect(errors).toEqual([]);
    await context.close();
  });
});
