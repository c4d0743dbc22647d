import { randomUUID } from 'node:crypto';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Visit, visitKind } from '#schemas/kinds/visit.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { addStoredCounts } from '#functions/repositories/work-counters.ts';
import { writeItems } from '../../bench/rollup.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';

/**
 * A list longer than the desk reads at once says so (显示前 N 条，还有更多) and reads on at 更多,
 * never stopping short in silence; the overview counts the whole list all the same.
 */

let stack: TestApi;
let browser: Browser;
const PROVINCE_STAFF: Person = { role: 'staff', region: '630000', sub: 'province-staff' };
/** More visits awaiting review than the queue's first page of each kind (40 when every kind is listed). */
const WAITING = 45;

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  const call = api(stack.url);
  expect((await call('PUT', '/ministers/m-630102-01', { name: '王建国', level: 'county', regionCode: '630102' })).status).toBeLessThan(300);
  const created = await call<Visit>('POST', '/visits', SAMPLES.visit.valid({ ministerId: 'm-630102-01', countyCode: '630102', date: daysAgo(3) }));
  expect(created.status).toBe(201);
  const records = recordRepository({ client: stack.client, tableName: stack.tableName });
  const template = (await records.get(visitKind, created.body!.id))!.record;
  const at = new Date().toISOString();
  const more = Array.from({ length: WAITING - 1 }, (_, i): Visit => ({
    ...template, id: randomUUID(), date: daysAgo(4 + (i % 20)), branch: { ...template.branch, name: `第${i + 1}村党支部` },
  }));
  await writeItems(stack.client, stack.tableName, more.flatMap((record) => records.storedItems(visitKind, record, {
    version: 1, action: 'create', at, by: 'test', requestId: 'bulk', before: null, after: record,
  })));
  await addStoredCounts({ client: stack.client, tableName: stack.tableName }, visitKind, more);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const text = (locator: Locator) => locator.evaluate((el) => el.textContent ?? '');

describe('a list longer than a page', () => {
  it('says it shows part, reads on at 更多, and the overview counts it whole', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, PROVINCE_STAFF, '#/', PHONE);
    await expect.poll(() => text(page.locator('[data-kind-count="visits"] .count')), { timeout: 15_000 }).toBe(String(WAITING));

    await page.goto(`${stack.url}/desk.html#/queue`);
    const partial = page.locator('[data-partial]');
    await partial.waitFor();
    await expect(text(partial)).resolves.toContain('显示前 40 条，还有更多');
    expect(await page.locator('table.list tbody tr[data-key]').count()).toBe(40);
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      await screenshot(page, 'desk-queue-partial');
    }
    // The first screen of a phone, where the notice must be seen without scrolling.
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: (await screenshot(page, 'desk-queue-partial-top')).replace('.png', '-screen.png') });
    await expect(text(page.locator('.export-bar .count'))).resolves.toContain('已显示 40 条');
    await page.getByRole('button', { name: '更多' }).click();
    await expect.poll(() => page.locator('table.list tbody tr[data-key]').count(), { timeout: 15_000 }).toBe(WAITING);
    await expect(partial.count()).resolves.toBe(0);
    await expect(text(page.locator('.export-bar .count'))).resolves.toContain(String(WAITING));
    expect(errors).toEqual([]);
    await context.close();
  });
});
