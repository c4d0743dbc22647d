import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_BUNDLE_BUDGET, apiHandlers, buildBundle } from '../../bench/bundles.ts';
import { REPO_ROOT } from '#local/paths.ts';

/**
 * Every API function's bundle, built as CDK builds it, within the budget (API_BUNDLE_BUDGET). Import
 * time follows size (V8 compiles what it loads), and bytes creep in unnoticed: a schema module named
 * by a route list, a repository a composition builds eagerly, a list's reads in a write. The bench
 * (`npm run bench -- --only bundles`) tells where a bundle's bytes come from.
 */
const outDir = mkdtempSync(join(tmpdir(), 'xiajiceng-bundle-size-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the API functions', () => {
  it(`are each at most ${API_BUNDLE_BUDGET.minifiedKB} KB minified`, async () => {
    const sizes: { handler: string; kb: number }[] = [];
    for (const handler of apiHandlers()) {
      const file = join(outDir, `${handler.replace('/', '-')}.mjs`);
      await buildBundle(REPO_ROOT, handler, file);
      sizes.push({ handler, kb: Math.round(statSync(file).size / 102.4) / 10 });
    }
    const over = sizes.filter((s) => s.kb > API_BUNDLE_BUDGET.minifiedKB).map((s) => `${s.handler}: ${s.kb} KB`);
    expect(sizes.length).toBeGreaterThan(20);
    expect(over).toEqual([]);
  }, 120_000);

  // What a function carries it compiles and runs at every cold start (docs/benchmarks.md, the bundles).
  it("carry no schema module they never use: the records and scorecard functions not the registry's", async () => {
    const create = await buildBundle(REPO_ROOT, 'records/create', join(outDir, 'create-registry.mjs'));
    const carried = Object.entries(create.output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
    expect(carried).not.toContain('schemas/branch.ts');
    expect(carried).not.toContain('schemas/suggestions.ts');
    const scorecards = await buildBundle(REPO_ROOT, 'reporting/scorecards', join(outDir, 'scorecards-registry.mjs'));
    expect(Object.entries(scorecards.output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path)).not.toContain('schemas/branch.ts');
  }, 60_000);
});
