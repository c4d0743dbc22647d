import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from '#local/issuer.ts';
import type { TestApi } from '../integration/support/local-stack.ts';
import { axe, readable } from './support/axe.ts';
import { DESKTOP, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { startWithHead, stopAll } from './support/stack.ts';

/**
 * 用户管理 in a real browser: an admin adds a head's account, moves it to the city above (told it
 * takes effect at the next sign-in) and disables it (listed as 已停用, and so on the local sign-in
 * page); staff are offered no admin role, and the API refuses one sent anyway — at both widths.
 */

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const ADMIN: Person = { role: 'admin', region: '630000', sub: 'accounts-admin' };
const STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };

let stack: TestApi;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await startWithHead(HEAD));
});
afterAll(() => stopAll(stack, browser));

async function shoot(page: Page, name: string): Promise<void> {
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, name);
  }
}

const saved = (page: Page) => page.locator('[data-saved]').textContent();

describe('用户管理', () => {
  it('lets an admin add a head\'s account, move its region and disable it', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, ADMIN, '#/accounts', DESKTOP);
    await page.getByRole('link', { name: '用户管理' }).first().waitFor();
    await page.locator('[data-add-account]').click();
    await page.fill('#account-username', '13800138000');
    await page.fill('#account-name', '王建国');
    await page.selectOption('#account-region', '630102');
    await page.selectOption('#account-head', HEAD.id);
    await page.fill('#account-phone', '13800138000');
    await shoot(page, 'accounts-new');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(saved(page)).resolves.toContain('已新增账号 13800138000');

    // A wrong phone comes back from the API beside its field.
    await page.fill('#account-phone', '12345');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#account-phone-error[role="alert"]').waitFor();

    await page.fill('#account-phone', '13800138000');
    await page.selectOption('#account-region', '630100');
    await page.selectOption('#account-head', HEAD.id);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(saved(page)).resolves.toContain('下次登录时生效');

    await page.uncheck('#account-enabled');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(saved(page)).resolves.toContain('已停用');
    await shoot(page, 'accounts-edit');

    await page.goto(`${stack.url}/desk.html#/accounts`);
    const row = page.locator('tr[data-key="13800138000"]');
    await expect(row.locator('[data-column="enabled"]').textContent()).resolves.toContain('已停用');
    await expect(row.locator('[data-column="region"]').textContent()).resolves.toBe('西宁市');
    await shoot(page, 'accounts-list');
    expect(readable('用户管理', await axe(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The local sign-in page lists it, and will not sign in as it.
    const signIn = await browser.newPage();
    await signIn.goto(`${stack.url}/desk.html`);
    await signIn.getByRole('button', { name: '登录' }).click();
    await signIn.waitForURL(/\/oauth2\/authorize/);
    const listed = signIn.locator('button[name="account"][value="13800138000"]');
    await expect(listed.textContent()).resolves.toContain('已停用');
    await expect(listed.isDisabled()).resolves.toBe(true);
    await shoot(signIn, 'accounts-sign-in');
    await signIn.close();
  });

  it('offers staff no admin role, and the API refuses one sent anyway', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, STAFF, '#/accounts/new', PHONE);
    await page.locator('#account-role').waitFor();
    await expect(page.locator('#account-role option').allTextContents()).resolves.toEqual(['填报人', '工作人员']);
    await shoot(page, 'accounts-staff');
    expect(errors).toEqual([]);
    await context.close();

    const token = userToken(stack.issuer, { sub: STAFF.sub!, role: 'staff', region: '630100' });
    const answer = await fetch(`${stack.url}/accounts/boss`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '某', role: 'admin', region: '630100', enabled: true }),
    });
    expect(answer.status).toBe(403);
  });
});
