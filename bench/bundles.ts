import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { ROUTES } from '#functions/route-table.ts';
import { LAMBDA_BUNDLING } from '#infra/bundling.ts';
import { ROLLUP_HANDLER } from '#functions/rollup/schedules.ts';
import { DAILY_NOTICES_HANDLER, DECISION_NOTICES_HANDLER, ROBOT_SWEEP_HANDLER } from '#functions/notice-functions.ts';
import { VERIFY_HANDLER } from '#functions/routes.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { median } from './stats.ts';

/** The groups a bundle's bytes are told apart by (see `groupOf`). */
export const DEPENDENCY_GROUPS = ['@aws-sdk/*', '@smithy/*', 'zod', '@aws-lambda-powertools/*', '@middy/*', 'other packages', 'functions/*', 'schemas/', 'esbuild glue'] as const;

export interface BundleFigure {
  handler: string;
  /** An API route's function: one someone waits on, held to API_BUNDLE_BUDGET. */
  api: boolean;
  minifiedKB: number;
  gzipKB: number;
  coldImportMs: number;
  overEmptyMs: number;
  /** The CPU time of the same cold imports (median), over the empty module's. */
  overEmptyCpuMs: number;
  /** With `against`: the median, over the rounds, of this bundle's cold import less the revision's (imported next to it). */
  pairedDeltaMs?: number;
  /**
   * Output bytes by where they come from: the package groups above, our own code by folder
   * (`functions/http`, `functions/` for its top-level files, `schemas/`), and what esbuild adds
   * itself (module wrappers, the banner: the output's size less the sum of its inputs').
   */
  bytesBy: Record<string, number>;
  /** Output bytes of each package in the `other packages` group. */
  otherPackages: Record<string, number>;
  /** The kinds' form modules (what schemas/kinds/index.ts imports) that end up in the bundle, and their bytes. */
  kinds: { modules: string[]; bytes: number };
  /**
   * For each module in the bundle that imports schemas/kinds/index.ts (all kinds) or a kind's form module
   * directly, the shortest import chain from the handler to it (handler first, what it imports last).
   */
  kindChains: string[][];
  /** The inputs that put the most bytes in the bundle, largest first: where to look when it grows. */
  largestInputs: { input: string; bytes: number }[];
}

export interface BundleSet {
  /** What was built: `working tree`, or the git revision it was extracted from. */
  source: string;
  bundles: BundleFigure[];
}

export interface BundleFigures {
  emptyMs: number;
  emptyCpuMs: number;
  runs: number;
  /** Each source's bundles; with `against`, the revision's set comes second. */
  sets: BundleSet[];
}

/**
 * What a function someone waits on (an API route's) may weigh and take to load, beside an empty module
 * in the same run. The nightly rollup and the evidence verify function are invoked by schedules and
 * S3: nobody waits on their cold start, so they answer to no budget.
 */
export const API_BUNDLE_BUDGET = { minifiedKB: 300, coldImportOverEmptyMs: 50 } as const;

/** The API functions' handler modules, one per route's handler. */
export const apiHandlers = (): string[] => [...new Set(ROUTES.map((r) => r.handler))];

/** Every function's handler module: the API's, the nightly rollup's and the evidence verify function's. */
export const bundledHandlers = (): string[] => [...apiHandlers(), ROLLUP_HANDLER, VERIFY_HANDLER, DECISION_NOTICES_HANDLER, DAILY_NOTICES_HANDLER, ROBOT_SWEEP_HANDLER];

/**
 * Cold imports, each in a fresh node process (the Lambda init phase's module load): `runs` rounds,
 * each importing every file once, forwards in even rounds and backwards in odd ones, so drift on the
 * machine hits all alike and neighbours in `files` are compared under the same load. Each file's
 * times, round by round: the wall-clock time, and the CPU time the process spent in it (which a
 * machine busy with other work stretches far less: a second reading when the wall clock is not quiet).
 */
function coldImportTimes(files: readonly string[], runs: number): { wall: number[][]; cpu: number[][] } {
  const script = 'const c=process.cpuUsage(),t=performance.now();await import(process.argv[1]);const w=performance.now()-t,u=process.cpuUsage(c);'
    + 'process.stdout.write(JSON.stringify([w,(u.user+u.system)/1000]))';
  const env = { PATH: process.env.PATH, TABLE_NAME: 'bench', AWS_REGION: 'cn-northwest-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const wall = files.map(() => [] as number[]);
  const cpu = files.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    const order = files.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      const [w, c] = z.tuple([z.number(), z.number()]).parse(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, files[i]], { env }).toString()));
      wall[i].push(w);
      cpu[i].push(c);
    }
  }
  return { wall, cpu };
}

/** The dependency group of one esbuild input path (relative to the source root). */
export function groupOf(input: string): { group: string; pkg?: string } {
  const at = input.lastIndexOf('node_modules/');
  if (at >= 0) {
    const [scope, name] = input.slice(at + 'node_modules/'.length).split('/');
    const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
    if (scope === '@aws-sdk' || scope === '@smithy' || scope === '@aws-lambda-powertools' || scope === '@middy') return { group: `${scope}/*`, pkg };
    if (pkg === 'zod') return { group: 'zod', pkg };
    return { group: 'other packages', pkg };
  }
  const own = /^(functions|schemas)\/(?:(.+)\/)?[^/]+$/.exec(input);
  if (own?.[1] === 'functions') return { group: own[2] ? `functions/${own[2].split('/')[0]}` : 'functions/' };
  if (own?.[1] === 'schemas') return { group: 'schemas/' };
  return { group: 'other packages', pkg: input };
}

/** Output bytes by dependency group, and the `other packages` by package. */
export function bytesByGroup(output: Metafile['outputs'][string]): { bytesBy: Record<string, number>; otherPackages: Record<string, number> } {
  const bytesBy: Record<string, number> = {};
  const otherPackages: Record<string, number> = {};
  let attributed = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (!bytesInOutput) continue;
    const { group, pkg } = groupOf(input);
    bytesBy[group] = (bytesBy[group] ?? 0) + bytesInOutput;
    if (group === 'other packages' && pkg) otherPackages[pkg] = (otherPackages[pkg] ?? 0) + bytesInOutput;
    attributed += bytesInOutput;
  }
  bytesBy['esbuild glue'] = output.bytes - attributed;
  return { bytesBy, otherPackages };
}

/** Shortest import paths from `entry` to every module in the build (breadth first over the metafile). */
function shortestChains(metafile: Metafile, entry: string): Map<string, string[]> {
  const chains = new Map([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const from = queue.shift()!;
    for (const { path, external } of metafile.inputs[from]?.imports ?? []) {
      if (external || chains.has(path)) continue;
      chains.set(path, [...chains.get(from)!, path]);
      queue.push(path);
    }
  }
  return chains;
}

/** Which kinds' form modules the bundle carries, and through which imports. */
export function kindsIn(metafile: Metafile, output: Metafile['outputs'][string], entry: string): Pick<BundleFigure, 'kinds' | 'kindChains'> {
  const inBundle = (path: string) => (output.inputs[path]?.bytesInOutput ?? 0) > 0;
  const kindModules = new Set((metafile.inputs['schemas/kinds/index.ts']?.imports ?? []).map((i) => i.path).filter((p) => p !== 'schemas/kind.ts'));
  const present = [...kindModules].filter(inBundle).sort();
  const chains = shortestChains(metafile, entry);
  const kindChains: string[][] = [];
  // Every module that imports the list of kinds, or a kind's module, other than the list itself.
  const isKind = (path: string) => path === 'schemas/kinds/index.ts' || (kindModules.has(path) && inBundle(path));
  for (const [importer, { imports }] of Object.entries(metafile.inputs)) {
    const kinds = imports.filter((i) => isKind(i.path)).map((i) => i.path);
    if (!kinds.length || importer === 'schemas/kinds/index.ts' || !chains.has(importer)) continue;
    kindChains.push([...chains.get(importer)!, kinds.length === 1 ? kinds[0] : `{${kinds.join(', ')}}`]);
  }
  return {
    kinds: { modules: present, bytes: present.reduce((sum, p) => sum + output.inputs[p].bytesInOutput, 0) },
    kindChains: kindChains.sort((a, b) => a.length - b.length),
  };
}

/** The `count` inputs with the most bytes in the output (paths relative to the source root, node_modules shortened). */
export function largestInputs(output: Metafile['outputs'][string], count = 15): BundleFigure['largestInputs'] {
  return Object.entries(output.inputs).map(([input, { bytesInOutput }]) => ({ input: input.slice(Math.max(0, input.lastIndexOf('node_modules/'))), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

/** How a tree builds its bundles (`LAMBDA_BUNDLING` of its infra/bundling.ts; older trees lack some options). */
export interface Bundling {
  format: 'esm' | 'cjs';
  target: string;
  minify: boolean;
  mainFields: readonly string[];
  alias: Readonly<Record<string, string>>;
  banner: string;
  charset?: 'utf8' | 'ascii';
}

/**
 * The bundling options of the tree at `root`, read from its own infra/bundling.ts: a revision is built
 * as it built itself, its stand-ins (named from that file's own place) its own.
 */
async function bundlingOf(root: string): Promise<Bundling> {
  if (root === REPO_ROOT) return LAMBDA_BUNDLING;
  const own: { LAMBDA_BUNDLING: Bundling } = await import(pathToFileURL(join(root, 'infra/bundling.ts')).href);
  return own.LAMBDA_BUNDLING;
}

/** Builds one handler's bundle exactly as CDK does, from the source tree at `root`, with that tree's options. */
export async function buildBundle(root: string, handler: string, outfile: string) {
  const options = await bundlingOf(root);
  const entry = `functions/handlers/${handler}.ts`;
  const { metafile } = await build({
    absWorkingDir: root, entryPoints: [entry], outfile, bundle: true, platform: 'node', logLevel: 'error', metafile: true,
    format: options.format, target: options.target, minify: options.minify,
    mainFields: [...options.mainFields], alias: { ...options.alias }, charset: options.charset, banner: { js: options.banner },
  });
  const output = Object.values(metafile.outputs)[0];
  return { metafile, output, entry };
}

/** The tree of a git revision, extracted beside the bundles, using this checkout's node_modules. */
function extractRevision(rev: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git -C "$1" archive "$2" | tar -x -C "$3"`, 'sh', REPO_ROOT, rev, dir]);
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(dir, 'node_modules'));
  return dir;
}

/**
 * Builds each function's bundle as CDK does, then measures size, where the bytes come from, and
 * cold import beside an empty module. With `against` (a git revision), that revision's bundles are
 * built and measured too, their cold imports interleaved with this tree's in the same rounds.
 */
export async function measureBundles(outDir: string, options: { runs?: number; against?: string } = {}): Promise<BundleFigures> {
  const runs = options.runs ?? 7;
  mkdirSync(outDir, { recursive: true });
  const empty = join(outDir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const sources = [{ source: 'working tree', root: REPO_ROOT, dir: join(outDir, 'current') }];
  if (options.against) sources.push({ source: options.against, root: extractRevision(options.against, join(outDir, 'against-src')), dir: join(outDir, 'against') });

  const built: { set: number; file: string; figure: Omit<BundleFigure, 'coldImportMs' | 'overEmptyMs' | 'overEmptyCpuMs'> }[] = [];
  // Handler by handler, each source's bundle next to the other's: their cold imports come in turn.
  for (const handler of bundledHandlers()) {
    for (const [set, { root, dir }] of sources.entries()) {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(join(root, 'functions/handlers', `${handler}.ts`))) continue;
      const file = join(dir, `${handler.replace('/', '-')}.mjs`);
      const { metafile, output, entry } = await buildBundle(root, handler, file);
      writeFileSync(`${file}.meta.json`, JSON.stringify(metafile));
      built.push({
        set, file,
        figure: {
          handler,
          api: apiHandlers().includes(handler),
          minifiedKB: round(statSync(file).size / 1024),
          gzipKB: round(gzipSync(readFileSync(file)).length / 1024),
          ...bytesByGroup(output),
          ...kindsIn(metafile, output, entry),
          largestInputs: largestInputs(output),
        },
      });
    }
  }

  const { wall: [emptyTimes, ...times], cpu: [emptyCpu, ...cpu] } = coldImportTimes([empty, ...built.map((b) => b.file)], runs);
  const emptyMs = median(emptyTimes);
  const emptyCpuMs = median(emptyCpu);
  const paired = (i: number) => {
    const other = built.findIndex((b, j) => j !== i && b.figure.handler === built[i].figure.handler);
    return built[i].set === 0 && other >= 0 ? { pairedDeltaMs: round(median(times[i].map((t, r) => t - times[other][r]))) } : {};
  };
  return {
    emptyMs: round(emptyMs),
    emptyCpuMs: round(emptyCpuMs),
    runs,
    sets: sources.map(({ source }, set) => ({
      source,
      bundles: built.flatMap((b, i) => b.set === set ? [{ ...b.figure, coldImportMs: round(median(times[i])), overEmptyMs: round(median(times[i]) - emptyMs), overEmptyCpuMs: round(median(cpu[i]) - emptyCpuMs), ...paired(i) }] : []),
    })),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** How an API function stands against API_BUNDLE_BUDGET: `≤ 300 KB ✓, ≤ +50 ms ✗`. */
export function budgetVerdict(b: Pick<BundleFigure, 'minifiedKB' | 'overEmptyMs'>): string {
  const mark = (within: boolean) => (within ? '✓' : '✗');
  return `≤ ${API_BUNDLE_BUDGET.minifiedKB} KB ${mark(b.minifiedKB <= API_BUNDLE_BUDGET.minifiedKB)}, ≤ +${API_BUNDLE_BUDGET.coldImportOverEmptyMs} ms ${mark(b.overEmptyMs <= API_BUNDLE_BUDGET.coldImportOverEmptyMs)}`;
}
const kb = (bytes: number | undefined) => (bytes ? (bytes / 1024).toFixed(1) : '–');
const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;

/** A compact markdown table of each bundle's bytes by dependency group (KB), plus the kinds it carries. */
export function breakdownTable(figures: BundleFigures): string {
  const ownFolders = [...new Set(figures.sets.flatMap((s) => s.bundles.flatMap((b) => Object.keys(b.bytesBy))))]
    .filter((g) => g.startsWith('functions/')).sort();
  const columns = DEPENDENCY_GROUPS.flatMap((g) => g === 'functions/*' ? ownFolders : [g]);
  const lines: string[] = [];
  for (const set of figures.sets) {
    lines.push(`### ${set.source}: KB of minified output by origin (medians of ${figures.runs} cold imports; empty module ${figures.emptyMs} ms, CPU ${figures.emptyCpuMs} ms)`, '');
    lines.push(`| bundle | KB | gz | +ms | ${columns.join(' | ')} | kinds' forms |`);
    lines.push(`|---|${'---:|'.repeat(columns.length + 3)}---|`);
    for (const b of set.bundles) {
      lines.push(`| ${b.handler} | ${b.minifiedKB} | ${b.gzipKB} | ${b.overEmptyMs} | ${columns.map((c) => kb(b.bytesBy[c])).join(' | ')} | ${b.kinds.modules.length} (${kb(b.kinds.bytes)}) |`);
    }
    const table = set.bundles.filter((b) => b.bytesBy['@aws-sdk/*']);
    const noSdk = set.bundles.filter((b) => !b.bytesBy['@aws-sdk/*']);
    for (const [what, group] of [['with the SDK', table], ['without the SDK', noSdk]] as const) {
      if (!group.length) continue;
      lines.push('', `${group.length} bundles ${what}: ${range(group.map((b) => b.minifiedKB))} KB min, ${range(group.map((b) => b.gzipKB))} KB gz, cold import +${range(group.map((b) => b.overEmptyMs))} ms (CPU +${range(group.map((b) => b.overEmptyCpuMs))} ms)`);
    }
    const api = set.bundles.filter((b) => b.api);
    const over = api.filter((b) => b.minifiedKB > API_BUNDLE_BUDGET.minifiedKB || b.overEmptyMs > API_BUNDLE_BUDGET.coldImportOverEmptyMs);
    lines.push('', `The ${api.length} API functions against their budget (≤ ${API_BUNDLE_BUDGET.minifiedKB} KB, cold import ≤ +${API_BUNDLE_BUDGET.coldImportOverEmptyMs} ms over the empty module): `
      + (over.length ? `${over.length} over: ${over.map((b) => `${b.handler} ${b.minifiedKB} KB +${b.overEmptyMs} ms`).join(', ')}` : `all within (at most ${Math.max(...api.map((b) => b.minifiedKB))} KB, +${Math.max(...api.map((b) => b.overEmptyMs))} ms)`));
    // A busy machine stretches the wall clock far more than the CPU time: the second reading of the same goal.
    const overCpu = api.filter((b) => b.overEmptyCpuMs > API_BUNDLE_BUDGET.coldImportOverEmptyMs);
    lines.push('', `By CPU time (empty module ${figures.emptyCpuMs} ms): ${api.length - overCpu.length} of ${api.length} within +${API_BUNDLE_BUDGET.coldImportOverEmptyMs} ms`
      + (overCpu.length ? `; over: ${overCpu.map((b) => `${b.handler} +${b.overEmptyCpuMs}`).join(', ')}` : ''));
    lines.push('');
  }
  if (figures.sets.length > 1) {
    const [now, then] = figures.sets;
    lines.push(`### ${then.source} → ${now.source}, same run (cold import over the empty module's ${figures.emptyMs} ms)`, '');
    lines.push('| bundle | KB min | KB gz | cold import +ms (medians) | median paired difference |', '|---|---|---|---|---|');
    for (const b of now.bundles) {
      const a = then.bundles.find((x) => x.handler === b.handler);
      if (!a) continue;
      const delta = (x: number, y: number) => `${x} → ${y} (${y - x >= 0 ? '+' : ''}${round(y - x)})`;
      lines.push(`| ${b.handler} | ${delta(a.minifiedKB, b.minifiedKB)} | ${delta(a.gzipKB, b.gzipKB)} | ${delta(a.overEmptyMs, b.overEmptyMs)} | ${b.pairedDeltaMs ?? ''} ms |`);
    }
    for (const [what, withSdk] of [['with', true], ['without', false]] as const) {
      const deltas = now.bundles.filter((b) => Boolean(b.bytesBy['@aws-sdk/*']) === withSdk && b.pairedDeltaMs !== undefined).map((b) => b.pairedDeltaMs!);
      if (deltas.length) lines.push('', `Bundles ${what} the SDK: paired differences ${range(deltas)} ms, their median ${round(median(deltas))} ms.`);
    }
    lines.push('');
  }
  const api = figures.sets[0].bundles.filter((b) => b.api);
  const largest = api.reduce<BundleFigure | undefined>((max, b) => (!max || b.minifiedKB > max.minifiedKB ? b : max), undefined);
  if (largest) {
    lines.push(`### ${figures.sets[0].source}: what weighs most in the largest API function, ${largest.handler} (${largest.minifiedKB} KB)`, '');
    for (const { input, bytes } of largest.largestInputs) lines.push(`- ${kb(bytes)} KB ${input}`);
    lines.push('');
  }
  const chains = new Map<string, string[]>();
  for (const b of figures.sets[0].bundles) {
    for (const chain of b.kindChains) {
      const key = chain.slice(1).join(' → ');
      chains.set(key, [...(chains.get(key) ?? []), b.handler]);
    }
  }
  if (chains.size) {
    lines.push(`### ${figures.sets[0].source}: imports that bring the kinds' form modules in (every importer of schemas/kinds/index.ts or of a kind's module, by its shortest chain from the handler)`, '');
    for (const [chain, handlers] of chains) lines.push(`- handler → ${chain}: ${handlers.length} bundles (${handlers.join(', ')})`);
    lines.push('');
  }
  return lines.join('\n');
}
