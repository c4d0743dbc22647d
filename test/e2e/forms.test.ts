import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#schemas/access.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { beijingDate } from '#schemas/time.ts';
import { scanKeys } from '../support/table-scan.ts';
import { api, type TestApi } from '../integration/support/local-stack.ts';
import { startWithHead, stopAll } from './support/stack.ts';
import { securityHeaders } from '#web/headers.ts';
import { DESKTOP, newContext, PHONE, screenshot, signInAs, openFormsAs } from './support/browser.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * The forms page in a real browser against the real local stack (the same handlers, DynamoDB
 * Local, the sign-in stand-in): fill and submit, errors in the API's words, refusals mapped back
 * onto the fields, and the offline outbox storing a submission exactly once.
 */

let stack: TestApi;
let browser: Browser;
const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const SUBMITTER = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' } as const;
const call = () => api(stack.url);

beforeAll(async () => ({ stack, browser } = await startWithHead(HEAD)));
afterAll(() => stopAll(stack, browser));

const openForms = (viewport = PHONE) => openFormsAs(browser, stack.url, SUBMITTER, viewport);

/** A visit typed in as a person would: branch by prefecture and county, sessions ticked, one suggestion added inline. */
async function fillVisit(page: Page, branchName: string): Promise<void> {
  await page.getByLabel('所在县（市、区）').selectOption('630102');
  await page.getByLabel('村党支部').check();
  await page.getByLabel('党组织名称').fill(branchName);
  await page.getByLabel('党课').check();
  await page.getByLabel('支部党员大会').check();
  await page.getByLabel('召开座谈会（场）').fill('1');
  await page.getByLabel('党员参加（人次）').fill('23');
  await page.getByRole('button', { name: '添加意见建议' }).click();
  await page.getByLabel('意见建议内容').fill('希望增加党员活动室的开放时间');
  await page.getByLabel('收集方式').selectOption('symposium');
  await page.getByLabel('当场答复').check();
  await page.getByLabel('答复或解决情况').fill('已与村委会商定每周开放五天');
}

const queueEntry = (page: Page, state: string) => page.locator(`#queue li[data-state=${state}]`);

describe('the visit form', () => {
  it('is filled on a phone, submitted and stored as filled, with the person as its submitter', async () => {
    const { context, page } = await openForms();
    await fillVisit(page, '城东区周家泉村党支部');
    await screenshot(page, 'visit-filled');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').getAttribute('data-id');

    const stored = await call()<Record<string, any>>('GET', `/visits/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      ministerId: HEAD.id, date: beijingDate(), submittedBy: 'wang', version: 1,
      branch: { countyCode: '630102', type: 'village', name: '城东区周家泉村党支部' },
      sessions: ['branch_members_meeting', 'party_lecture'], symposiums: 1, participants: 23,
      suggestions: [{ text: '希望增加党员活动室的开放时间', channel: 'symposium', status: 'answered', response: '已与村委会商定每周开放五天' }],
    });
    await expect(page.locator('#saved').textContent()).resolves.toContain('已入库');
    await screenshot(page, 'visit-sent');
    await context.close();
  });

  it('shows every bad field next to the field, in the words the API uses for the same input', async () => {
    const { context, page } = await openForms();
    await page.getByLabel('所在县（市、区）').selectOption('630102');
    await page.getByLabel('召开座谈会（场）').fill('0');
    await page.getByLabel('党员参加（人次）').fill('二十');
    await page.getByRole('button', { name: '提交走访记录' }).click();

    const summary = page.getByRole('alert').filter({ hasText: '需要修改' });
    await summary.waitFor();
    await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const shown = await page.$$eval('form [data-path]', (wrappers) => Object.fromEntries(wrappers
      .map((w) => [w.getAttribute('data-path'), w.querySelector(':scope > .error-text')?.textContent ?? ''])
      .filter(([, text]) => text)));

    // The same input, sent straight to the API: it must name the same fields with the same messages.
    const refused = await call()<{ errors: { path: string; message: string }[] }>('POST', '/visits', {
      id: randomUUID(), ministerId: HEAD.id, date: beijingDate(), branch: { countyCode: '630102' },
      sessions: [], symposiums: 0, participants: '二十', suggestions: [],
    }, { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(422);
    const expected = Object.fromEntries(refused.body!.errors.map((e) => [e.path, e.message]));
    expect(shown).toEqual(expected);
    expect(Object.keys(shown).sort()).toEqual(['branch.name', 'branch.type', 'participants', 'sessions']);

    // Each bad input says so to assistive technology and points at its message.
    const name = page.getByLabel('党组织名称');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby'))!.split(' ');
    await expect(page.locator(`#${describedBy[0]}`).textContent()).resolves.toBe(expected['branch.name']);
    // Nothing left the device.
    await expect(page.locator('#queue li').count()).resolves.toBe(0);
    await screenshot(page, 'visit-errors');
    await context.close();
  });

  it('starts 召开座谈会 at 0, says 应为整数 for 2.5 people, and shows 备注\'s limit as it is typed instead of cutting it', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openForms(viewport);
      await expect(page.getByLabel('召开座谈会（场）').inputValue()).resolves.toBe('0');
      const notes = page.getByLabel('备注');
      const counter = page.locator('[data-path=notes] [data-counter]');
      await expect(counter.textContent()).resolves.toBe('0 / 4000 字');
      await expect(counter.isVisible()).resolves.toBe(true);
      // A short field says its limit only once near it.
      await expect(page.locator('[data-path="branch.name"] [data-counter]').isVisible()).resolves.toBe(false);
      await notes.fill('入户走访 👨‍👩‍👧');
      await expect(counter.textContent()).resolves.toBe('10 / 4000 字');
      const long = `${'记'.repeat(4000)}👍`;
      await notes.fill(long);
      // Nothing cut, not even the emoji at the limit: the count turns red and the check says so.
      await expect(notes.inputValue()).resolves.toBe(long);
      await expect(counter.textContent()).resolves.toBe('4001 / 4000 字');
      await expect(counter.getAttribute('class')).resolves.toContain('over');
      await page.getByLabel('党员参加（人次）').fill('2.5');
      await page.getByRole('button', { name: '提交走访记录' }).click();
      await page.getByRole('alert').filter({ hasText: '需要修改' }).waitFor();
      await expect(page.locator('[data-path=participants] > .error-text').textContent()).resolves.toBe('应为整数');
      await expect(page.locator('[data-path=notes] > .error-text').textContent()).resolves.toBe('不能超过 4000 个字');
      await expect(page.locator('[data-path=symposiums] > .error-text').textContent()).resolves.toBe('');
      await notes.fill('入户走访，了解到村里老人较多');
      await screenshot(page, 'visit-counts');
      await context.close();
    }
  });
});

describe('an unfinished form', () => {
  it('survives the page being closed, keeps its id, and is let go once submitted', async () => {
    const { context, page } = await openForms();
    await fillVisit(page, '城东区泮子山村党支部');
    await page.reload();
    await page.locator('#draft-restored').waitFor();
    await expect(page.getByLabel('党组织名称').inputValue()).resolves.toBe('城东区泮子山村党支部');
    await expect(page.getByLabel('意见建议内容').inputValue()).resolves.toBe('希望增加党员活动室的开放时间');
    await expect(page.getByLabel('党课').isChecked()).resolves.toBe(true);
    const draftId = await page.evaluate(() => (JSON.parse(localStorage.getItem('xjc.draft.visit@wang')!) as { id: string }).id);

    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.locator(`#queue li[data-id="${draftId}"][data-state=sent]`).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('xjc.draft.visit@wang'))).resolves.toBeNull();
    await expect(page.getByLabel('党组织名称').inputValue()).resolves.toBe('');
    await expect(call()('GET', `/visits/${draftId}`).then((r) => r.status)).resolves.toBe(200);
    await context.close();
  });
});

/** A visit of the head stored through the API (as if reported earlier), for a problem to name as its source. */
async function storedVisit(date: string, branchName: string): Promise<string> {
  const id = randomUUID();
  const created = await call()('POST', '/visits', {
    id, ministerId: HEAD.id, date, branch: { countyCode: '630102', type: 'village', name: branchName },
    sessions: ['party_lecture'], symposiums: 1, participants: 12, suggestions: [],
  });
  expect(created.status).toBe(201);
  return id;
}

describe('a visit sent for a head, branch and day already reported', () => {
  it('is said to be a suspected duplicate that does not count until decided, in the receipt and the outbox, not only 已入库', async () => {
    await storedVisit(beijingDate(), '城东区晨光村党支部');
    const { context, page } = await openForms();
    await fillVisit(page, '城东区晨光村党支部');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    const sent = queueEntry(page, 'sent').first();
    await sent.waitFor();
    await expect(page.locator('#saved').textContent()).resolves.toMatch(/^已入库（疑似重复）：.*经工作台审核确认为不同走访后才计入统计/);
    await expect(sent.locator('.badge.duplicate').textContent()).resolves.toBe('疑似重复');
    await expect(sent.locator('.duplicate-note').textContent()).resolves.toContain('才计入统计');
    const stored = await call()<Record<string, unknown>>('GET', `/visits/${await sent.getAttribute('data-id')}`);
    expect(typeof stored.body?.duplicateOf).toBe('string');
    await screenshot(page, 'suspected-duplicate');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'suspected-duplicate');
    await context.close();
  });
});

/** The problem form's own fields, all but its source. */
async function fillProblem(page: Page, description: string): Promise<void> {
  const form = page.locator('form[data-kind=problem]');
  await form.getByLabel('所在县（市、区）').selectOption('630102');
  await form.getByLabel('村党支部').check();
  await form.getByLabel('党组织名称').fill('城东区周家泉村党支部');
  await form.getByLabel('问题描述').fill(description);
  await form.getByLabel('问题类别').selectOption('organizational_life');
  await form.getByLabel('责任单位').fill('周家泉村党支部');
  await form.getByLabel('整改时限').fill('2027-03-31');
}

describe("a problem's source", () => {
  it("is picked from the head's visits, newest first by date and branch, and stored as picked", async () => {
    const older = await storedVisit('2026-10-02', '城东区付家寨村党支部');
    const newer = await storedVisit('2026-11-12', '城东区中庄村党支部');
    const { context, page } = await openForms();
    await page.getByRole('tab', { name: '问题清单' }).click();
    const form = page.locator('form[data-kind=problem]');
    await fillProblem(page, '党员活动室长期闭门');
    await expect(form.getByLabel('来源记录').isVisible()).resolves.toBe(false);
    await form.getByLabel('走访', { exact: true }).check();
    const picker = form.getByLabel('来源记录');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('2026-11-12 · 城东区中庄村党支部');
    const labels = await picker.locator('option').allTextContents();
    // Newest first: the later visit comes before the earlier one; no typed ids anywhere.
    expect(labels.indexOf('2026-11-12 · 城东区中庄村党支部')).toBeLessThan(labels.indexOf('2026-10-02 · 城东区付家寨村党支部'));
    expect(labels.indexOf('2026-10-02 · 城东区付家寨村党支部')).toBeGreaterThan(0);
    await expect(form.locator('input[name="foundBy.id"]').count()).resolves.toBe(0);
    await picker.selectOption({ label: '2026-11-12 · 城东区中庄村党支部' });
    await screenshot(page, 'problem-source-visit');
    await page.getByRole('button', { name: '提交问题清单' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').first().getAttribute('data-id');
    const stored = await call()<Record<string, any>>('GET', `/problems/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body!.foundBy).toEqual({ source: 'visit', id: newer });
    expect(stored.body!.foundBy.id).not.toBe(older);
    await context.close();
  });

  it("is picked as an inspection's finding, by the inspection's date and subject and the finding's text", async () => {
    const inspection = randomUUID();
    const finding = randomUUID();
    const created = await call()('POST', '/inspections', {
      id: inspection, ministerId: HEAD.id, type: 'special', subject: '三会一课落实情况', methods: ['listen', 'check'], regionCode: '630102', date: '2026-11-05',
      findings: [{ id: randomUUID(), text: '会议记录不规范' }, { id: finding, text: '党费收缴台账缺页' }],
    });
    expect(created.status).toBe(201);
    const { context, page } = await openForms(DESKTOP);
    await page.getByRole('tab', { name: '问题清单' }).click();
    const form = page.locator('form[data-kind=problem]');
    await fillProblem(page, '党费收缴台账缺页');
    await form.getByLabel('督查督导', { exact: true }).check();
    const picker = form.getByLabel('来源记录');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('2026-11-05 · 城东区 · 专项检查：三会一课落实情况');
    await picker.selectOption({ label: '2026-11-05 · 城东区 · 专项检查：三会一课落实情况' });
    await expect(form.getByLabel('督查发现的问题').locator('option').allTextContents()).resolves.toEqual(['请选择发现问题', '1. 会议记录不规范', '2. 党费收缴台账缺页']);
    await form.getByLabel('督查发现的问题').selectOption({ label: '2. 党费收缴台账缺页' });
    await screenshot(page, 'problem-source-inspection');
    await page.getByRole('button', { name: '提交问题清单' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').first().getAttribute('data-id');
    const stored = await call()<Record<string, any>>('GET', `/problems/${id}`);
    expect(stored.body!.foundBy).toEqual({ source: 'inspection', id: inspection, findingId: finding });
    const linked = await call()<Record<string, any>>('GET', `/inspections/${inspection}`);
    expect(linked.body!.findings[1].problemIds).toEqual([id]);
    await context.close();
  });

  it('offline with no list kept, says the list is unavailable and lets the person choose 其他', async () => {
    const { context, page } = await openForms();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await page.evaluate(() => { for (const key of Object.keys(localStorage)) if (key.startsWith('xjc.sources.')) localStorage.removeItem(key); });
    await context.setOffline(true);
    await page.getByRole('tab', { name: '问题清单' }).click();
    const form = page.locator('form[data-kind=problem]');
    await form.getByLabel('走访', { exact: true }).check();
    await form.getByText('离线：列表暂不可用').waitFor();
    await screenshot(page, 'problem-source-offline');
    await form.getByLabel('其他', { exact: true }).check();
    await expect(form.getByLabel('来源记录').isVisible()).resolves.toBe(false);
    await context.setOffline(false);
    await context.close();
  });
});

describe('a refusal by the API', () => {
  it('is an error in red beside the field it names, never a success, and the corrected submission is stored under the same id', async () => {
    const visit = await storedVisit(beijingDate(), '城东区泮子山村党支部');
    const { context, page } = await openForms();
    await page.getByRole('tab', { name: '问题清单' }).click();
    const form = page.locator('form[data-kind=problem]');
    await fillProblem(page, '三会一课记录不全');
    await form.getByLabel('走访', { exact: true }).check();
    await form.getByLabel('来源记录').selectOption(visit);
    // Withdrawn by staff after the list was loaded: only the server can tell.
    expect((await call()('DELETE', `/visits/${visit}`, undefined, { 'if-match': '"1"' })).status).toBe(200);
    await page.getByRole('button', { name: '提交问题清单' }).click();

    const alert = page.locator('#refused');
    await alert.waitFor();
    await expect(alert.getAttribute('role')).resolves.toBe('alert');
    await expect(alert.textContent()).resolves.toContain('引用的记录不存在');
    const colour = await alert.evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe('rgb(176, 0, 32)');
    await expect(page.locator('#saved').isVisible()).resolves.toBe(false);
    // Back in its form, the error beside the field it names.
    const sourceId = page.locator('form[data-kind=problem] [data-path="foundBy.id"] > .error-text');
    await expect(sourceId.textContent()).resolves.toBe('引用的记录不存在');
    const refused = queueEntry(page, 'refused');
    await expect(refused.locator('.badge').textContent()).resolves.toBe('被退回');
    await expect(refused.evaluate((el) => getComputedStyle(el).borderLeftColor)).resolves.toBe('rgb(176, 0, 32)');
    const id = await refused.getAttribute('data-id');
    await screenshot(page, 'problem-refused');

    await page.locator('form[data-kind=problem]').getByLabel('其他', { exact: true }).check();
    await page.getByRole('button', { name: '提交问题清单' }).click();
    await page.locator(`#queue li[data-id="${id}"][data-state=sent]`).waitFor();
    const stored = await call()<Record<string, any>>('GET', `/problems/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ foundBy: { source: 'other' }, status: 'open', description: '三会一课记录不全' });
    await context.close();
  });

  it('that the person cannot put right (no such head) says whom to contact, in red, and offers no resubmission', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/', { role: 'submitter', region: '630102', ministerId: 'm-630102-99', sub: 'nobody' });
    await page.locator('form[data-kind=visit]').waitFor();
    // No head of that id: the header falls back to the id.
    await expect(page.locator('#who-name').textContent()).resolves.toBe(`m-630102-99（${ROLES.submitter}）`);
    await fillVisit(page, '城东区周家泉村党支部');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '未能提交' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('部长不存在');
    await expect(alert.textContent()).resolves.toContain('组织部门工作人员');
    await expect(page.locator('#saved').isVisible()).resolves.toBe(false);
    const refused = queueEntry(page, 'refused');
    await expect(refused.textContent()).resolves.toContain('组织部门工作人员');
    await expect(refused.getByRole('button', { name: '修改后重新提交' }).count()).resolves.toBe(0);
    await screenshot(page, 'visit-refused-minister');
    await context.close();
  });
});

describe('a refusal that comes when the connection returns', () => {
  it('is listed in red and said to assistive technology, not only listed', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/', { role: 'submitter', region: '630102', ministerId: 'm-630102-98', sub: 'nobody-else' });
    await page.locator('form[data-kind=visit]').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await context.setOffline(true);
    await fillVisit(page, '城东区周家泉村党支部');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'waiting').waitFor();
    await expect(page.locator('#announcer').getAttribute('aria-live')).resolves.toBe('polite');
    await context.setOffline(false);
    const refused = queueEntry(page, 'refused');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('组织部门工作人员');
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('有 1 条提交被退回，请在“发送情况”中查看原因。');
    await expect(page.locator('#saved').textContent()).resolves.not.toContain('已入库');
    await context.close();
  });
});

describe("the head's name", () => {
  it('is shown in the header, the form and the outbox, also offline, and the role in the words of the sign-in page', async () => {
    const { context, page } = await openForms();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await expect(page.locator('#who-name').textContent()).resolves.toBe(`${HEAD.name}（${ROLES.submitter}）`);
    await expect(page.locator('form[data-kind=visit]').getByLabel('组织部长', { exact: true }).inputValue()).resolves.toBe(`${HEAD.name}（城东区 · 县）`);
    await context.setOffline(true);
    await fillVisit(page, '城东区杨沟湾村党支部');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'waiting').waitFor();
    await page.reload();
    await queueEntry(page, 'waiting').waitFor();
    await expect(page.locator('#who-name').textContent()).resolves.toBe(`${HEAD.name}（${ROLES.submitter}）`);
    await expect(queueEntry(page, 'waiting').textContent()).resolves.toContain(`组织部长 ${HEAD.name}`);
    await expect(page.locator('#queue').textContent()).resolves.not.toContain(HEAD.id);
    await context.setOffline(false);
    await queueEntry(page, 'sent').first().waitFor();
    await screenshot(page, 'header-outbox-names');
    await context.close();

    // The sign-in page offers the roles by the same words the header uses.
    const signIn = await newContext(browser, PHONE);
    const sp = await signIn.newPage();
    await sp.goto(`${stack.url}/`);
    await sp.getByRole('button', { name: '登录' }).click();
    await sp.waitForURL(/\/oauth2\/authorize/);
    const offered = await sp.locator('#role option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(Object.fromEntries(offered)).toEqual(ROLES);
    await signIn.close();
  });
});

describe('the kinds of record at 360 px', () => {
  it('are all in sight, wrapped into rows, none cut off at the edge', async () => {
    const { context, page } = await openForms(PHONE);
    const boxes = await page.locator('[role=tab]').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(FORMS.length);
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(360);
    }
    expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBeGreaterThan(1);
    await expect(page.locator('.tabs').evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await context.close();
  });
});

describe('without a connection', () => {
  it('keeps the submission on the device, through a reload, and stores it exactly once when the connection returns', async () => {
    const { context, page } = await openForms();
    // The pages themselves must open offline: wait until the service worker controls this page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await fillVisit(page, '城东区韵家口村党支部');

    await context.setOffline(true);
    await expect(page.locator('#connection').textContent()).resolves.toContain('离线');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'waiting').waitFor();
    const id = await queueEntry(page, 'waiting').getAttribute('data-id');
    await expect(call()('GET', `/visits/${id}`).then((r) => r.status)).resolves.toBe(404);
    await screenshot(page, 'offline-waiting');

    // Closed and reopened without signal: the page comes from the device, the submission is still there.
    await page.reload();
    await queueEntry(page, 'waiting').waitFor();
    await expect(queueEntry(page, 'waiting').getAttribute('data-id')).resolves.toBe(id);

    await context.setOffline(false);
    await page.locator(`#queue li[data-id="${id}"][data-state=sent]`).waitFor();
    await screenshot(page, 'back-online');

    // A second send of the very same submission (another tab, a retry after a lost answer) is harmless.
    const repeat = await page.evaluate(async (entryId) => {
      const entry = (JSON.parse(localStorage.getItem('xjc.outbox@wang')!) as { id: string; body: unknown }[]).find((e) => e.id === entryId)!;
      const { idToken } = JSON.parse(localStorage.getItem('xjc.tokens')!) as { idToken: string };
      const response = await fetch('/visits', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` }, body: JSON.stringify(entry.body) });
      return response.status;
    }, id);
    expect(repeat).toBe(200);

    const keys = await scanKeys(stack.client, stack.tableName);
    expect(keys.filter((k) => k.pk === `visit#${id}` && k.sk === 'record')).toHaveLength(1);
    const history = await call()<{ items: { action: string }[] }>('GET', `/visits/${id}/history`);
    expect(history.body!.items.map((c) => c.action)).toEqual(['create']);
    await context.close();
  });
});

describe('every form of the catalogue', () => {
  it.each(FORMS.map((f) => [f.label.zh, f.kind] as const))('%s: every control has a label, and the keyboard reaches the submit button', async (label, kind) => {
    const { context, page } = await openForms(DESKTOP);
    await page.getByRole('tab', { name: label }).click();
    const form = page.locator(`form[data-kind=${kind}]`);
    await form.waitFor();
    const unlabelled = await form.evaluate((el) => [...el.querySelectorAll<HTMLInputElement>('input:not([type=hidden]), select, textarea')]
      .filter((c) => (c.labels?.length ?? 0) === 0 && !c.getAttribute('aria-label')).map((c) => c.name));
    expect(unlabelled).toEqual([]);

    await form.locator('input:not([type=hidden]), select, textarea').first().focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('type') === 'submit');
    }
    expect(reached).toBe(true);
    // The focused button shows it.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await context.close();
  });
});

describe('the kinds of record', () => {
  it('are one stop in the Tab order, moved between by the arrow keys', async () => {
    const { context, page } = await openForms(DESKTOP);
    const visitTab = page.getByRole('tab', { name: '走访记录' });
    await expect(visitTab.getAttribute('tabindex')).resolves.toBe('0');
    await expect(page.getByRole('tab', { name: '问题清单' }).getAttribute('tabindex')).resolves.toBe('-1');
    await visitTab.focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('form[data-kind=problem]').waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('问题清单');
    await page.keyboard.press('End');
    await page.locator('form[data-kind=inspection]').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('form[data-kind=visit]').waitFor();
    await expect(page.getByRole('tab', { name: '走访记录' }).getAttribute('aria-selected')).resolves.toBe('true');
    await context.close();
  });
});

describe('a province-wide admin', () => {
  it('picks the minister and the branch by prefecture, then county, with no error on the page', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`); });
    await signInAs(page, stack.url, '/', { role: 'admin', region: '630000', sub: 'province-admin' });
    const form = page.locator('form[data-kind=visit]');
    await form.waitFor();
    await form.getByLabel('组织部长', { exact: true }).selectOption(HEAD.id);
    await expect(form.getByLabel('所在县（市、区）').locator('option').allTextContents()).resolves.toEqual(['请先选择市州']);
    await form.getByLabel('市州').selectOption('630100');
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('社区党组织').check();
    await form.getByLabel('党组织名称').fill('城东区东关大街社区党委');
    await form.getByLabel('召开座谈会（场）').fill('2');
    await form.getByLabel('党员参加（人次）').fill('40');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await queueEntry(page, 'sent').waitFor();
    const id = await queueEntry(page, 'sent').getAttribute('data-id');
    const stored = await call()<Record<string, any>>('GET', `/visits/${id}`);
    expect(stored.body).toMatchObject({ ministerId: HEAD.id, submittedBy: 'province-admin', branch: { countyCode: '630102', type: 'community' }, symposiums: 2 });
    expect(pageErrors).toEqual([]);
    // The next record is most often for the same head: the new form starts with them chosen.
    await expect(page.locator('form[data-kind=visit]').getByLabel('组织部长', { exact: true }).inputValue()).resolves.toBe(HEAD.id);
    await screenshot(page, 'admin-visit-sent');
    await context.close();
  });
});

describe("an admin's problem source", () => {
  it('lists the visits of the head chosen in the same form, and follows a change of head', async () => {
    const visit = await storedVisit('2026-11-18', '城东区林家崖村党支部');
    const other = { id: 'm-630102-07', name: '赵志刚', level: 'county', regionCode: '630102' };
    expect((await call()('PUT', `/ministers/${other.id}`, { name: other.name, level: other.level, regionCode: other.regionCode })).status).toBeLessThan(300);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/#problems', { role: 'admin', region: '630000', sub: 'province-admin' });
    const form = page.locator('form[data-kind=problem]');
    await form.waitFor();
    await form.getByLabel('组织部长', { exact: true }).selectOption(other.id);
    await form.getByLabel('走访', { exact: true }).check();
    await form.getByText('近半年没有可选的走访记录').waitFor();
    await form.getByLabel('组织部长', { exact: true }).selectOption(HEAD.id);
    const picker = form.getByLabel('来源记录');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('2026-11-18 · 城东区林家崖村党支部');
    await expect(picker.locator(`option[value="${visit}"]`).count()).resolves.toBe(1);
    await context.close();
  });
});

describe('a person who does not report', () => {
  it('is sent where their work is instead of forms the API would refuse: staff to the desk, reporters to the figures', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/', { role: 'staff', region: '630100', sub: 'xining-staff' });
    await page.waitForURL(/desk\.html/);
    await page.locator('#home-title').waitFor();
    await expect(page.locator('form[data-kind]').count()).resolves.toBe(0);
    await context.close();

    const reporter = await newContext(browser, PHONE);
    const rp = await reporter.newPage();
    await signInAs(rp, stack.url, '/', { role: 'reporter', region: '630000', sub: 'reader' });
    await rp.waitForURL(/dashboard\.html/);
    await reporter.close();
  });

  it('says where to go while it sends them there, in words true of their role', async () => {
    // No service worker, so the test can hold the way out (a 204 leaves the browser where it is).
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    const page = await context.newPage();
    await signInAs(page, stack.url, '/desk.html', { role: 'staff', region: '630100', sub: 'xining-staff' });
    await page.route('**/desk.html', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${stack.url}/`);
    await page.getByRole('heading', { name: '此账号不用于填报' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('您的账号在工作台审核记录');
    await expect(page.getByRole('link', { name: '前往工作台' }).getAttribute('href')).resolves.toBe('desk.html');
    await context.close();
  });
});

describe('the site\'s security headers', () => {
  it('come with every page as CloudFront sends them, and the pages run under them without one violation', async () => {
    for (const path of ['/', '/desk.html', '/dashboard.html', '/oauth2/authorize?client_id=x']) {
      const res = await fetch(`${stack.url}${path}`);
      await res.arrayBuffer();
      for (const [name, value] of Object.entries(securityHeaders([stack.s3.endpoint], [stack.s3.endpoint]))) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    await signInAs(page, stack.url, '/', SUBMITTER);
    await page.locator('form[data-kind=visit]').waitFor();
    await page.getByRole('tab', { name: '问题清单' }).click();
    await page.goto(`${stack.url}/dashboard.html`);
    await page.locator('main').waitFor();
    await page.goto(`${stack.url}/desk.html`);
    await page.locator('h2.view-title').waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });
});
