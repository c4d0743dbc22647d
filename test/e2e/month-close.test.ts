import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { previousMonth } from '#web/src/months/calendar.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, ifMatch, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { axe, readable } from './support/axe.ts';
import { DESKTOP, newContext, openDeskAs, openFormsAs, PHONE, type Person, screenshot, signInAs } from './support/browser.ts';
import type { TableStreamPoller } from '#local/table-stream.ts';
import { feedDecisionNotices, rollUpToday, startWithHead, stopAll } from './support/stack.ts';

/**
 * 月度报送 walked in a real browser, one month from 报送 to 确认 with a return in between: the county's
 * staff 报送; the prefecture's 退回 with a reason; the county's staff read it in 消息 and open the month
 * from it (a colleague 报送 it meanwhile: the page's own 报送 meets a 412 and shows the month anew);
 * the prefecture 审核通过 (its other counties through the API), then 报送 its own month; the province
 * 审核通过 and 确认 it. Then the head's form for that month is stopped before it is sent, and an outbox
 * entry the API refuses as month-locked stays, with the API's words.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };
const COUNTY: Person = { role: 'staff', region: '630102', sub: 'chengdong-staff', name: '李芳' };
const PREFECTURE: Person = { role: 'staff', region: '630100', sub: 'xining-staff', name: '张伟' };
const PROVINCE: Person = { role: 'staff', region: '630000', sub: 'qinghai-staff', name: '赵敏' };
const MONTH = previousMonth(beijingDate());
const DAY = `${MONTH}-15`;
const REASON = '城东区有 1 条走访记录尚未审核，请审核后重新报送';

let stack: TestApi;
let browser: Browser;
let notices: TableStreamPoller | undefined;

// The steps' notices come from the table's stream, as on AWS (the decisions function).
beforeAll(async () => {
  ({ stack, browser } = await startWithHead(HEAD, { stream: true }));
  notices = await feedDecisionNotices(stack);
});
afterAll(async () => {
  await notices?.stop();
  await stopAll(stack, browser);
});

const as = (who: Person) => api(stack.url, tokenFor({ role: who.role, region: who.region, sub: who.sub, name: who.name, ministerId: who.ministerId }));
const card = (page: Page) => page.locator('.month-card');
const stateOf = (page: Page) => card(page).getAttribute('data-state');

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, name);
  }
  await page.setViewportSize(size);
}

/** A step taken on the page: its button, the reason dialog when it asks one, and the month's new state. */
async function step(page: Page, action: string, state: string, reason?: string): Promise<void> {
  await card(page).locator(`button[data-action=${action}]`).click();
  if (reason !== undefined) {
    const dialog = page.locator('dialog.reason-dialog');
    await dialog.waitFor();
    await dialog.locator('textarea').fill(reason);
    await dialog.locator('button[data-confirm]').click();
    await dialog.waitFor({ state: 'detached' });
  }
  await expect.poll(() => stateOf(page)).toBe(state);
}

/** A county's month 报送 by its staff and 审核通过 by the prefecture's, through the API. */
async function approvedThroughApi(county: string): Promise<void> {
  const staff = as({ role: 'staff', region: county, sub: `staff-${county}` });
  const seen = (await staff<Rec>('GET', `/months/${MONTH}/${county}`)).body!;
  const submitted = await staff<Rec>('POST', `/months/${MONTH}/${county}/submit`, {}, ifMatch(seen.version));
  expect(submitted.status).toBe(200);
  const approved = await as(PREFECTURE)<Rec>('POST', `/months/${MONTH}/${county}/approve`, {}, ifMatch(submitted.body!.version));
  expect(approved.status).toBe(200);
}

describe('月度报送', () => {
  it('walks a month from 报送 to 确认 with a return in between, each level on its own page', async () => {
    const created = await as(HEAD_SELF)<Rec>('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: DAY }));
    expect(created.status).toBe(201);

    // The county's staff: the previous month by default, its record awaiting review and the way to it; 报送.
    const county = await openDeskAs(browser, stack.url, COUNTY, '#/months', PHONE);
    await expect.poll(() => stateOf(county.page)).toBe('open');
    await expect(card(county.page).getAttribute('data-month')).resolves.toBe(MONTH);
    await expect(card(county.page).locator('[data-count=records]').textContent()).resolves.toBe('1');
    await expect(card(county.page).locator('[data-count=awaitingReview]').textContent()).resolves.toBe('1');
    await expect(card(county.page).locator('[data-queue]').getAttribute('href')).resolves.toMatch(new RegExp(`^#/queue\\?region=630102&from=${MONTH}-01&to=${MONTH}-\\d\\d$`));
    await shoot(county.page, 'months-county-open');
    expect(readable('months, county', await axe(county.page))).toEqual([]);
    await step(county.page, 'submit', 'submitted');
    // Locked: no more 报送, and its records are no longer the queue's to review.
    await expect(card(county.page).locator('button[data-action=submit]').count()).resolves.toBe(0);
    await expect(card(county.page).locator('[data-queue]').count()).resolves.toBe(0);
    await county.context.close();

    // The prefecture's staff: 退回 with a reason, asked in a dialog that will not go without one.
    const prefecture = await openDeskAs(browser, stack.url, PREFECTURE, `#/months?region=630102&month=${MONTH}`, DESKTOP);
    await expect.poll(() => stateOf(prefecture.page)).toBe('submitted');
    await card(prefecture.page).locator('button[data-action=return]').click();
    const dialog = prefecture.page.locator('dialog.reason-dialog');
    await dialog.locator('button[data-confirm]').click();
    await expect.poll(() => dialog.locator('#reason-error').textContent()).toBe('请填写退回原因');
    await dialog.locator('textarea').fill(REASON);
    await shoot(prefecture.page, 'months-return-dialog');
    expect(readable('return dialog', await axe(prefecture.page))).toEqual([]);
    await dialog.locator('button[data-confirm]').click();
    await expect.poll(() => stateOf(prefecture.page)).toBe('returned');
    await expect(prefecture.page.locator('.month-trail li[data-step=return]').textContent()).resolves.toContain(REASON);

    // The county's staff read the return in 消息 and open the month from it.
    await expect.poll(async () => (await as(COUNTY)<Rec>('GET', '/notices/unread')).body!.count, { timeout: 10_000 }).toBeGreaterThan(0);
    const again = await openDeskAs(browser, stack.url, COUNTY, '#/', PHONE);
    await again.page.locator('#who .inbox-button').click();
    const notice = again.page.locator(`#inbox li[data-notice] a[href$="#/months?region=630102&month=${MONTH}"]`).first();
    await notice.waitFor();
    await notice.click();
    await again.page.waitForURL(new RegExp(`#/months\\?region=630102&month=${MONTH}$`));
    await expect.poll(() => stateOf(again.page)).toBe('returned');
    await expect(again.page.locator('.month-trail').textContent()).resolves.toContain(REASON);
    // A colleague 报送 it meanwhile: the page's 报送 meets a 412, reads the month again and says so.
    const seen = (await as(COUNTY)<Rec>('GET', `/months/${MONTH}/630102`)).body!;
    expect((await as({ ...COUNTY, sub: 'chengdong-colleague', name: '马丽' })('POST', `/months/${MONTH}/630102/submit`, {}, ifMatch(seen.version))).status).toBe(200);
    await card(again.page).locator('button[data-action=submit]').click();
    await expect.poll(() => stateOf(again.page)).toBe('submitted');
    await expect(card(again.page).locator('[data-month-said]').textContent()).resolves.toBe(`城东区${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5))}月刚被他人更新，已重新加载，请查看后再决定。`);
    await expect(again.page.locator('.month-trail li[data-step=submit]').last().textContent()).resolves.toContain('马丽');
    expect(again.errors).toEqual([]);
    await again.context.close();

    // The prefecture 审核通过; its own month waits for the other counties, then goes up.
    await prefecture.page.reload();
    await expect.poll(() => stateOf(prefecture.page)).toBe('submitted');
    await step(prefecture.page, 'approve', 'approved');
    await prefecture.page.goto(`${stack.url}/desk.html#/months?month=${MONTH}`);
    await expect.poll(() => card(prefecture.page).getAttribute('data-region')).toBe('630100');
    const others = childrenOf('630100').map((c) => c.code).filter((c) => c !== '630102');
    await expect(prefecture.page.locator('.month-action [data-why]').textContent()).resolves.toBe(`尚有 ${others.length} 个县（市、区）未审核通过`);
    await expect(prefecture.page.locator('tr[data-child="630102"]').getAttribute('data-state')).resolves.toBe('approved');
    for (const code of others) await approvedThroughApi(code);
    await prefecture.page.reload();
    await expect.poll(() => card(prefecture.page).locator('button[data-action=submit]').isEnabled()).toBe(true);
    await step(prefecture.page, 'submit', 'submitted');
    await shoot(prefecture.page, 'months-prefecture-submitted');
    expect(prefecture.errors).toEqual([]);
    await prefecture.context.close();

    // The province: 审核通过, then 确认 (its reason optional); the counties are confirmed with it.
    const province = await openDeskAs(browser, stack.url, PROVINCE, `#/months?region=630100&month=${MONTH}`, PHONE);
    await expect.poll(() => stateOf(province.page)).toBe('submitted');
    await step(province.page, 'approve', 'approved');
    await step(province.page, 'confirm', 'confirmed', '');
    await expect(province.page.locator('.month-trail li').count()).resolves.toBe(3);
    await shoot(province.page, 'months-prefecture-confirmed');
    expect(readable('months, province', await axe(province.page))).toEqual([]);
    expect(province.errors).toEqual([]);
    await province.context.close();
    expect((await as(COUNTY)<Rec>('GET', `/months/${MONTH}/630102`)).body!.state).toBe('confirmed');
  });

  it("tells the head the month is locked before the form is sent, sends nothing, and keeps a refused outbox entry with the API's words", async () => {
    const { context, page } = await openFormsAs(browser, stack.url, HEAD_SELF, PHONE);
    const form = page.locator('form[data-kind=visit]');
    await form.getByLabel('走访日期').fill(DAY);
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    const lock = page.locator('#month-locked');
    await lock.waitFor();
    // Confirmed with its prefecture: the province reopens the prefecture first, then the county (top down).
    await expect(lock.textContent()).resolves.toContain('城东区' + `${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5, 7))}月（已确认）：本月已报送，如需修改请联系青海省工作人员逐级重新打开`);
    await form.getByLabel('村党支部').check();
    await form.getByLabel('党组织名称').fill('城东区周家泉村党支部');
    await form.getByLabel('支部党员大会').check();
    await form.getByLabel('召开座谈会（场）').fill('1');
    await form.getByLabel('党员参加（人次）').fill('23');
    await form.getByRole('button', { name: '提交走访记录' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('month-locked');
    await expect(page.locator('#queue li').count()).resolves.toBe(0);
    await shoot(page, 'forms-month-locked');
    expect(readable('forms, locked month', await axe(page))).toEqual([]);

    // Kept on the device before the month closed (offline), sent now: refused, and kept with the API's message.
    const waiting = SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: DAY });
    await page.evaluate(({ body, key }) => {
      const entry = { id: body.id, kind: 'visit', path: '/visits', title: '走访记录 · 离线填写', body, state: 'waiting', queuedAt: new Date().toISOString(), attempts: 0 };
      localStorage.setItem(key, JSON.stringify([entry]));
    }, { body: waiting, key: `xjc.outbox@${HEAD_SELF.sub}` });
    await page.reload();
    const refused = page.locator('#queue li[data-state=refused]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('本月已报送，如需修改请联系');
    await expect(refused.getByRole('button', { name: '修改后重新提交' }).count()).resolves.toBe(1);
    await shoot(page, 'forms-outbox-month-locked');
    await context.close();
  });

  it('shows on the dashboard how far each month is signed off', async () => {
    await rollUpToday();
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html?region=630100', PREFECTURE);
    await page.locator('[data-figure=sessions]').waitFor();
    const summary = (await as(PREFECTURE)<Rec>('GET', '/summary?region=630100')).body!;
    if (summary.signOff) {
      const line = page.locator(`#sign-off-title ~ dl dd[data-month="${MONTH}"]`);
      await line.waitFor();
      await expect(line.textContent()).resolves.toContain('已确认');
    }
    await shoot(page, 'dashboard-sign-off');
    await context.close();
  });
});
