import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLING, SDK_TRIMMED_AGAINST } from '#infra/bundling.ts';
import { REPO_ROOT } from '#local/paths.ts';

/**
 * The Lambda bundles leave parts of the SDK out by answering some of its modules with stand-ins
 * (`LAMBDA_BUNDLING.alias`). Nothing else would notice an update that moves one of those modules
 * (the alias then matches nothing and the bundle silently grows) or changes what it must provide:
 * this fails loudly instead.
 */
const HANDLERS = ['records/create', 'attachments/verify'];

async function metafileOf(handler: string): Promise<Metafile> {
  const { metafile } = await build({
    absWorkingDir: REPO_ROOT, entryPoints: [`functions/handlers/${handler}.ts`], bundle: true, write: false, outdir: 'out',
    platform: 'node', logLevel: 'silent', metafile: true, format: LAMBDA_BUNDLING.format, target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields], alias: LAMBDA_BUNDLING.alias,
  });
  return metafile;
}

const packageOf = (module: string) => (module.startsWith('@') ? module.split('/').slice(0, 2) : module.split('/').slice(0, 1)).join('/');
const installed = (pkg: string) => (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

describe('the SDK modules the bundles replace', () => {
  it('are of the versions their stand-ins were written against', () => {
    const replaced = [...new Set(Object.keys(LAMBDA_BUNDLING.alias).map(packageOf))].sort();
    expect(Object.keys(SDK_TRIMMED_AGAINST).sort()).toEqual(replaced);
    for (const [pkg, version] of Object.entries(SDK_TRIMMED_AGAINST)) expect(installed(pkg), pkg).toBe(version);
  });

  it('are pinned: package.json and the lockfile name that exact version, and the lockfile holds no other copy', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    for (const [pkg, version] of Object.entries(SDK_TRIMMED_AGAINST)) {
      // A caret would let `npm install` move them; a client needing another version would get its own nested copy, which no alias test sees.
      expect(manifest.dependencies[pkg], `package.json ${pkg}`).toBe(version);
      expect(lock.packages[''].dependencies?.[pkg], `package-lock.json's root ${pkg}`).toBe(version);
      const copies = Object.entries(lock.packages).filter(([path]) => path.endsWith(`node_modules/${pkg}`)).map(([path, entry]) => `${path}@${entry.version}`);
      expect(copies, pkg).toEqual([`node_modules/${pkg}@${version}`]);
    }
  });

  it('are still imported by those names, and the stand-ins answer them', async () => {
    const metafiles = await Promise.all(HANDLERS.map(metafileOf));
    for (const [module, standIn] of Object.entries(LAMBDA_BUNDLING.alias)) {
      const standInPath = relative(REPO_ROOT, standIn);
      const answered = metafiles.some((metafile) => Object.values(metafile.inputs)
        .some((input) => input.imports.some((i) => i.original === module && i.path === standInPath)));
      expect(answered, `${module} → ${standInPath}`).toBe(true);
      // And nothing of the replaced module itself is bundled.
      const own = metafiles.flatMap((metafile) => Object.keys(metafile.inputs)).filter((path) => path.includes(`node_modules/${module}/`));
      expect(own, module).toEqual([]);
    }
  });
});
