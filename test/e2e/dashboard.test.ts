import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KINDS } from '#schemas/kinds/index.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { handlerWith } from '#functions/handlers/rollup/nightly.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { SAMPLES } from '../support/samples.ts';
import { adminAuthorization, api, startTestApi, type TestApi } from '../integration/support/local-stack.ts';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signInAs } from './support/browser.ts';
import { rollUpToday, stopAll } from './support/stack.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * The dashboard in a real browser: after records of every kind in three prefectures and a rollup,
 * it shows the very figures the reporting API returns, at the province and after a drill-down, and
 * downloads the API's CSV.
 */

let stack: TestApi;
let browser: Browser;
const HEADLINES = ['ministers', 'sessions', 'symposiums', 'participants', 'suggestions', 'suggestionsAnsweredOrResolved'] as const;
const PLACES = [
  { minister: 'm-630102-01', level: 'county', county: '630102' },
  { minister: 'm-632221-01', level: 'county', county: '632221' },
  { minister: 'm-632700-01', level: 'prefecture', region: '632700', county: '632701' },
];
const call = () => api(stack.url);
const shown = (n: number) => n.toLocaleString('zh-CN');

type Totals = Record<(typeof HEADLINES)[number], number>;
type Summary = { region: { name: string }; totals: Totals; children: { region: { code: string }; totals: Totals }[] };
type CoverageTotals = { branchesVisited: { village: number }; coverage: { village: { registered: number; visited: number } } };

beforeAll(async () => {
  stack = await startTestApi({ siteDir: inject('siteDir') });
  for (const p of PLACES) {
    const put = await call()('PUT', `/ministers/${p.minister}`, { name: `部长${p.county}`, level: p.level, regionCode: p.region ?? p.county });
    expect(put.status).toBeLessThan(300);
    for (const form of FORMS) {
      for (let i = 0; i < (form.kind === 'visit' ? 3 : 1); i++) {
        const created = await call()('POST', `/${form.path}`, SAMPLES[form.kind].valid({ ministerId: p.minister, countyCode: p.county, date: beijingDate() }));
        expect(created.status).toBe(201);
      }
    }
  }
  // 城东区's registry holds three villages; one visit names one of them, the others are typed in (未匹配名册).
  for (const k of [1, 2, 3]) {
    expect((await call()('PUT', `/branches/e2e-630102-${k}`, { name: `城东登记${k}村党支部`, type: 'village', countyCode: '630102' })).status).toBe(201);
  }
  const registered = { id: 'e2e-630102-1', name: '城东登记1村党支部', type: 'village', countyCode: '630102' };
  const named = await call()('POST', '/visits', { ...SAMPLES.visit.valid({ ministerId: 'm-630102-01', countyCode: '630102', date: beijingDate() }), branch: registered });
  expect(named.status).toBe(201);
  await rollUpToday();
  browser = await launchBrowser();
});

afterAll(() => stopAll(stack, browser));

async function figuresOnPage(page: import('playwright-core').Page): Promise<Record<string, string>> {
  return page.$$eval('[data-figure]', (els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-figure'), el.textContent])));
}

describe('the dashboard', () => {
  it.each([['phone', PHONE], ['desktop', DESKTOP]] as const)('on a %s shows the figures the API returns, by prefecture, and drills down to counties', async (_, viewport) => {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html', { role: 'staff', region: '630000', sub: 'province-staff' });
    await page.locator('[data-figure=sessions]').waitFor();

    const province = (await call()<Summary>('GET', '/summary?region=630000')).body!;
    expect(province.totals.sessions).toBeGreaterThan(0);
    expect(await figuresOnPage(page)).toEqual(Object.fromEntries(HEADLINES.map((k) => [k, shown(province.totals[k])])));
    const rows = await page.$$eval('#children-table tbody tr[data-region]', (trs) => trs.map((tr) => [tr.getAttribute('data-region'), [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    expect(rows).toEqual(province.children.map((c) => [c.region.code, HEADLINES.map((k) => shown(c.totals[k]))]));
    await expect(page.locator('#bar-chart svg, svg#bar-chart').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#history-chart svg, svg#history-chart').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'dashboard-province');

    await page.locator('#children-table tr[data-region="630100"] a').click();
    await page.locator('#region-title', { hasText: '西宁市' }).waitFor();
    await expect(page.waitForURL(/region=630100/)).resolves.toBeUndefined();
    const xining = (await call()<Summary>('GET', '/summary?region=630100')).body!;
    // The title changes before the prefecture's figures arrive: wait for them, as for the province's.
    await page.locator('[data-figure=sessions]').waitFor();
    expect(await figuresOnPage(page)).toEqual(Object.fromEntries(HEADLINES.map((k) => [k, shown(xining.totals[k])])));
    const counties = await page.$$eval('#children-table tbody tr[data-region]', (trs) => trs.map((tr) => tr.getAttribute('data-region')));
    expect(counties).toEqual(xining.children.map((c) => c.region.code));
    await screenshot(page, 'dashboard-xining');
    await context.close();
  });

  it.each([['phone', PHONE], ['desktop', DESKTOP]] as const)('on a %s gives the coverage the coverage table gives, and branches not matched to the registry apart', async (_, viewport) => {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html', { role: 'staff', region: '630000', sub: 'province-staff' });
    for (const region of ['630000', '630100']) {
      if (region !== '630000') await page.locator(`#children-table tr[data-region="${region}"] a`).click();
      await page.locator(`#coverage-table tr[data-total="${region}"]`).waitFor();
      const { totals } = (await call()<{ totals: CoverageTotals }>('GET', `/summary?region=${region}`)).body!;
      const { registered, visited } = totals.coverage.village;
      expect([registered, visited]).toEqual([3, 1]);
      const tableRate = await page.locator(`#coverage-table tr[data-total="${region}"] [data-cov="village-rate"] span`).first().textContent();
      expect(tableRate).toBe('33.3%');
      const line = page.locator('dl.targets dt', { hasText: '村党支部走访覆盖' }).locator('xpath=following-sibling::dd[1]');
      const text = await line.textContent();
      // The same numbers and rate as the table's total row; typed-in branches apart, never in the rate.
      expect(text).toContain(`已走访 ${shown(visited)} / ${shown(registered)} 个（${tableRate}）`);
      const unmatched = totals.branchesVisited.village - visited;
      expect(unmatched).toBeGreaterThan(0);
      expect(text).toContain(`未匹配名册 ${shown(unmatched)} 个`);
      await expect(page.locator('#targets-note').textContent()).resolves.toContain('未匹配名册');
      await expect(page.locator('#ministers-note').textContent()).resolves.toContain('含到本地区走访的省级、市州级部长');
    }
    await page.locator('#targets-title').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-coverage-xining');
    await context.close();
  });

  it("downloads the API's CSV of the snapshot", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html', { role: 'reporter', region: '630000', sub: 'reader' });
    await page.locator('[data-figure=sessions]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^xiajiceng-summary-630000-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const csv = await fetch(`${stack.url}/summary?region=630000&format=csv`, { headers: adminAuthorization() });
    expect(saved).toBe((await csv.text()).replace(/^\uFEFF/, ''));
    await context.close();
  });

  it('keeps a county staffer to their county', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html?region=630000', { role: 'staff', region: '632221', sub: 'menyuan-staff' });
    await page.locator('#region-title', { hasText: '门源回族自治县' }).waitFor();
    const county = (await call()<Summary>('GET', '/summary?region=632221')).body!;
    expect(await figuresOnPage(page)).toEqual(Object.fromEntries(HEADLINES.map((k) => [k, shown(county.totals[k])])));
    await context.close();
  });

  it('marks days without a snapshot as gaps in the 30-day chart, in words and in the table, never as zeros', async () => {
    const { rollupDeps } = await import('#functions/rollup-composition.ts');
    const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
    const today = beijingDate();
    // Two nights closed on their own (a rebuild does not fill the days before it): the days between them have no snapshot.
    await runRollup(rollupDeps(), addDays(today, -6), { rebuild: true });
    await runRollup(rollupDeps(), addDays(today, -3), { rebuild: true });
    const history = (await call()<{ items: { asOf: string }[] }>('GET', `/summary/history?region=630000&from=${addDays(today, -29)}&to=${today}`)).body!;
    expect(history.items.map((i) => i.asOf)).not.toContain(addDays(today, -5));

    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html', { role: 'staff', region: '630000', sub: 'province-staff' });
    await page.locator('svg#history-chart').waitFor();
    const gap = `${addDays(today, -5)}/${addDays(today, -4)}`;
    await expect(page.locator(`svg#history-chart rect.gap[data-gap="${gap}"] title`).textContent())
      .resolves.toBe(`${addDays(today, -5)} 至 ${addDays(today, -4)}（2 天）：无统计快照`);
    await expect(page.locator('#series-gaps').textContent()).resolves.toContain(`${addDays(today, -5)} 至 ${addDays(today, -4)}（2 天）`);
    await expect(page.locator('svg#history-chart').getAttribute('aria-label')).resolves.toContain('无统计快照');
    // Before the first night, between the two nights, and between the second and today: three gaps, a dot on each day with a snapshot only.
    await expect(page.locator('svg#history-chart rect.gap').count()).resolves.toBe(3);
    const lines = await page.locator('svg#history-chart polyline.line').count();
    const dots = await page.locator('svg#history-chart circle.dot').count();
    expect(dots).toBe(history.items.length);
    expect(lines).toBeLessThan(dots);
    await page.getByText('查看逐日数据').click();
    await expect(page.locator(`tr[data-gap="${gap}"] td`).textContent()).resolves.toBe('— 无快照');
    // A closed night before anything was reported is a known zero, not a gap.
    await expect(page.locator(`tr[data-date="${addDays(today, -6)}"] td`).textContent()).resolves.toBe('0');
    await screenshot(page, 'dashboard-gaps');
    await context.close();
  });

  it('shows a visit reported now after the next intraday refresh, marked as provisional with the time of its snapshot', async () => {
    const rollup = handlerWith(() => ({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date() } }));
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signInAs(page, stack.url, '/dashboard.html?region=630102', { role: 'staff', region: '630102', sub: 'chengdong-staff' });
    await page.locator('[data-figure=participants]').waitFor();
    const before = (await call()<Summary>('GET', '/summary?region=630102')).body!.totals.participants;
    await expect(page.locator('[data-figure=participants]').textContent()).resolves.toBe(shown(before));

    const visit = { ...SAMPLES.visit.valid({ ministerId: 'm-630102-01', countyCode: '630102', date: beijingDate() }), participants: 17 };
    expect((await call()('POST', '/visits', visit)).status).toBe(201);
    await rollup({ intraday: true }, lambdaContext('rollup', 60_000));

    await page.reload();
    await page.locator('[data-figure=participants]').waitFor();
    await expect(page.locator('[data-figure=participants]').textContent()).resolves.toBe(shown(before + 17));
    const summary = (await call()<Summary & { asOf: string; provisional: boolean; generatedAt: string }>('GET', '/summary?region=630102')).body!;
    expect(summary).toMatchObject({ asOf: beijingDate(), provisional: true });
    const time = new Date(Date.parse(summary.generatedAt) + 8 * 3_600_000).toISOString().slice(11, 16);
    const notice = page.locator('#provisional');
    await expect(notice.textContent()).resolves.toContain('当日临时数据（次日凌晨定稿）');
    await expect(notice.textContent()).resolves.toContain(`截至 ${time}（北京时间）`);
    await screenshot(page, 'dashboard-provisional');
    await context.close();
  });
});
