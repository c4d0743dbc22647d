import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableStreamPoller } from '#local/table-stream.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { axe, readable } from './support/axe.ts';
import { DESKTOP, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { feedDecisionNotices, startWithHead, stopAll } from './support/stack.ts';

/**
 * 消息 and 待我处理 in a real browser, with decision notices made as `npm start` makes them (the table's
 * stream handed to the notices' function module): staff return a visit with a comment on the desk; the
 * head's page shows 消息 with 1 unread, the inbox shows the comment and opens the record, and the count
 * drops to 0 — at a phone's width, by keyboard, with axe's checks.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const STAFF: Person = { role: 'staff', region: '630102', sub: 'chengxi-staff' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };
const COMMENT = '缺少走访照片，请补拍后重新提交';

let stack: TestApi;
let browser: Browser;
let poller: TableStreamPoller;

beforeAll(async () => {
  ({ stack, browser } = await startWithHead(HEAD, { stream: true }));
  poller = await feedDecisionNotices(stack);
});

afterAll(async () => {
  await poller?.stop();
  await stopAll(stack, browser);
});

const headApi = () => api(stack.url, tokenFor({ role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' }));

async function visit(): Promise<Rec> {
  const created = await headApi()<Rec>('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(2) }));
  expect(created.status).toBe(201);
  return created.body!;
}

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, name);
  }
  await page.setViewportSize(size);
}

const inboxButton = (page: Page) => page.locator('#who .inbox-button');

describe('消息', () => {
  it("tells the head of a return within 10 seconds, shows the reviewer's comment, opens the record and is read", async () => {
    const returned = await visit();
    await visit(); // still awaiting review: the staff's 待我处理 counts it

    // Staff: 待我处理 on the 工作台, then the return, with its comment, on the record's page.
    const staff = await openDeskAs(browser, stack.url, STAFF, '#/', DESKTOP);
    const awaiting = staff.page.locator('[data-to-do-item="awaitingReview"]');
    await expect.poll(() => awaiting.locator('.count').textContent()).toBe('2');
    await expect(awaiting.getByRole('link').getAttribute('href')).resolves.toBe('#/queue');
    await shoot(staff.page, 'to-do-staff');
    expect(readable('staff to-do', await axe(staff.page))).toEqual([]);
    await staff.page.goto(`${stack.url}/desk.html#/record/visits/${returned.id}`);
    await staff.page.locator('[data-review-panel]').waitFor();
    await staff.page.getByLabel('审核意见').fill(COMMENT);
    await staff.page.getByRole('button', { name: '退回', exact: true }).click();
    await staff.page.locator('[data-review-done]').waitFor();
    const decidedAt = Date.now();
    expect(staff.errors).toEqual([]);
    await staff.context.close();

    // The notice reaches the head within 10 seconds of the decision (timed at the API, so a page's own
    // loading under a busy machine is not counted), and the head's page then shows it on 消息.
    for (;;) {
      const { count } = (await headApi()<Rec>('GET', '/notices/unread')).body!;
      if (count === 1) break;
      expect(Date.now() - decidedAt, `unread: ${count}`).toBeLessThan(10_000);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    console.info(`decision to the head's notice: ${Date.now() - decidedAt} ms`);
    const head = await openDeskAs(browser, stack.url, HEAD_SELF, '#/mine', PHONE);
    const { page } = head;
    await expect.poll(() => inboxButton(page).getAttribute('aria-label')).toBe('消息，1 条未读');
    await expect(page.locator('#who .inbox-button .badge').textContent()).resolves.toBe('1');

    // 待我处理: the returned record and the unread notice, each one click from acting on it.
    const toDo = page.locator('[data-to-do]');
    await expect.poll(() => toDo.locator('[data-to-do-item="returned"] .count').textContent()).toBe('1');
    await expect(toDo.locator('[data-to-do-item="unread"] .count').textContent()).resolves.toBe('1');
    await expect(toDo.locator('[data-to-do-item="returned"] a').getAttribute('href')).resolves.toBe('#/mine?review=rejected');
    await shoot(page, 'to-do-head');
    expect(readable('head to-do', await axe(page))).toEqual([]);

    // Opened by keyboard; the heading takes the focus; the comment is there, the notice marked unread.
    await inboxButton(page).focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#inbox');
    const item = panel.locator(`li[data-notice]`).first();
    await item.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inbox-title');
    await expect(item.textContent()).resolves.toContain(COMMENT);
    await expect(item.getAttribute('class')).resolves.toBe('unread');
    await expect(inboxButton(page).getAttribute('aria-expanded')).resolves.toBe('true');
    // On a phone the inbox stays within the screen.
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'inbox-open');
    expect(readable('inbox open', await axe(page))).toEqual([]);

    // Escape closes it and gives the focus back; 待我处理's unread tile opens it again.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('inbox-button'))).toBe(true);
    await toDo.locator('[data-to-do-item="unread"] button').click();
    await item.waitFor();

    // Following it opens the record, and reads it: the count drops to 0 and the badge goes.
    await item.getByRole('link').click();
    await page.waitForURL(new RegExp(`#/record/visits/${returned.id}$`));
    await page.locator('#record-title').waitFor();
    await expect.poll(() => inboxButton(page).getAttribute('aria-label')).toBe('消息');
    await expect(page.locator('#who .inbox-button .badge').count()).resolves.toBe(0);
    // 待我处理 follows the header: nothing unread any more.
    await page.goto(`${stack.url}/desk.html#/mine`);
    await toDo.locator('[data-to-do-item="returned"]').waitFor();
    await expect(toDo.locator('[data-to-do-item="unread"]').count()).resolves.toBe(0);
    expect((await headApi()<Rec>('GET', '/notices/unread')).body).toEqual({ count: 0 });
    expect(head.errors).toEqual([]);
    await head.context.close();
  });

  it('pages with 更多 and reads all with 全部标为已读, on a desktop', async () => {
    const staffApi = api(stack.url, tokenFor({ role: 'staff', region: '630102', sub: 'chengxi-staff' }));
    // Whatever an earlier test left unread is read first, so the count below is this test's own.
    expect((await headApi()('POST', '/notices/read', {})).status).toBe(204);
    const already = (await headApi()<Rec>('GET', '/notices')).body!.items.length as number;
    for (let i = 0; i < 11; i += 1) {
      const v = await visit();
      expect((await staffApi<Rec>('PATCH', `/visits/${v.id}/review`, { state: 'has_issues', comment: `第 ${i + 1} 条请核实` }, ifMatch(1))).status).toBe(200);
    }
    await expect.poll(async () => (await headApi()<Rec>('GET', '/notices/unread')).body!.count, { timeout: 15_000 }).toBe(11);

    const { context, page, errors } = await openDeskAs(browser, stack.url, HEAD_SELF, '#/mine', DESKTOP);
    await expect.poll(() => inboxButton(page).getAttribute('aria-label')).toBe('消息，11 条未读');
    await expect.poll(() => page.locator('[data-to-do-item="unread"] .count').textContent()).toBe('11');
    await inboxButton(page).click();
    const items = page.locator('#inbox li[data-notice]');
    await expect.poll(() => items.count()).toBe(10);
    await page.getByRole('button', { name: '更多' }).click();
    await expect.poll(() => items.count()).toBe(11 + already);
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => inboxButton(page).getAttribute('aria-label')).toBe('消息');
    await expect(page.locator('#inbox li.unread').count()).resolves.toBe(0);
    // 待我处理 keeps the header's number as notices are read there, without a reload.
    await expect(page.locator('[data-to-do-item="unread"]').count()).resolves.toBe(0);
    expect((await headApi()<Rec>('GET', '/notices/unread')).body).toEqual({ count: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
