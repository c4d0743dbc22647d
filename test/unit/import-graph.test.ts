import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#local/paths.ts';

/**
 * No circle between the project's files, type-only imports included: each module can be read, and
 * moved, on its own terms. The imports are read as text (static, dynamic and `export … from`),
 * resolved through the package's `#…/*` aliases and relative paths.
 */
const FOLDERS = ['functions', 'schemas', 'web/src', 'local', 'infra'];
const ALIASES: Record<string, string> = { '#schemas/': 'schemas/', '#functions/': 'functions/', '#infra/': 'infra/', '#local/': 'local/', '#web/': 'web/' };

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const specifiersOf = (text: string) => [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);

function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  return specifiersOf(text).flatMap((spec) => {
    const alias = Object.keys(ALIASES).find((prefix) => spec.startsWith(prefix));
    const target = alias ? join(REPO_ROOT, ALIASES[alias], spec.slice(alias.length)) : spec.startsWith('.') ? resolve(dirname(file), spec) : undefined;
    return target && /\.tsx?$/.test(target) ? [target] : [];
  });
}

/** The strongly connected components of more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.map((f) => relative(REPO_ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The imports of files under `from` that reach into any of the folders `into` (paths from the repository's root). */
function reaching(graph: Map<string, string[]>, from: string, into: readonly string[]): string[] {
  return [...graph].flatMap(([file, targets]) => {
    const source = relative(REPO_ROOT, file);
    if (!source.startsWith(from)) return [];
    return targets.map((t) => relative(REPO_ROOT, t)).filter((t) => into.some((folder) => t.startsWith(folder))).map((t) => `${source} → ${t}`);
  });
}

describe('the import graph', () => {
  const files = FOLDERS.flatMap((folder) => sources(join(REPO_ROOT, folder)));
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('reads every folder and finds their imports', () => {
    expect(files.length).toBeGreaterThan(200);
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(edges).toBeGreaterThan(files.length);
  });

  it('finds a circle when there is one', () => {
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('has no circle between files', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds an import running down a layer, type-only ones included', () => {
    const file = join(REPO_ROOT, 'functions/use-cases/probe.ts');
    const text = "import type { Page } from '#functions/adapters/record-store.ts';\nimport { heldItems } from '../repositories/held-items.ts';";
    const probe = new Map([[file, importsOf(file, text)]]);
    expect(reaching(probe, 'functions/use-cases/', ['functions/adapters/', 'functions/repositories/'])).toEqual([
      'functions/use-cases/probe.ts → functions/adapters/record-store.ts',
      'functions/use-cases/probe.ts → functions/repositories/held-items.ts',
    ]);
  });

  it('keeps use cases and the domain on ports: none imports an adapter or a repository', () => {
    const lower = ['functions/adapters/', 'functions/repositories/'];
    expect(['functions/use-cases/', 'functions/domain/', 'schemas/'].flatMap((from) => reaching(graph, from, lower))).toEqual([]);
  });

  it('keeps schemas/ apart from functions/ (the pages read schemas/ too)', () => {
    expect(reaching(graph, 'schemas/', ['functions/'])).toEqual([]);
  });
});
