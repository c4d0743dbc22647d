import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';

/**
 * 验收销号 in a real browser against the local stack: a head reports a problem rectified on its
 * record, the prefecture's staff find it under 灰·待验收 in the ledger and return it with a reason,
 * the head reads why and reports it rectified again, and the staff accept it (销号): it moves to
 * 灰·已销号, and the county's own staff see where it stands without the buttons.
 */

let stack: TestApi;
let browser: Browser;
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-acc', name: '周建华', level: 'county', regionCode: '630102' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'zhou' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
const CHENGDONG_STAFF: Person = { role: 'staff', region: '630102', sub: 'chengdong-staff' };

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  expect((await api(stack.url)('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode })).status).toBeLessThan(300);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const openDesk = (who: Person, hash: string) => openDeskAs(browser, stack.url, who, hash, PHONE);

async function shoot(page: Page, name: string): Promise<void> {
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, name);
  }
  await page.setViewportSize(PHONE);
}

const shown = (locator: Locator) => expect.poll(() => locator.textContent(), { timeout: 15_000 });
const row = (page: Page, id: string) => page.locator(`table.list tr[data-key="${id}"]`);

/** The head moves their problem to 已整改 on its record (整改情况 asked for when it has none yet; 完成日期 today). */
async function reportRectified(page: Page, evidence?: string) {
  const panel = page.locator('[data-status-panel]');
  await panel.getByLabel('已整改').check();
  if (evidence) await panel.getByLabel('整改情况').fill(evidence);
  await panel.getByRole('button', { name: '确认' }).click();
  await shown(page.locator('[data-acceptance-state]')).toContain('待验收');
}

describe('验收销号', () => {
  it('walks one problem from 整改中 to 已整改 (head), back with a reason, and to 销号 (prefecture staff)', async () => {
    const sample = SAMPLES.problem.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(20) });
    const id = String(sample.id);
    expect((await api(stack.url)('POST', '/problems', { ...sample, deadline: daysAgo(-15), status: 'rectifying', description: '党员活动室长期闲置' })).status).toBe(201);

    // The head reports it rectified: it waits for 西宁市's 验收, and the head has nothing to decide.
    const head = await openDesk(HEAD_SELF, `#/record/problems/${id}`);
    await reportRectified(head.page, '活动室已重新开放并制定使用制度');
    expect(await head.page.locator('[data-acceptance-move]').count()).toBe(0);
    await shown(head.page.locator('[data-acceptance-panel]')).toContain('西宁市组织部');

    // The prefecture's staff find it among 待我处理, and under 灰·待验收 with its status saying so.
    const staff = await openDesk(XINING_STAFF, '#/');
    await shown(staff.page.locator('[data-to-do-item="acceptanceWaiting"]')).toContain('问题待验收');
    await shoot(staff.page, 'acceptance-to-do');
    await staff.page.locator('[data-to-do-item="acceptanceWaiting"] a').click();
    await shown(row(staff.page, id).locator('td[data-column="status"]')).toBe('已整改 · 待验收');
    await shoot(staff.page, 'acceptance-ledger-waiting');
    await row(staff.page, id).locator('td[data-column="description"] a').click();
    const panel = staff.page.locator('[data-acceptance-panel]');
    await panel.locator('[data-acceptance-move="returned"]').waitFor();
    await shoot(staff.page, 'acceptance-panel');

    // A return needs a reason (the API's own rule, said before sending).
    await panel.locator('[data-acceptance-move="returned"]').click();
    await shown(panel.locator('.error-text')).toBe('请说明理由');
    await panel.getByLabel(/退回理由/).fill('请补充活动室使用登记照片');
    await panel.locator('[data-acceptance-move="returned"]').click();
    await shown(panel.locator('[data-acceptance-done]')).toContain('已退回整改');
    expect((await api(stack.url)<Rec>('GET', `/problems/${id}`)).body).toMatchObject({ status: 'rectifying', acceptance: { state: 'returned', reason: '请补充活动室使用登记照片' } });

    // The head reads why, and reports it rectified again.
    await head.page.reload();
    await shown(head.page.locator('[data-acceptance-reason]')).toBe('请补充活动室使用登记照片');
    await shoot(head.page, 'acceptance-returned-head');
    // Its 整改情况 is kept from the first time: only the move is asked for.
    await reportRectified(head.page);

    // The staff accept it now: 已销号, and nothing more to decide but a return.
    await staff.page.reload();
    await panel.locator('[data-acceptance-move="accepted"]').click();
    await shown(panel.locator('[data-acceptance-state]')).toContain('已销号');
    expect(await panel.locator('[data-acceptance-move="accepted"]').count()).toBe(0);
    expect((await api(stack.url)<Rec>('GET', `/problems/${id}`)).body).toMatchObject({ status: 'rectified', acceptance: { state: 'accepted', by: 'xining-staff' } });
    await shoot(staff.page, 'acceptance-accepted');

    await staff.page.evaluate(() => { location.hash = '#/problems?light=accepted'; });
    await shown(row(staff.page, id).locator('td[data-column="status"]')).toBe('已整改 · 已销号');
    await shown(staff.page.locator('[data-by-region] tr[data-region="630102"] td[data-light="accepted"]')).not.toBe('0');
    await shoot(staff.page, 'acceptance-ledger-accepted');

    // The county's own staff see where it stands, and no button; the head may no longer correct it.
    const county = await openDesk(CHENGDONG_STAFF, `#/record/problems/${id}`);
    await shown(county.page.locator('[data-acceptance-state]')).toContain('已销号');
    expect(await county.page.locator('[data-acceptance-move]').count()).toBe(0);
    await head.page.reload();
    await shown(head.page.locator('[data-acceptance-state]')).toContain('已销号');
    expect(await head.page.locator('nav.record-parts').getByRole('link', { name: '修改', exact: true }).count()).toBe(0);
    for (const opened of [head, staff, county]) {
      expect(opened.errors).toEqual([]);
      await opened.context.close();
    }
  });
});
