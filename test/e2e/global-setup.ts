import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '#web/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web pages built once for the run, into a folder of its own. */
    siteDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'xjc-web-'));
  buildWeb(dir);
  project.provide('siteDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
