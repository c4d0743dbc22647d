import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, pageWeight, WEB_PAGES, type WebBuild } from '#web/build.ts';

/** The site as built: three pages in one header, the service worker keeping each, and the desk's weight. */
let build: WebBuild;
beforeAll(() => { build = buildWeb(mkdtempSync(join(tmpdir(), 'xjc-web-unit-'))); });
afterAll(() => rmSync(build.outDir, { recursive: true, force: true }));

const text = (path: string) => readFileSync(join(build.outDir, path), 'utf8');

describe('the web build', () => {
  it('gives every page the same header, with its own name marked current', () => {
    for (const page of Object.values(WEB_PAGES)) {
      const html = text(page.html);
      expect(html).toContain('<a href="./"');
      expect(html).toContain('<a href="desk.html"');
      expect(html).toContain('<a href="dashboard.html"');
      expect(html).toContain(`<a href="${page.href}" aria-current="page">${page.name}</a>`);
    }
  });

  it('lets the service worker keep every page, the desk included', () => {
    const sw = text('sw.js');
    for (const page of Object.values(WEB_PAGES)) expect(sw).toContain(`"${page.html}"`);
  });

  it("keeps the desk's first view within 60 KB gzipped, the .xlsx writer left to a chunk loaded on demand", () => {
    expect(pageWeight(build, 'desk')).toBeLessThanOrEqual(60 * 1024);
    const firstView = build.pages.desk.map((f) => text(f.path)).join('\n');
    const onDemand = build.onDemand.desk.map((f) => text(f.path)).join('\n');
    // write-excel-file's sheet XML namespace: in the chunk, not in what the desk loads first.
    expect(onDemand).toContain('schemas.openxmlformats.org/spreadsheetml');
    expect(firstView).not.toContain('schemas.openxmlformats.org/spreadsheetml');
    // And the other pages never carry it.
    for (const page of ['forms', 'dashboard'] as const) expect(build.pages[page].map((f) => text(f.path)).join('\n')).not.toContain('spreadsheetml');
  });

  it("keeps the dashboard within 5 KB gzipped of its weight before Preact (19.8 KB), its charts and lists drawn from a chunk loaded once the figures show", () => {
    expect(pageWeight(build, 'dashboard')).toBeLessThanOrEqual(24.8 * 1024);
    const firstView = build.pages.dashboard.map((f) => text(f.path)).join('\n');
    const onDemand = build.onDemand.dashboard.map((f) => text(f.path)).join('\n');
    // The 30-day chart's id: drawn by the chunk, absent from what the page loads first.
    expect(onDemand).toContain('history-chart');
    expect(firstView).not.toContain('history-chart');
  });

  it('keeps the forms page within 80 KB gzipped', () => {
    expect(pageWeight(build, 'forms')).toBeLessThanOrEqual(80 * 1024);
  });

  it('gives the pages each form\'s fields worked out when built, not the JSON Schema generator', () => {
    for (const page of ['forms', 'desk'] as const) {
      // The desk's record page (which describes a record from the table) is a chunk fetched at its start.
      const loaded = [...build.pages[page], ...build.onDemand[page]].map((f) => text(f.path)).join('\n');
      expect(loaded).not.toContain('__FORM_FIELDS');
      // What the generator writes into every schema it makes.
      expect(loaded).not.toContain('json-schema.org/draft');
      // The table itself, from the catalogue: the visit's first field is its head.
      expect(loaded).toContain('"visit":{"fields":[["ministerId",{"kind":"minister","optional":false}]');
    }
  });
});
