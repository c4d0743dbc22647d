import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '#schemas/kinds/index.ts';
import { beijingDate } from '#schemas/time.ts';
import { app1Segment, insertApp1 } from '#web/src/evidence/exif.ts';
import { exifBlock, type PhotoFacts, pdf } from '../support/evidence-files.ts';
import { api, type TestApi } from '../integration/support/local-stack.ts';
import { startWithHead, stopAll } from './support/stack.ts';
import { DESKTOP, newContext, PHONE, type Person, screenshot, signInAs, openFormsAs } from './support/browser.ts';

/**
 * Evidence (佐证材料) in a real browser against the real local stack (DynamoDB Local, s3rver whose
 * uploads run the verify function): photos taken while offline are scaled on the phone with their
 * EXIF kept, wait in the outbox across a reload, go up when the connection returns, and show on the
 * desk with the flags the server found; a report's PDF goes up as it is and downloads.
 */

let stack: TestApi;
let browser: Browser;
type Rec = Record<string, any>;
const call = () => api(stack.url);
const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const SUBMITTER: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };
const XINING_STAFF: Person = { role: 'staff', region: '630100', sub: 'xining-staff' };
/** Each test drives two pages through several uploads on a machine that may be busy: more than e2e's default minute. */
const SLOW = 150_000;

beforeAll(async () => ({ stack, browser } = await startWithHead(HEAD)));
afterAll(() => stopAll(stack, browser));

/** Full-page screenshots at a phone's width and a desktop's (test/e2e/screenshots, ignored by git). */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, `evidence-${name}`);
  }
  await page.setViewportSize(size);
}

/**
 * A photo as a phone's camera makes it: a JPEG drawn by Chromium's own encoder (a picture, so it
 * decodes), with an APP1 segment carrying EXIF (capture time, place) put in by hand when given.
 */
async function photo(page: Page, width: number, height: number, facts?: PhotoFacts): Promise<Buffer> {
  const dataUrl = await page.evaluate(async ([w, h]) => {
    const canvas = new OffscreenCanvas(w, h);
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, '#5b8bd9');
    sky.addColorStop(1, '#e9d8a6');
    g.fillStyle = sky;
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#b71c1c';
    g.fillRect(w * 0.2, h * 0.5, w * 0.6, h * 0.35);
    g.fillStyle = '#fff';
    g.font = `${Math.round(h / 10)}px sans-serif`;
    g.fillText('签到表', w * 0.3, h * 0.7);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    return new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsDataURL(blob); });
  }, [width, height]);
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return facts ? Buffer.from(insertApp1(bytes, app1Segment(exifBlock(facts))!)) : bytes;
}

/** A TIFF block whose only tag is the orientation (6: the camera was held upright, the pixels lie on their side). */
function orientationOnly(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  return tiff;
}

/** A JPEG's width and height, from its frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  for (let at = 2; at + 9 < bytes.length;) {
    const marker = bytes[at + 1];
    if ((marker >= 0xc0 && marker <= 0xcf) && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error('no frame header');
}

/** The forms page signed in as the head, with its CSP violations and page errors collected. */
async function openForms(viewport = PHONE): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const violations: string[] = [];
  const opened = await openFormsAs(browser, stack.url, SUBMITTER, viewport, (page) => {
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
    page.on('pageerror', (e) => violations.push(e.message));
  });
  return { ...opened, violations };
}

const TODAY = beijingDate();
const TAKEN = `${TODAY.replaceAll('-', ':')} 10:31:05`;

describe('photos with a visit, taken without a connection', () => {
  it('are scaled with their EXIF kept, wait in the outbox across a reload, go up when the connection returns, and show on the desk with their flags', async () => {
    const { context, page, violations } = await openForms();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    const inside = await photo(page, 2400, 1800, { takenAt: TAKEN, offset: '+08:00', latitude: 36.62, longitude: 101.78 });
    const outside = await photo(page, 2000, 1500, { takenAt: TAKEN, offset: '+08:00', latitude: 39.9, longitude: 116.4 });
    const plain = await photo(page, 1200, 900);

    const form = page.locator('form[data-kind=visit]');
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('村党支部').check();
    await form.getByLabel('党组织名称').fill('城东区周家泉村党支部');
    await form.getByLabel('党课').check();
    await form.getByLabel('召开座谈会（场）').fill('1');
    await form.getByLabel('党员参加（人次）').fill('18');

    await context.setOffline(true);
    await form.getByLabel('选择照片或文件').setInputFiles([
      { name: 'qiandao.jpg', mimeType: 'image/jpeg', buffer: inside },
      { name: 'beijing.jpg', mimeType: 'image/jpeg', buffer: outside },
      { name: 'plain.jpg', mimeType: 'image/jpeg', buffer: plain },
    ]);
    const items = form.locator('.evidence-files > li');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(3);
    // What the photo says, shown to the person; the size before → after scaling.
    await expect(items.nth(0).locator('[data-capture]').textContent()).resolves.toBe(`拍摄于 ${TODAY} 10:31 · 位置 北纬 36.62° 东经 101.78°`);
    await expect(items.nth(0).locator('[data-size]').textContent()).resolves.toMatch(/ KB → \d+ KB · 1600×1200$/);
    await expect(items.nth(2).locator('[data-capture]').textContent()).resolves.toBe('照片没有拍摄时间 · 没有位置信息');
    await items.nth(0).getByLabel('说明').fill('座谈会签到表');
    await shoot(page, 'form-photos');

    await page.getByRole('button', { name: '提交走访记录' }).click();
    const entry = page.locator('#queue li[data-state=waiting]');
    await entry.waitFor();
    const id = (await entry.getAttribute('data-id'))!;
    await expect(entry.locator('.queue-files li').allTextContents()).resolves.toHaveLength(3);
    for (const text of await entry.locator('[data-file-status]').allTextContents()) expect(text).toBe('等待');
    await expect(call()('GET', `/visits/${id}`).then((r) => r.status)).resolves.toBe(404);

    // Closed and reopened without signal: the record and its photos are still on the device.
    await page.reload();
    const again = page.locator(`#queue li[data-id="${id}"][data-state=waiting]`);
    await again.waitFor();
    await expect.poll(() => again.locator('.queue-files li').count()).toBe(3);
    await shoot(page, 'outbox-offline');

    await context.setOffline(false);
    await page.locator(`#queue li[data-id="${id}"][data-state=sent]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator(`#queue li[data-id="${id}"] [data-file-state=stored]`).count(), { timeout: 60_000 }).toBe(3);
    for (const text of await page.locator(`#queue li[data-id="${id}"] [data-file-status]`).allTextContents()) expect(text).toBe('已上传');
    await shoot(page, 'outbox-uploaded');
    expect(violations).toEqual([]);
    await context.close();

    // The record names the three, the first with its caption; the server read the stored files.
    const stored = await call()<Rec>('GET', `/visits/${id}`);
    expect(stored.body!.attachments).toHaveLength(3);
    expect(stored.body!.attachments[0].caption).toBe('座谈会签到表');
    const views = await Promise.all(stored.body!.attachments.map(async (a: Rec) => (await call()<Rec>('GET', `/attachments/${a.id}`)).body!));
    expect(views.map((v) => [v.status, v.contentType, v.flags])).toEqual([
      ['stored', 'image/jpeg', []], ['stored', 'image/jpeg', ['gps-outside']], ['stored', 'image/jpeg', ['no-capture-time']],
    ]);
    expect(views[0].capturedAt).toBe(`${TODAY}T10:31:05+08:00`);
    // Scaled to 1,600 px on the long side, smaller than taken; a photo within 1,600 px keeps its size.
    const first = Buffer.from(await (await fetch(views[0].download.url)).arrayBuffer());
    expect(jpegSize(first)).toEqual({ width: 1600, height: 1200 });
    expect(first.length).toBeLessThan(inside.length);
    expect(jpegSize(Buffer.from(await (await fetch(views[1].download.url)).arrayBuffer()))).toEqual({ width: 1600, height: 1200 });
    expect(jpegSize(Buffer.from(await (await fetch(views[2].download.url)).arrayBuffer()))).toEqual({ width: 1200, height: 900 });

    // Staff see them on the desk: thumbnails opening the full image, capture time, flags in words.
    const desk = await newContext(browser, PHONE);
    const deskPage = await desk.newPage();
    await signInAs(deskPage, stack.url, `/desk.html#/record/visits/${id}`, XINING_STAFF);
    const shown = deskPage.locator('.evidence-grid > li');
    await expect.poll(() => shown.count(), { timeout: 20_000 }).toBe(3);
    await expect(shown.nth(0).locator('[data-captured]').textContent()).resolves.toBe(`拍摄于 ${TODAY} 10:31`);
    await expect(shown.nth(0).locator('.flag').count()).resolves.toBe(0);
    await expect(shown.nth(1).locator('.flag').allTextContents()).resolves.toEqual(['拍摄地点不在青海省']);
    await expect(shown.nth(2).locator('.flag').allTextContents()).resolves.toEqual(['照片没有拍摄时间']);
    const thumb = shown.nth(0).locator('img');
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);
    await expect(thumb.getAttribute('loading')).resolves.toBe('lazy');
    await expect(shown.nth(0).locator('a.evidence-open').getAttribute('href')).resolves.toBe(await thumb.getAttribute('src'));
    await expect(thumb.getAttribute('alt')).resolves.toContain('座谈会签到表');
    await shoot(deskPage, 'desk-photos');

    // A correction on the desk shows the files the record holds (with their captions), and may remove one.
    await deskPage.goto(`${stack.url}/desk.html#/record/visits/${id}/edit`);
    const kept = deskPage.locator('[data-correct-form] fieldset.evidence .evidence-files > li');
    await expect.poll(() => kept.count(), { timeout: 20_000 }).toBe(3);
    await expect(kept.nth(0).getByLabel('说明').inputValue()).resolves.toBe('座谈会签到表');
    // Each photo shows its picture as the API serves it (GET /attachments/{id}), not only a name.
    const pictures = kept.locator('img.evidence-thumb');
    await expect.poll(() => pictures.count(), { timeout: 20_000 }).toBe(3);
    // Loaded lazily: in sight, they load.
    await kept.nth(2).scrollIntoViewIfNeeded();
    await expect(pictures.nth(0).getAttribute('loading')).resolves.toBe('lazy');
    await expect.poll(() => pictures.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => img.complete && img.naturalWidth > 0)), { timeout: 20_000 }).toEqual([true, true, true]);
    // Each its own file (the links are signed afresh, so compared without their signatures).
    await expect(pictures.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => new URL(img.src).pathname))).resolves.toEqual(views.map((v: Rec) => new URL(v.download.url).pathname));
    await shoot(deskPage, 'desk-correct');
    await kept.nth(2).getByRole('button', { name: /^移除/ }).click();
    await expect.poll(() => pictures.count()).toBe(2);
    await deskPage.getByRole('button', { name: '提交修改' }).click();
    await expect.poll(async () => (await call()<Rec>('GET', `/visits/${id}`)).body!.version, { timeout: 20_000 }).toBe(2);
    const corrected = (await call()<Rec>('GET', `/visits/${id}`)).body!;
    expect(corrected.attachments).toEqual(stored.body!.attachments.slice(0, 2));
    await desk.close();
  }, SLOW);
});

describe('a PDF with a report', () => {
  it('goes up as it is and downloads from the desk; one over 10 MB is refused before anything is sent', async () => {
    const { context, page, violations } = await openForms(DESKTOP);
    await page.getByRole('tab', { name: '调研报告' }).click();
    const form = page.locator('form[data-kind=report]');
    await form.getByLabel('报告标题').fill('关于周家泉村党支部组织生活的调研报告');
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('村党支部').check();
    await form.getByLabel('党组织名称').fill('城东区周家泉村党支部');
    await form.getByLabel('彩头').fill('三会一课坚持得好');
    await form.getByLabel('短腿').fill('青年党员少');
    await form.getByLabel('良方妙药').fill('从返乡大学生中发展党员');

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    await form.getByLabel('选择照片或文件').setInputFiles([{ name: 'big.pdf', mimeType: 'application/pdf', buffer: big }]);
    await expect.poll(() => form.locator('.evidence-pick-error').textContent()).toContain('超过 10 MB');
    await expect(form.locator('.evidence-files > li').count()).resolves.toBe(0);

    const report = pdf();
    // With it, a photo whose pixels lie on their side (EXIF orientation 6): it must arrive upright.
    const sideways = Buffer.from(insertApp1(await photo(page, 2400, 1800), app1Segment(orientationOnly(6))!));
    await form.getByLabel('选择照片或文件').setInputFiles([
      { name: 'diaoyan.pdf', mimeType: 'application/pdf', buffer: report },
      { name: 'sideways.jpg', mimeType: 'image/jpeg', buffer: sideways },
    ]);
    const picked = form.locator('.evidence-files > li');
    await expect.poll(() => picked.count(), { timeout: 60_000 }).toBe(2);
    await expect(picked.nth(0).locator('.evidence-thumb').textContent()).resolves.toBe('PDF');
    await expect(picked.nth(1).locator('[data-size]').textContent()).resolves.toMatch(/ · 1200×1600$/);
    await picked.nth(0).getByLabel('说明').fill('调研报告全文');
    await page.getByRole('button', { name: '提交调研报告' }).click();
    const sent = page.locator('#queue li[data-state=sent]');
    await sent.waitFor();
    const id = (await sent.getAttribute('data-id'))!;
    await expect.poll(() => sent.locator('[data-file-state=stored]').count(), { timeout: 60_000 }).toBe(2);
    expect(violations).toEqual([]);
    await context.close();

    const desk = await newContext(browser, DESKTOP);
    const deskPage = await desk.newPage();
    await signInAs(deskPage, stack.url, `/desk.html#/record/reports/${id}`, XINING_STAFF);
    const link = deskPage.getByRole('link', { name: '下载 PDF' });
    await link.waitFor({ timeout: 20_000 });
    const shown = deskPage.locator('.evidence-grid > li');
    await expect(shown.nth(0).locator('.flag').count()).resolves.toBe(0);
    await expect(shown.nth(1).locator('.flag').allTextContents()).resolves.toEqual(['照片没有拍摄时间']);
    const turned = (await call()<Rec>('GET', `/attachments/${await shown.nth(1).getAttribute('data-attachment')}`)).body!;
    expect(jpegSize(Buffer.from(await (await fetch(turned.download.url)).arrayBuffer()))).toEqual({ width: 1200, height: 1600 });
    const download = await fetch((await link.getAttribute('href'))!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(report);
    await shoot(deskPage, 'desk-pdf');
    await desk.close();
  }, SLOW);
});

describe('the evidence section and the outbox\'s files', () => {
  it('is on every kind that takes attachments and no other; shows progress; a file the server rejects is shown as an error that stays (the verdict is final)', async () => {
    const { context, page, violations } = await openForms(DESKTOP);
    for (const kind of KINDS) {
      await page.getByRole('tab', { name: kind.form.label.zh }).click();
      const form = page.locator(`form[data-kind=${kind.name}]`);
      await form.waitFor();
      await expect(form.locator('fieldset.evidence[data-path=attachments]').count(), kind.name).resolves.toBe('attachments' in kind.form.fields ? 1 : 0);
    }
    await page.getByRole('tab', { name: '走访记录' }).click();
    const form = page.locator('form[data-kind=visit]');
    await form.getByLabel('所在县（市、区）').selectOption('630102');
    await form.getByLabel('村党支部').check();
    await form.getByLabel('党组织名称').fill('城东区韵家口村党支部');
    await form.getByLabel('党课').check();
    await form.getByLabel('召开座谈会（场）').fill('1');
    await form.getByLabel('党员参加（人次）').fill('12');
    const big = await photo(page, 1800, 1350, { takenAt: TAKEN, offset: '+08:00', latitude: 36.62, longitude: 101.78 });
    await form.getByLabel('选择照片或文件').setInputFiles([
      { name: 'keep.jpg', mimeType: 'image/jpeg', buffer: big },
      { name: 'drop.jpg', mimeType: 'image/jpeg', buffer: await photo(page, 600, 400) },
    ]);
    const items = form.locator('.evidence-files > li');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(2);
    // Removed from the form: gone from the record and from the device.
    await items.nth(1).getByRole('button', { name: '移除 drop.jpg' }).click();
    await expect(items.count()).resolves.toBe(1);
    // Focus moves to the remaining file's button once the list is drawn again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('移除');

    // The bucket answers slowly (progress to see), and the upload arrives spoiled.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 20 * 1024 });
    let spoiled = 0;
    await page.route(`${stack.s3.endpoint}/**`, async (route) => {
      const body = route.request().postDataBuffer();
      if (route.request().method() === 'PUT' && body) {
        spoiled += 1;
        const bad = Buffer.from(body);
        bad.fill(0x3c, 0, 16);
        return route.continue({ postData: bad });
      }
      return route.continue();
    });
    await page.getByRole('button', { name: '提交走访记录' }).click();
    const entry = page.locator('#queue li[data-state=sent]');
    await entry.waitFor({ timeout: 60_000 });
    const id = (await entry.getAttribute('data-id'))!;
    const file = entry.locator('.queue-files li');
    await expect(file.count()).resolves.toBe(1);
    await expect.poll(() => file.locator('[data-file-status]').textContent(), { timeout: 20_000 }).toMatch(/^上传中 \d+%$/);
    await expect(file.locator('progress').count()).resolves.toBe(1);
    await shoot(page, 'outbox-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const rejected = entry.locator('[data-file-state=rejected]');
    await rejected.waitFor({ timeout: 60_000 });
    await expect(rejected.locator('[data-file-status]').textContent()).resolves.toBe('未通过校验');
    await expect(rejected.locator('.error-text').textContent()).resolves.toContain('请在工作台修改该记录，移除此文件后重新拍照或选择');
    // Nothing offers to send it again: the same id would be refused (409), whatever bytes it carried.
    await expect(rejected.getByRole('button').count()).resolves.toBe(0);
    await shoot(page, 'outbox-rejected');
    expect(spoiled).toBe(1);

    const stored = await call()<Rec>('GET', `/visits/${id}`);
    expect(stored.body!.attachments).toHaveLength(1);
    const view = await call()<Rec>('GET', `/attachments/${stored.body!.attachments[0].id}`);
    expect(view.body!.status).toBe('rejected');
    // The removed photo never left the device.
    await expect(page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('xjc-evidence');
      open.onsuccess = () => { const all = open.result.transaction('files').objectStore('files').getAll(); all.onsuccess = () => resolve(all.result.length); };
    }))).resolves.toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  }, SLOW);
});
