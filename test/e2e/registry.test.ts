import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, signInAs } from './support/browser.ts';

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

async function openForms(viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await signInAs(page, stack.url, '/', SUBMITTER);
  await page.locator('form[data-kind=visit]').waitFor();
  return { context, page };
}

describe('the forms\' branch picker', () => {
  it('picks a registered branch from the list kept on the device while offline; the record waits and is sent as { id }', async () => {
    const { context, page } = await openForms();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    // Online once: the county's list is fetched and kept.
    await expect(page.locator('[data-path="branch.name"] .branch-status').textContent()).resolves.toMatch(/在册党组织 3 个/);

    await context.setOffline(true);
    await page.reload();
    await page.locator('form[data-kind=visit]').waitFor();
    // The list comes from the device: the page cannot reach the API.
    await page.locator('[data-path="branch.name"] .branch-status', { hasText: '在册党组织 3 个' }).waitFor();
    // A former name, typed with a full-width space and in another width: still found.
    const name = page.getByLabel('党组织名称');
    await name.fill('总寨镇　总寨村');
    const options = page.locator('[role=listbox] [role=option][data-branch]');
    await expect(options.allTextContents()).resolves.toEqual([expect.stringContaining('城中区总寨村党支部')]);
    await shot(page, 'picker-offline');
    await options.first().click();
    await expect(page.locator('.branch-picked').textContent()).resolves.toContain('城中区总寨村党支部');
    // The type comes from the registry: not asked.
    await expect(page.locator('[data-path="branch.type"]').isHidden()).resolves.toBe(true);
    await page.getByLabel('党员参加（人次）').fill('18');
    await page.getByLabel('召开座谈会（场）').fill('0');
    await page.getByLabel('党课').check();
    await shot(page, 'picker-picked');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'waiting').waitFor();
    const id = await queueEntry(page, 'waiting').getAttribute('data-id');
    const kept = await page.evaluate((entryId) => (JSON.parse(localStorage.getItem('xjc.outbox')!) as { id: string; body: { branch: unknown } }[]).find((e) => e.id === entryId)!.body.branch, id);
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
