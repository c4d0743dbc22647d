import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { deliveryLog } from '#functions/repositories/robot-repository.ts';
import type { TestApi } from '../integration/support/local-stack.ts';
import { axe, readable } from './support/axe.ts';
import { DESKTOP, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { startWithHead, stopAll } from './support/stack.ts';

/**
 * 消息设置 in a real browser: an admin changes a rule's days (kept after a reload), gives a county a
 * WeCom robot (listed with its key masked), and reads the delivery log (a failed post among sent
 * ones, 全部/失败, 更多) — at both widths, with axe's checks. Staff see no such tab.
 */

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const ADMIN: Person = { role: 'admin', region: '630000', sub: 'settings-admin' };
const STAFF: Person = { role: 'staff', region: '630102', sub: 'chengxi-staff' };

let stack: TestApi;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await startWithHead(HEAD));
  const client = createDocumentClient({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
  const log = deliveryLog({ client, tableName: stack.tableName });
  // 25 posts, one page and a bit: the newest failed after its 3 attempts.
  for (let i = 0; i < 25; i += 1) {
    const failed = i === 24;
    await log.put({
      id: `d-${String(i).padStart(2, '0')}`, regionCode: '630102', status: failed ? 'failed' : 'sent', attempts: failed ? 3 : 1,
      lastAnswer: failed ? 'HTTP 500' : '{"errcode":0,"errmsg":"ok"}', createdAt: new Date(Date.UTC(2026, 11, 1, 1, i)).toISOString(),
    });
  }
  client.destroy();
});

afterAll(() => stopAll(stack, browser));

async function shoot(page: Page, name: string): Promise<void> {
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, name);
  }
}

describe('消息设置', () => {
  it('keeps a rule\'s new days after a reload, and names a bad value by its field', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, ADMIN, '#/settings', DESKTOP);
    await page.getByRole('link', { name: '消息设置' }).waitFor();
    const rule = page.locator('fieldset[data-rule="review.waiting"]');
    await expect(rule.locator('legend').textContent()).resolves.toBe('记录待审核');
    await rule.getByLabel('天数').fill('5');
    await page.locator('form[data-rules]').getByRole('button', { name: '保存' }).click();
    await page.locator('[data-saved]').waitFor();
    await page.reload();
    await expect(page.locator('fieldset[data-rule="review.waiting"]').getByLabel('天数').inputValue()).resolves.toBe('5');
    await expect(page.locator('fieldset[data-rule="suggestion.waiting"]').getByLabel('上报上级天数').inputValue()).resolves.toBe('30');

    await page.locator('fieldset[data-rule="problem.due_soon"]').getByLabel('天数').fill('999');
    await page.locator('form[data-rules]').getByRole('button', { name: '保存' }).click();
    const error = page.locator('fieldset[data-rule="problem.due_soon"] [data-error-for="rules[0].days"]');
    await error.waitFor();
    await expect(page.locator('fieldset[data-rule="problem.due_soon"] input[type=number]').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sets a county\'s WeCom robot and lists it masked; the delivery log pages and filters', async () => {
    const { context, page, errors } = await openDeskAs(browser, stack.url, ADMIN, '#/settings', PHONE);
    await page.getByLabel('地区').first().selectOption('630102');
    await page.locator('[data-no-robot]').waitFor();
    await page.getByLabel('类型').selectOption('wecom');
    await page.getByLabel('Webhook 地址').fill('https://example.com/hook');
    await page.locator('[data-robots]').getByRole('button', { name: '保存' }).click();
    await page.locator('[data-robots] [data-error-for="url"]').waitFor();
    await page.getByLabel('Webhook 地址').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123456789abcdef');
    await page.locator('[data-robots]').getByRole('button', { name: '保存' }).click();
    const robot = page.locator('dl[data-robot=wecom]');
    await robot.waitFor();
    await expect(robot.textContent()).resolves.toContain('企业微信机器人');
    await expect(robot.locator('.url').textContent()).resolves.not.toContain('0123456789abcdef');

    const rows = page.locator('[data-deliveries] tbody tr');
    await expect(rows.count()).resolves.toBe(20);
    await expect(rows.first().textContent()).resolves.toContain('失败');
    await expect(rows.first().textContent()).resolves.toContain('2026-12-01 09:24');
    await page.getByRole('button', { name: '更多' }).click();
    await expect.poll(() => rows.count()).toBe(25);
    await shoot(page, 'settings');
    expect(readable('消息设置', await axe(page))).toEqual([]);

    await page.getByLabel('状态').selectOption('failed');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('HTTP 500');

    page.once('dialog', (dialog) => void dialog.accept());
    await robot.getByRole('button', { name: '移除' }).click();
    await page.locator('[data-no-robot]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is not in the staff\'s navigation', async () => {
    const { context, page } = await openDeskAs(browser, stack.url, STAFF, '#/', DESKTOP);
    await expect(page.getByRole('link', { name: '消息设置' }).count()).resolves.toBe(0);
    await context.close();
  });
});
