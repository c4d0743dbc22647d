import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KINDS } from '#schemas/kinds/index.ts';
import { beijingDate } from '#schemas/time.ts';
import { scanKeys } from '../support/table-scan.ts';
import { api, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { securityHeaders } from '#web/headers.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signInAs } from './support/browser.ts';

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

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  const put = await call()('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode });
  expect(put.status).toBeLessThan(300);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openForms(viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await signInAs(page, stack.url, '/', SUBMITTER);
  await page.locator('form[data-kind=visit]').waitFor();
  return { context, page };
}

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
    await expect(page.locator('#saved').textContent()).resolves.toContain('已发送');
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
    const draftId = await page.evaluate(() => (JSON.parse(localStorage.getItem('xjc.draft.visit')!) as { id: string }).id);

    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.locator(`#queue li[data-id="${draftId}"][data-state=sent]`).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('xjc.draft.visit'))).resolves.toBeNull();
    await expect(page.getByLabel('党组织名称').inputValue()).resolves.toBe('');
    await expect(call()('GET', `/visits/${draftId}`).then((r) => r.status)).resolves.toBe(200);
    await context.close();
  });
});

describe('a refusal by the API', () => {
  it('lands on the field it names, and the corrected submission is stored under the same id', async () => {
    const { context, page } = await openForms();
    await page.getByRole('tab', { name: '问题清单' }).click();
    const form = page.locator('form[data-kind=problem]');
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('村党支部').check();
    await form.getByLabel('党组织名称').fill('城东区周家泉村党支部');
    await form.getByLabel('问题描述').fill('三会一课记录不全');
    await form.getByLabel('问题类别').selectOption('organizational_life');
    await form.getByLabel('走访', { exact: true }).check();
    // A well-formed id of a visit that does not exist: only the server can tell.
    await form.getByLabel('来源记录编号').fill(randomUUID());
    await form.getByLabel('责任单位').fill('周家泉村党支部');
    await form.getByLabel('整改时限').fill('2027-03-31');
    await form.getByRole('button', { name: '提交问题清单' }).click();

    const refused = queueEntry(page, 'refused');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('引用的记录不存在');
    const id = await refused.getAttribute('data-id');
    await refused.getByRole('button', { name: '修改后重新提交' }).click();
    const sourceId = page.locator('form[data-kind=problem] [data-path="foundBy.id"] > .error-text');
    await expect(sourceId.textContent()).resolves.toBe('引用的记录不存在');

    await page.locator('form[data-kind=problem]').getByLabel('其他', { exact: true }).check();
    await page.locator('form[data-kind=problem]').getByLabel('来源记录编号').fill('');
    await page.getByRole('button', { name: '提交问题清单' }).click();
    await page.locator(`#queue li[data-id="${id}"][data-state=sent]`).waitFor();
    const stored = await call()<Record<string, any>>('GET', `/problems/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ foundBy: { source: 'other' }, status: 'open', description: '三会一课记录不全' });
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
      const entry = (JSON.parse(localStorage.getItem('xjc.outbox')!) as { id: string; body: unknown }[]).find((e) => e.id === entryId)!;
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
