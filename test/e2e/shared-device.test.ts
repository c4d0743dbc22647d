import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRecords } from '../support/table-scan.ts';
import { api, type TestApi } from '../integration/support/local-stack.ts';
import { startWithHead, stopAll } from './support/stack.ts';
import { DESKTOP, newContext, PHONE, screenshot, signInAs } from './support/browser.ts';

/**
 * One phone, two people (issue 21 §1): what a head leaves on the device — a visit queued offline,
 * an unfinished form — is theirs. The admin who signs in next neither sees nor sends it; signing out
 * offline says what waits and for whom (no browser error page); the head signing in again sends it
 * with their own token and gets their form back.
 */

let stack: TestApi;
let browser: Browser;
const HEAD = { id: 'm-630102-07', name: '李国庆', level: 'county', regionCode: '630102' };
const HEAD_SIGN_IN = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'head-on-shared-phone' } as const;
const ADMIN_SIGN_IN = { role: 'admin', region: '630000', sub: 'admin-on-shared-phone' } as const;
const call = () => api(stack.url);

beforeAll(async () => ({ stack, browser } = await startWithHead(HEAD)));
afterAll(() => stopAll(stack, browser));

async function fillVisit(page: Page, branchName: string): Promise<void> {
  await page.getByLabel('所在县（市、区）').selectOption('630102');
  await page.getByLabel('村党支部').check();
  await page.getByLabel('党组织名称').fill(branchName);
  await page.getByLabel('党课').check();
  await page.getByLabel('召开座谈会（场）').fill('1');
  await page.getByLabel('党员参加（人次）').fill('12');
}

const signOutButton = (page: Page) => page.locator('#who').getByRole('button', { name: '退出' });

describe('a shared phone', () => {
  it("keeps a head's queued visit and unfinished form for the head: not sent nor shown under the admin who signs in next", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAs(page, stack.url, '/', HEAD_SIGN_IN);
    await page.locator('form[data-kind=visit]').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);

    // Offline: one visit submitted (it waits), another started (a draft).
    await context.setOffline(true);
    await fillVisit(page, '城东区东川村党支部');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    const waiting = page.locator('#queue li[data-state=waiting]');
    await waiting.waitFor();
    const visitId = (await waiting.getAttribute('data-id'))!;
    await page.getByLabel('所在县（市、区）').selectOption('630102');
    await page.getByLabel('党组织名称').fill('城东区西川村党支部');

    // Signing out offline: signed out here, told what waits and for whom, no browser error page.
    await signOutButton(page).click();
    const notice = page.locator('#signed-out');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(`${HEAD.name}（填报人）有 1 条提交待发送`);
    await expect(notice.textContent()).resolves.toContain('当前离线');
    await expect(page.getByRole('button', { name: '登录' }).isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).origin).toBe(stack.url);
    await screenshot(page, 'signed-out-offline');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'signed-out-offline');
    await page.setViewportSize(PHONE);

    // The admin signs in online on the same browser: nothing of the head's is shown or sent.
    await context.setOffline(false);
    await signInAs(page, stack.url, '/', ADMIN_SIGN_IN);
    await page.locator('form[data-kind=visit]').waitFor();
    await expect(page.locator('#who-name').textContent()).resolves.toContain('管理员');
    // Long enough for the page's first send and one retry round (every 5 s).
    await page.waitForTimeout(6_000);
    await expect(page.locator('#queue li').count()).resolves.toBe(0);
    await expect(page.locator('#draft-restored').count()).resolves.toBe(0);
    await expect(page.getByLabel('党组织名称').inputValue()).resolves.toBe('');
    expect((await storedRecords(stack.client, stack.tableName)).has(`visit#${visitId}`)).toBe(false);

    // The head back: the visit goes with the head's token, the unfinished form reopens.
    await signOutButton(page).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await signInAs(page, stack.url, '/', HEAD_SIGN_IN);
    await page.locator(`#queue li[data-id="${visitId}"][data-state=sent]`).waitFor();
    const stored = await call()<Record<string, unknown>>('GET', `/visits/${visitId}`);
    expect(stored.body).toMatchObject({ submittedBy: HEAD_SIGN_IN.sub, ministerId: HEAD.id, branch: { name: '城东区东川村党支部' } });
    await page.locator('#draft-restored').waitFor();
    await expect(page.getByLabel('党组织名称').inputValue()).resolves.toBe('城东区西川村党支部');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the start page, not the browser\'s error page, for a page never kept on the device when offline', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await context.setOffline(true);
    await page.goto(`${stack.url}/logout?client_id=web&logout_uri=${encodeURIComponent(`${stack.url}/`)}`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await context.close();
  });
});
