import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { ROUTES } from '#functions/routes.ts';
import { handlerEntry, LAMBDA_BUNDLING } from '#infra/bundling.ts';
import { median } from './stats.ts';

export interface BundleFigure {
  handler: string;
  minifiedKB: number;
  gzipKB: number;
  coldImportMs: number;
  overEmptyMs: number;
}

/** Median time to import a module in a fresh node process (the Lambda init phase's module load). */
function coldImportMs(file: string, runs: number): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, TABLE_NAME: "bench", AWS_REGION: "cn-northwest-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } }).toString()));
  return median(times);
}

/** Builds each route's bundle exactly as CDK does, then measures size and cold import beside an empty module. */
export async function measureBundles(outDir: string, runs = 7): Promise<{ emptyMs: number; bundles: BundleFigure[] }> {
  mkdirSync(outDir, { recursive: true });
  const empty = join(outDir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const emptyMs = coldImportMs(empty, runs);
  const bundles: BundleFigure[] = [];
  for (const handler of [...new Set(ROUTES.map((r) => r.handler))]) {
    const outfile = join(outDir, `${handler.replace('/', '-')}.mjs`);
    await build({
      entryPoints: [handlerEntry(handler)], outfile, bundle: true, platform: 'node', logLevel: 'error',
      format: LAMBDA_BUNDLING.format, target: LAMBDA_BUNDLING.target, minify: LAMBDA_BUNDLING.minify,
      mainFields: [...LAMBDA_BUNDLING.mainFields], alias: LAMBDA_BUNDLING.alias, banner: { js: LAMBDA_BUNDLING.banner },
    });
    const ms = coldImportMs(outfile, runs);
    bundles.push({
      handler,
      minifiedKB: round(statSync(outfile).size / 1024),
      gzipKB: round(gzipSync(readFileSync(outfile)).length / 1024),
      coldImportMs: round(ms),
      overEmptyMs: round(ms - emptyMs),
    });
  }
  return { emptyMs: round(emptyMs), bundles };
}

const round = (n: number) => Math.round(n * 10) / 10;
