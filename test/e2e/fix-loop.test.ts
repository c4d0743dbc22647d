import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableStreamPoller } from '#local/table-stream.ts';
import { pdf } from '../support/evidence-files.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, type TestApi, tokenFor } from '../integration/support/local-stack.ts';
import { axe, readable } from './support/axe.ts';
import { DESKTOP, openDeskAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { feedDecisionNotices, startWithHead, stopAll } from './support/stack.ts';

/**
 * The return-and-fix loop end to end, with decision notices made as `npm start` makes them: staff
 * return a visit with a comment; the head, on a phone, opens the notice, loses the connection,
 * corrects a field, adds a photo and removes a file on the same form as new records, and sees the
 * correction waiting on the device (待发送); the connection returns, the correction is sent with the
 * version it was made on and the photo uploaded after it; staff see 重新提交 with the changed field,
 * the new photo marked 新增 and the file removed, and approve it.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rec = Record<string, any>;

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const STAFF: Person = { role: 'staff', region: '630102', sub: 'chengxi-staff' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };
const COMMENT = '参加人数有误，请补拍座谈会照片后重新提交';
/** Two pages, an offline spell, an upload and its verification, on a machine that may be busy. */
const SLOW = 180_000;

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

/** A visit the head reported with a PDF (旧签到表), its bytes uploaded as the forms page would. */
async function visitWithFile(): Promise<Rec> {
  const file = pdf();
  const fileId = randomUUID();
  const announced = await headApi()<Rec>('POST', '/attachments', { id: fileId, contentType: 'application/pdf', size: file.length });
  expect(announced.status).toBe(201);
  const { url, headers } = announced.body!.upload;
  expect((await fetch(url, { method: 'PUT', headers, body: new Uint8Array(file) })).status).toBeLessThan(300);
  const created = await headApi()<Rec>('POST', '/visits', {
    ...SAMPLES.visit.valid({ ministerId: HEAD.id, countyCode: '630102', date: daysAgo(2) }), attachments: [{ id: fileId, caption: '旧签到表' }],
  });
  expect(created.status).toBe(201);
  return created.body!;
}

/** A photo as a phone's camera makes it: a JPEG drawn by the browser's own encoder. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1200, 900);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3d6fb6';
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#f4e3b2';
    g.fillRect(200, 450, 800, 300);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsDataURL(blob); });
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, `fix-loop-${name}`);
  }
  await page.setViewportSize(size);
}

/** What a person sees in an element (text for screen readers only left out), spaces run together, once it settles. */
const shown = (locator: Locator) => expect.poll(() => locator.evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim();
}), { timeout: 15_000 });

describe('the return-and-fix loop', () => {
  it('returns a visit, lets its head correct it offline with a photo added, and shows staff what changed (重新提交)', async () => {
    const visit = await visitWithFile();

    // Staff return it with a comment.
    const staff = await openDeskAs(browser, stack.url, STAFF, `#/record/visits/${visit.id}`, DESKTOP);
    await staff.page.locator('[data-review-panel]').waitFor();
    await staff.page.getByLabel('审核意见').fill(COMMENT);
    await staff.page.getByRole('button', { name: '退回', exact: true }).click();
    await staff.page.locator('[data-review-done]').waitFor();
    await staff.context.close();
    await expect.poll(async () => (await headApi()<Rec>('GET', '/notices/unread')).body!.count, { timeout: 20_000 }).toBe(1);

    // The head, on a phone: the notice opens the record, with the comment and 修改后重新提交.
    const head = await openDeskAs(browser, stack.url, HEAD_SELF, '#/mine', PHONE);
    const { page, context } = head;
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await page.locator('#who .inbox-button').click();
    const notice = page.locator('#inbox li[data-notice]').first();
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(COMMENT);
    await notice.getByRole('link').click();
    await page.waitForURL(new RegExp(`#/record/visits/${visit.id}$`));
    await shown(page.locator('[data-review-comment]')).toBe(COMMENT);
    const fixIt = page.locator('[data-fix-it]');
    await shown(fixIt).toContain('此记录已被退回');
    await shoot(page, 'head-returned');
    expect(readable('head: returned record', await axe(page))).toEqual([]);

    // Offline: the correction on the same form as new records, every field editable, the file shown.
    await context.setOffline(true);
    await fixIt.getByRole('link', { name: '修改后重新提交' }).click();
    const form = page.locator('[data-correct-form] form[data-kind=visit]');
    await form.waitFor();
    await shown(page.locator('[data-offline]')).toContain('当前离线');
    const files = form.locator('fieldset.evidence .evidence-files > li');
    await expect.poll(() => files.count()).toBe(1);
    await expect(files.nth(0).getByLabel('说明').inputValue()).resolves.toBe('旧签到表');
    await form.getByLabel('党员参加（人次）').fill('36');
    await files.nth(0).getByRole('button', { name: /^移除/ }).click();
    await form.getByLabel('选择照片或文件').setInputFiles([{ name: 'zuotan.jpg', mimeType: 'image/jpeg', buffer: await photo(page) }]);
    await expect.poll(() => files.count(), { timeout: 30_000 }).toBe(1);
    await files.nth(0).getByLabel('说明').fill('座谈会照片');
    await shoot(page, 'head-correcting-offline');
    await form.getByRole('button', { name: '提交修改' }).click();

    // Kept on the device and shown as waiting, with the record's title; nothing reached the API.
    const waiting = page.locator('[data-correction-waiting]');
    await waiting.waitFor();
    await shown(waiting.locator('strong')).toMatch(/^待发送：走访记录 · /);
    await shown(waiting.locator('[data-path="participants"]')).toBe('党员参加（人次）：30 → 36');
    await shown(waiting.locator('[data-files-change]')).toBe('佐证材料：新增 1 个，移除 1 个');
    await expect.poll(() => waiting.locator('[data-file-status]').allTextContents()).toEqual(['等待']);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('xjc.outbox@wang') ?? '[]'));
    expect(kept).toMatchObject([{ method: 'PATCH', version: 2, state: 'waiting', path: `/visits/${visit.id}`, body: { participants: 36 } }]);
    await shoot(page, 'head-waiting-offline');
    expect(readable('head: correction waiting', await axe(page))).toEqual([]);
    expect((await headApi()<Rec>('GET', `/visits/${visit.id}`)).body).toMatchObject({ version: 2, participants: 30, review: { state: 'rejected' } });

    // The forms page, opened offline on the same phone, points to it on the desk (which sends it).
    const forms = await context.newPage();
    await forms.goto(`${stack.url}/`);
    const pointed = forms.locator('#kept-corrections li[data-state=waiting]');
    await pointed.waitFor();
    await shown(pointed).toMatch(/^走访记录 · .*（待发送）$/);
    await expect(pointed.getByRole('link').getAttribute('href')).resolves.toBe(`desk.html#/record/visits/${visit.id}`);
    await expect(forms.locator('#queue li').count()).resolves.toBe(0);
    await pointed.scrollIntoViewIfNeeded();
    await screenshot(forms, 'fix-loop-forms-kept');
    await forms.close();

    // Back online: sent with If-Match of the version it was made on, then the photo goes up.
    const patches: Rec[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH') patches.push({ ifMatch: r.headers()['if-match'], body: r.postDataJSON() }); });
    await context.setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.locator('[data-version]').getAttribute('data-version'), { timeout: 20_000 }).toBe('3');
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ ifMatch: '"2"', body: { participants: 36, attachments: [{ caption: '座谈会照片' }] } });
    const stored = (await headApi()<Rec>('GET', `/visits/${visit.id}`)).body!;
    expect(stored).toMatchObject({ version: 3, participants: 36, review: { state: 'received' } });
    expect(stored.attachments).toHaveLength(1);
    const photoId = stored.attachments[0].id;
    await expect.poll(async () => (await headApi()<Rec>('GET', `/attachments/${photoId}`)).body!.status, { timeout: 60_000 }).toBe('stored');
    expect(head.errors).toEqual([]);
    await context.close();

    // Staff: 重新提交, what changed since the return, the new photo marked 新增, the file removed; approved.
    const review = await openDeskAs(browser, stack.url, STAFF, `#/record/visits/${visit.id}`, DESKTOP);
    const resubmitted = review.page.locator('[data-resubmitted]');
    await resubmitted.waitFor({ timeout: 20_000 });
    await shown(resubmitted.locator('h3')).toBe('重新提交 退回后已修改');
    await shown(resubmitted.locator('[data-decision-comment]')).toBe(COMMENT);
    await shown(resubmitted.locator('[data-path="participants"]')).toBe('党员参加（人次）：30 → 36');
    const added = resubmitted.locator('[data-added-files] > li');
    await expect.poll(() => added.count()).toBe(1);
    await expect(added.getAttribute('data-attachment')).resolves.toBe(photoId);
    await shown(added.locator('[data-fresh]')).toBe('新增');
    await shown(resubmitted.locator('[data-removed-files]')).toBe('已移除 1 个：旧签到表');
    await shoot(review.page, 'staff-resubmitted');
    expect(readable('staff: resubmitted record', await axe(review.page))).toEqual([]);
    await review.page.getByRole('button', { name: '通过', exact: true }).click();
    await review.page.locator('[data-review-done]').waitFor();
    expect((await headApi()<Rec>('GET', `/visits/${visit.id}`)).body).toMatchObject({ version: 4, review: { state: 'approved' } });
    expect(review.errors).toEqual([]);
    await review.context.close();
  }, SLOW);

  it('keeps a correction refused when the record changed meanwhile (412), shows what changed, and sends it again on the new version', async () => {
    const visit = await visitWithFile();
    const staffApi = api(stack.url, tokenFor(STAFF));
    expect((await staffApi('PATCH', `/visits/${visit.id}/review`, { state: 'has_issues', comment: COMMENT }, ifMatch(1))).status).toBe(200);

    const { page, context, errors } = await openDeskAs(browser, stack.url, HEAD_SELF, `#/record/visits/${visit.id}`, PHONE);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await shown(page.locator('[data-fix-it]')).toContain('此记录被标记为有问题');
    await context.setOffline(true);
    await page.locator('[data-fix-it]').getByRole('link', { name: '修改后重新提交' }).click();
    const form = page.locator('[data-correct-form] form[data-kind=visit]');
    await form.getByLabel('党员参加（人次）').fill('40');
    await form.getByRole('button', { name: '提交修改' }).click();
    await page.locator('[data-correction-waiting]').waitFor();

    // Meanwhile staff correct the same record (version 2 → 3).
    expect((await staffApi('PATCH', `/visits/${visit.id}`, { symposiums: 3 }, ifMatch(2))).status).toBe(200);
    await context.setOffline(false);
    const refused = page.locator('[data-correction-refused="412"]');
    await refused.waitFor({ timeout: 30_000 });
    await shown(refused.locator('[data-path="symposiums"]')).toBe('召开座谈会（场）：1 → 3');
    await shoot(page, 'head-refused-412');
    // Not overwritten: the record has staff's change and not the head's.
    expect((await headApi()<Rec>('GET', `/visits/${visit.id}`)).body).toMatchObject({ version: 3, symposiums: 3, participants: 30 });

    // Corrected again: the form holds the head's change on the new version, which is sent.
    await refused.getByRole('button', { name: '重新修改' }).click();
    await expect.poll(() => form.getByLabel('党员参加（人次）').inputValue()).toBe('40');
    await expect(form.getByLabel('召开座谈会（场）').inputValue()).resolves.toBe('3');
    await shown(page.locator('section.correct [data-changed] [data-path="symposiums"]')).toBe('召开座谈会（场）：1 → 3');
    await form.getByRole('button', { name: '提交修改' }).click();
    await expect.poll(() => page.locator('[data-version]').getAttribute('data-version'), { timeout: 20_000 }).toBe('4');
    expect((await headApi()<Rec>('GET', `/visits/${visit.id}`)).body).toMatchObject({ symposiums: 3, participants: 40, review: { state: 'received' } });
    await expect(page.locator('[data-correction-refused]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, SLOW);
  it('takes a correction whose answer was lost, sent again and refused (412), as landed: the record holds it', async () => {
    const visit = await visitWithFile();
    const staffApi = api(stack.url, tokenFor(STAFF));
    expect((await staffApi('PATCH', `/visits/${visit.id}/review`, { state: 'rejected', comment: COMMENT }, ifMatch(1))).status).toBe(200);

    const { page, context, errors } = await openDeskAs(browser, stack.url, HEAD_SELF, `#/record/visits/${visit.id}`, PHONE);
    // The first PATCH reaches the API and is written, but its answer never comes back (the signal dropped).
    let lost = 0;
    await context.route(`**/visits/${visit.id}`, async (route) => {
      if (route.request().method() !== 'PATCH' || lost > 0) return route.fallback();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.locator('[data-fix-it]').getByRole('link', { name: '修改后重新提交' }).click();
    const form = page.locator('[data-correct-form] form[data-kind=visit]');
    await form.getByLabel('党员参加（人次）').fill('44');
    await form.getByRole('button', { name: '提交修改' }).click();

    // Sent again, refused as the version moved on — by this very correction — and so taken as landed.
    await expect.poll(() => page.locator('[data-version]').getAttribute('data-version'), { timeout: 60_000 }).toBe('3');
    expect(lost).toBe(1);
    await expect(page.locator('[data-correction-refused]').count()).resolves.toBe(0);
    await expect(page.locator('[data-correction-waiting]').count()).resolves.toBe(0);
    expect((await headApi()<Rec>('GET', `/visits/${visit.id}`)).body).toMatchObject({ version: 3, participants: 44, review: { state: 'received' } });
    expect(errors.filter((e) => !/connection|ERR_/i.test(e))).toEqual([]);
    await context.close();
  }, SLOW);
});
