import { buildSync, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { KINDS } from '#schemas/kinds/index.ts';
import { formFieldTable } from './src/forms/schema-fields.ts';

/**
 * Builds the web front end into a folder of static files: the three pages, their hashed scripts and
 * styles (cacheable for ever), and the service worker that keeps them on the phone. The local
 * server serves that folder at `/`; on AWS the site bucket holds it behind CloudFront. Synchronous,
 * so CDK's local bundling can call it during synthesis.
 *
 * `/config.json` (where the API is, how to sign in) is not built: whoever serves the folder adds it.
 */

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * The pages, each with its own entry script: the forms page stays light on a weak connection. The
 * forms page is plain TypeScript; the staff desk (工作台: Preact with signals, for its many lists
 * and panels that change in place) and the dashboard (Preact) are TSX.
 */
export const WEB_PAGES = {
  forms: { html: 'index.html', entry: 'src/forms-page.tsx', name: '填报', href: './' },
  desk: { html: 'desk.html', entry: 'src/desk-page.tsx', name: '工作台', href: 'desk.html' },
  dashboard: { html: 'dashboard.html', entry: 'src/dashboard-page.tsx', name: '统计', href: 'dashboard.html' },
} as const;

const PAGE_FILES = Object.values(WEB_PAGES).map((page) => page.html);

/** Every page's shell (`web/page.html`): its name, the navigation with it marked current, and its assets. */
function pageHtml(page: WebPage, assets: string): string {
  const template = readFileSync(join(WEB_DIR, 'page.html'), 'utf8');
  const nav = (Object.keys(WEB_PAGES) as WebPage[])
    .map((p) => `<a href="${WEB_PAGES[p].href}"${p === page ? ' aria-current="page"' : ''}>${WEB_PAGES[p].name}</a>`).join('');
  for (const marker of ['<!-- assets -->', '<!-- name -->', '<!-- nav -->']) {
    if (!template.includes(marker)) throw new Error(`web/page.html has no ${marker} marker`);
  }
  return template.replace('<!-- assets -->', assets).replaceAll('<!-- name -->', WEB_PAGES[page].name).replace('<!-- nav -->', nav);
}
export type WebPage = keyof typeof WEB_PAGES;

export interface WebFile {
  /** Relative to the output folder, with forward slashes (`assets/forms-AB12CD.js`). */
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBuild {
  outDir: string;
  files: WebFile[];
  /** The scripts and styles each page loads (its entry, the chunks it imports, its CSS). */
  pages: Record<WebPage, WebFile[]>;
  /** The chunks a page loads only when asked (a dynamic `import()`, e.g. the desk's .xlsx writer), with what they import in turn. */
  onDemand: Record<WebPage, WebFile[]>;
}

export interface WebBuildOptions {
  /** Default true; false keeps names readable when debugging. */
  minify?: boolean;
}

/** The browsers the forms must work in: phones of the last few years (Android WebView, iOS Safari). */
const TARGET = ['es2022', 'chrome100', 'safari15'];

/**
 * write-excel-file zips the .xlsx with fflate's `zip`, which hands any file over 160 KB to a Web
 * Worker made from a `blob:` URL: the site's CSP (`script-src 'self'`, web/headers.ts) refuses that
 * worker, so a long list would fail to export. `fflate` is answered by a module that compresses on
 * the page instead (web/src/desk/export/fflate-on-page.ts); the CSP stays as it is. (An alias, not
 * a plugin: plugins need esbuild's asynchronous API, and this build is synchronous for CDK.)
 */
const ZIP_ON_THE_PAGE = { fflate: './src/desk/export/fflate-on-page.ts' };

/**
 * Every kind's form fields, worked out here from its schemas' JSON Schema (web/src/forms/model.ts):
 * the pages carry the answer, not the generator.
 */
const formFields = () => ({
  __FORM_FIELDS_BUILT__: 'true',
  // As the text of its JSON: a string stays in the module that reads it, where an object would be
  // hoisted into the chunk every page loads.
  __FORM_FIELDS__: JSON.stringify(JSON.stringify(formFieldTable(KINDS.map((kind) => kind.form)))),
});

export function buildWeb(outDirGiven: string, options: WebBuildOptions = {}): WebBuild {
  const outDir = resolve(outDirGiven);
  const minify = options.minify ?? true;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const app = buildSync({
    entryPoints: Object.fromEntries(Object.entries(WEB_PAGES).map(([name, page]) => [name, join(WEB_DIR, page.entry)])),
    absWorkingDir: WEB_DIR,
    outdir: outDir,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/shared-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: TARGET,
    // The desk's views are TSX: Preact's automatic runtime (web/tsconfig.json says the same to tsc).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: ZIP_ON_THE_PAGE,
    define: formFields(),
    minify,
    legalComments: 'none',
    metafile: true,
    write: true,
    logLevel: 'silent',
  });
  const outputs = app.metafile.outputs;
  // The metafile's paths are relative to absWorkingDir.
  const rel = (path: string) => relative(outDir, resolve(WEB_DIR, path)).split('\\').join('/');
  const pageFiles = (page: WebPage): string[] => {
    const entry = Object.keys(outputs).find((out) => outputs[out].entryPoint !== undefined && outputs[out].entryPoint?.endsWith(WEB_PAGES[page].entry));
    if (!entry) throw new Error(`web build: no output for ${WEB_PAGES[page].entry}`);
    return [...staticImportsOf(outputs, entry), ...(outputs[entry].cssBundle ? [outputs[entry].cssBundle] : [])];
  };
  const entryOf = (page: WebPage) => Object.keys(outputs).find((out) => outputs[out].entryPoint?.endsWith(WEB_PAGES[page].entry))!;
  const assets = Object.keys(outputs).filter((out) => !out.endsWith('.map')).map(rel);

  // The service worker has a fixed name at the root (its scope is the whole site) and lists what to keep.
  buildSync({
    entryPoints: [join(WEB_DIR, 'src/sw.ts')],
    outfile: join(outDir, 'sw.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    minify,
    legalComments: 'none',
    define: { __SHELL__: JSON.stringify(['./', ...PAGE_FILES, ...assets]), __VERSION__: JSON.stringify(versionOf(assets)) },
    logLevel: 'silent',
  });

  for (const page of Object.keys(WEB_PAGES) as WebPage[]) {
    const files = pageFiles(page).map(rel);
    const tags = [
      ...files.filter((f) => f.endsWith('.css')).map((f) => `<link rel="stylesheet" href="${f}">`),
      ...files.filter((f) => f.endsWith('.js')).slice(1).map((f) => `<link rel="modulepreload" href="${f}">`),
      `<script type="module" src="${files.find((f) => f.endsWith('.js'))}"></script>`,
    ].join('\n    ');
    writeFileSync(join(outDir, WEB_PAGES[page].html), pageHtml(page, tags));
  }

  const fileOf = (path: string): WebFile => {
    const content = readFileSync(join(outDir, path));
    return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  };
  const files = [...PAGE_FILES, 'sw.js', ...assets].map(fileOf);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pages = Object.fromEntries(
    (Object.keys(WEB_PAGES) as WebPage[]).map((page) => [page, pageFiles(page).map((f) => byPath.get(rel(f))!)]),
  ) as Record<WebPage, WebFile[]>;
  const onDemand = Object.fromEntries((Object.keys(WEB_PAGES) as WebPage[]).map((page) => {
    const loaded = new Set(pageFiles(page));
    return [page, onDemandOf(outputs, entryOf(page)).filter((f) => !loaded.has(f)).map((f) => byPath.get(rel(f))!)];
  })) as Record<WebPage, WebFile[]>;
  return { outDir, files, pages, onDemand };
}

/** An entry's output followed by every chunk it imports statically (what the page loads before it runs). */
function staticImportsOf(outputs: Metafile['outputs'], entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const imported of outputs[queue.shift()!].imports) {
      if (imported.kind === 'import-statement' && !imported.external && !seen.has(imported.path)) {
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return [...seen];
}

/** Every chunk reachable from an entry through a dynamic `import()` (and what those chunks import). */
function onDemandOf(outputs: Metafile['outputs'], entry: string): string[] {
  const seen = new Set<string>();
  for (const file of staticImportsOf(outputs, entry)) {
    for (const imported of outputs[file].imports) {
      if (imported.kind === 'dynamic-import' && !imported.external) for (const chunk of staticImportsOf(outputs, imported.path)) seen.add(chunk);
    }
  }
  return [...seen];
}

/** Changes whenever any asset's hashed name does, so a new service worker replaces the old cache. */
function versionOf(assets: string[]): string {
  let hash = 0;
  for (const ch of assets.sort().join('|')) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return (hash >>> 0).toString(36);
}

/** The gzipped weight of a page's scripts and styles. */
export const pageWeight = (build: WebBuild, page: WebPage): number => build.pages[page].reduce((sum, f) => sum + f.gzipBytes, 0);

/** Where `npm start` and the tests build the site (ignored by git). */
export const WEB_OUT_DIR = join(WEB_DIR, 'dist');
