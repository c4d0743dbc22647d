import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Role } from '#schemas/access.ts';

/**
 * Debian's Chromium driven by playwright-core (a test tool's own browser download cannot work
 * here); `.ci/run` installs it. Flags keep a headless run off the network it cannot reach.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH); .ci/run installs it`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** The widths the pages must work at: a small phone, and a desktop. */
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newContext(browser: Browser, viewport = PHONE): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
}

/** Where screenshots go: test/e2e/screenshots, or SCREENSHOTS_DIR when set. */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? fileURLToPath(new URL('../screenshots/', import.meta.url));

/** A full-page screenshot under test/e2e/screenshots (ignored by git), named by what it shows and its width. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface Person {
  role: Role;
  region: string;
  ministerId?: string;
  sub?: string;
  /** The account's name (the ID token's `name` claim), when it has one. */
  name?: string;
}

/** Opens `path` and signs in through the page's own button and the local sign-in page (the OAuth code flow). */
export async function signInAs(page: Page, baseUrl: string, path: string, who: Person): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/oauth2\/authorize/);
  await page.selectOption('#role', who.role);
  await page.selectOption('#region', who.region);
  if (who.ministerId) await page.fill('#ministerId', who.ministerId);
  if (who.sub) await page.fill('#sub', who.sub);
  if (who.name) await page.fill('#name', who.name);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/oauth2') && !url.search.includes('code='));
  await page.locator('#who').getByRole('button', { name: '退出' }).waitFor();
}

/** Signs `who` in on the desk at `hash` and waits for the view's heading; page errors are collected. */
export async function openDeskAs(browser: Browser, baseUrl: string, who: Person, hash = '#/', viewport = PHONE): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signInAs(page, baseUrl, `/desk.html${hash}`, who);
  await page.waitForURL(/desk\.html/);
  await page.locator('h2.view-title').first().waitFor();
  return { context, page, errors };
}

/** Signs `who` in on the forms page and waits for the first form; `watch` sees the page before it loads. */
export async function openFormsAs(browser: Browser, baseUrl: string, who: Person, viewport = PHONE, watch?: (page: Page) => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  watch?.(page);
  await signInAs(page, baseUrl, '/', who);
  await page.locator('form[data-kind=visit]').waitFor();
  return { context, page };
}
