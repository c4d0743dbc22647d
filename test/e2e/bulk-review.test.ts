import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { DESKTOP, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { startWithHead, stopAll } from './support/stack.ts';
import { axe, readable } from './support/axe.ts';

/**
 * 批量通过 in a real browser: a prefecture staffer ticks three visits in 待审核, one of which its head
 * corrects meanwhile, approves them after a confirmation, and is told which two were approved and that
 * the third changed meanwhile — by keyboard where a person would use one, and read again from the queue.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };

let stack: TestApi;
let browser: Browser;
const call = () => api(stack.url);

async function visit(): Promise<Rec> {
  const created = await call()<Rec>('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(2) }));
  expect(created.status).toBe(201);
  return created.body!;
}

const titleOf = (v: Rec) => `${v.branch.name} · ${v.date}`;

/** The page at a phone's width and a desktop's, then back. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await screenshot(page, name);
  }
  await page.setViewportSize(size);
}

beforeAll(async () => {
  ({ stack, browser } = await startWithHead(HEAD));
});

afterAll(async () => stopAll(stack, browser));

describe('批量通过', () => {
  it('approves the ticked visits each at the version shown, and lists the one its head changed meanwhile', async () => {
    const [first, second, changed] = [await visit(), await visit(), await visit()];
    const untouched = await visit();
    const { context, page, errors } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/queue?kind=visits', DESKTOP);
    const tick = (v: Rec) => page.getByRole('checkbox', { name: `选择：${titleOf(v)}` });
    await tick(first).waitFor();

    // Ticked by keyboard (Space) and by pointer alike.
    await tick(first).focus();
    await page.keyboard.press('Space');
    await tick(second).check();
    await tick(changed).check();
    const approve = page.getByRole('button', { name: '批量通过（3）' });
    await approve.waitFor();
    await expect(page.locator('[data-tick-all]').evaluate((box: HTMLInputElement) => box.indeterminate)).resolves.toBe(true);
    await shoot(page, 'desk-bulk-ticked');
    expect(readable('ticked', await axe(page))).toEqual([]);

    // The head corrects the third while the reviewer looks.
    const token = tokenFor({ role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' });
    expect((await api(stack.url, token)('PATCH', `/visits/${changed.id}`, { participants: 77 }, ifMatch(1))).status).toBe(200);

    await approve.click();
    expect(readable('confirming', await axe(page))).toEqual([]);
    const confirm = page.getByRole('button', { name: '确认通过' });
    await expect.poll(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const result = page.locator('[data-bulk-result]');
    await result.waitFor();
    await expect.poll(() => result.locator('h4').textContent()).toBe('已通过 2 条，1 条未通过。');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('已通过 2 条，1 条未通过。');
    const refused = result.locator('li');
    await expect(refused.count()).resolves.toBe(1);
    await expect(refused.first().getAttribute('data-refused')).resolves.toBe(changed.id);
    await expect(refused.first().textContent()).resolves.toContain('已被他人修改');
    await expect(refused.first().getByRole('link').getAttribute('href')).resolves.toContain(`#/record/visits/${changed.id}`);

    // The queue read again: the two approved are gone, the changed one and the untouched one wait, nothing ticked.
    await expect.poll(() => page.$$eval('table.list tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')).sort())).toEqual([changed.id, untouched.id].sort());
    await expect(page.locator('[data-ticked]').getAttribute('data-ticked')).resolves.toBe('0');
    await shoot(page, 'desk-bulk-result');
    expect(readable('result', await axe(page))).toEqual([]);

    const stored = async (v: Rec) => (await call()<Rec>('GET', `/visits/${v.id}`)).body!;
    expect((await stored(first)).review).toMatchObject({ state: 'approved', by: 'xining-staff' });
    expect((await stored(second)).review.state).toBe('approved');
    expect(await stored(changed)).toMatchObject({ version: 2, participants: 77, review: { state: 'received' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when more than 100 are ticked and approves none until fewer are', async () => {
    const visits: Rec[] = [];
    for (let i = 0; i < 101; i++) visits.push(await visit());
    const { context, page } = await openDeskAs(browser, stack.url, XINING_STAFF, '#/queue?kind=visits', PHONE);
    await page.locator('[data-tick-all]').waitFor();
    await page.locator('[data-tick-all]').check();
    const count = await page.locator('[data-tick]').count();
    expect(count).toBeGreaterThan(100);
    await expect(page.getByRole('button', { name: `批量通过（${count}）` }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(`一次最多通过 100 条，已选 ${count} 条`);
    await context.close();
  });
});
