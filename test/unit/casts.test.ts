import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#local/paths.ts';

/**
 * No cast that silences the compiler outside the tests: `as never`, `as unknown as` and `as any` each
 * assert a type nothing checks, so a change elsewhere breaks at run time instead of in `tsc`. Read as
 * text, comments included (a comment that reads as one is reworded).
 */
const FOLDERS = ['functions', 'schemas', 'web/src', 'local', 'infra', 'bench'];
const CAST = /\bas (?:never|unknown as|any)\b/g;

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('casts outside the tests', () => {
  const hits = FOLDERS.flatMap((folder) => sources(join(REPO_ROOT, folder))).flatMap((path) => {
    const file = relative(REPO_ROOT, path);
    return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => [...line.matchAll(CAST)].map((m) => ({ file, where: `${file}:${i + 1}`, cast: m[0], line: line.trim() })));
  });
  if (hits.length) console.log(hits.map((h) => `${h.where}: ${h.cast} — ${h.line}`).join('\n'));

  it('are none', () => {
    expect(hits.map((h) => `${h.where}: ${h.cast}`)).toEqual([]);
  });

  it('were looked for where there are sources', () => {
    for (const folder of FOLDERS) expect(sources(join(REPO_ROOT, folder)).length, folder).toBeGreaterThan(0);
  });
});
