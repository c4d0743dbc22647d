import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, openDeskAs, openFormsAs, PHONE, type Person, screenshot } from './support/browser.ts';
import { rollUpToday, stopAll } from './support/stack.ts';
import { axe, readable } from './support/axe.ts';

/**
 * WCAG 2.1 A/AA (axe-core's rules with those tags) on every view a province staffer reaches through
 * the desk's navigation, on the dashboard, and on the forms page and the desk as a head, at a phone's width and a
 * desktop's, each with data in it (a visit with a suggestion, problems under every light, a report,
 * a rollup). axe is evaluated in the page through the browser's protocol, so the site's CSP stays on.
 */

let stack: TestApi;
let browser: Browser;
const call = () => api(stack.url);

const HEAD = { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' };
const PROVINCE_STAFF: Person = { role: 'staff', region: '630000', sub: 'province-staff' };
const HEAD_SELF: Person = { role: 'submitter', region: '630102', ministerId: HEAD.id, sub: 'wang' };
const where = (date: string) => ({ ministerId: HEAD.id, countyCode: '630102', date });

/** The desk's views as its navigation links them for staff. */
const DESK_VIEWS = ['#/', '#/queue', '#/duplicates', '#/problems', '#/suggestions', '#/duty', '#/collection', '#/roster', '#/matching', '#/contacts', '#/import', '#/months', '#/bulletin', '#/accounts'];

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  expect((await call()('PUT', `/ministers/${HEAD.id}`, { name: HEAD.name, level: HEAD.level, regionCode: HEAD.regionCode })).status).toBeLessThan(300);
  const records: [string, Record<string, unknown>][] = [
    ['/visits', { ...SAMPLES.visit.valid(where(daysAgo(3))), suggestions: [{ id: randomUUID(), text: '希望增设党员学习角', channel: 'symposium', status: 'pending' }] }],
    ['/visits', { ...SAMPLES.visit.valid(where(daysAgo(3))), branch: { name: '城东区无障碍村党支部', type: 'village', countyCode: '630102' } }],
    // Problems under each light: overdue (red), due within 10 days (yellow), later (green).
    ['/problems', { ...SAMPLES.problem.valid(where(daysAgo(30))), deadline: daysAgo(1) }],
    ['/problems', { ...SAMPLES.problem.valid(where(daysAgo(30))), deadline: daysAgo(-5) }],
    ['/problems', { ...SAMPLES.problem.valid(where(daysAgo(30))), deadline: daysAgo(-40) }],
    ['/reports', SAMPLES.report.valid(where(daysAgo(2)))],
  ];
  for (const [path, body] of records) expect((await call()('POST', path, body)).status).toBe(201);
  await rollUpToday();
  browser = await launchBrowser();
});

afterAll(() => stopAll(stack, browser));

/** Waits until nothing on the page is still loading. */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !(document.querySelector('main')?.textContent ?? '').includes('正在加载'), undefined, { timeout: 15_000 });

describe('WCAG 2.1 AA (axe-core)', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`every view of the desk a province staffer reaches through its navigation, at ${viewport.width} px`, async () => {
      const { context, page, errors } = await openDeskAs(browser, stack.url, PROVINCE_STAFF, '#/', viewport);
      // The navigation's links are the views checked: a new view in it is checked too.
      const linked = await page.locator('nav.desk-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(linked.sort()).toEqual([...DESK_VIEWS].sort());
      const found: string[] = [];
      for (const hash of DESK_VIEWS) {
        await page.goto(`${stack.url}/desk.html${hash}`);
        await page.locator('h2.view-title').first().waitFor();
        await settled(page);
        found.push(...readable(`desk ${hash} @${viewport.width}`, await axe(page)));
        await screenshot(page, `a11y-desk-${hash.replace(/[#/]/g, '') || 'home'}`);
      }
      expect(errors).toEqual([]);
      expect(found, found.join('\n')).toEqual([]);
      await context.close();
    });

    it(`the dashboard (province and a prefecture), and the forms page and the desk as a head, at ${viewport.width} px`, async () => {
      const found: string[] = [];
      const { context, page } = await openDeskAs(browser, stack.url, PROVINCE_STAFF, '#/', viewport);
      for (const query of ['', '?region=630100']) {
        await page.goto(`${stack.url}/dashboard.html${query}`);
        await page.locator('#coverage-table').waitFor();
        await settled(page);
        found.push(...readable(`dashboard${query} @${viewport.width}`, await axe(page)));
        await screenshot(page, `a11y-dashboard${query ? '-630100' : ''}`);
      }
      await context.close();

      const forms = await openFormsAs(browser, stack.url, HEAD_SELF, viewport);
      found.push(...readable(`forms @${viewport.width}`, await axe(forms.page)));
      await screenshot(forms.page, 'a11y-forms');
      // Every tick box and round button the same size as its neighbours, however long its words (a long label wraps, the box stays).
      const boxes = await forms.page.locator('form input[type=checkbox]:visible, form input[type=radio]:visible').evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().width)));
      expect(boxes.length).toBeGreaterThan(5);
      expect(new Set(boxes).size).toBe(1);
      // The head's own desk, every view its navigation links (我的填报, 我的述职, the ledgers of their own, …).
      await forms.page.goto(`${stack.url}/desk.html#/mine`);
      await forms.page.locator('h2.view-title').first().waitFor();
      const own = await forms.page.locator('nav.desk-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(own).toContain('#/mine');
      for (const hash of own) {
        await forms.page.goto(`${stack.url}/desk.html${hash}`);
        await forms.page.locator('h2.view-title').first().waitFor();
        await settled(forms.page);
        found.push(...readable(`head's desk ${hash} @${viewport.width}`, await axe(forms.page)));
      }
      await forms.context.close();
      expect(found, found.join('\n')).toEqual([]);
    });
  }
});
