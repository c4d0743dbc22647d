import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod/mini';
import type { RobotCredential, RobotSecrets } from '#functions/ports/robots.ts';

const fileSchema = z.record(z.string(), z.object({ url: z.string(), secret: z.optional(z.string()) }));

/**
 * Robots' credentials in one JSON file, readable by its owner only: the local stand-in for SSM's
 * SecureStrings. It lies in the data folder (`.local/`, ignored by git), never in the repository.
 * Writes are queued and replace the file whole, so a crash leaves the old file or the new one.
 */
export function fileRobotSecrets(path: string): RobotSecrets {
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Record<string, RobotCredential>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
      throw error;
    }
    return fileSchema.parse(JSON.parse(text));
  }

  function update(change: (all: Record<string, RobotCredential>) => void): Promise<void> {
    const next = queue.then(async () => {
      const all = await load();
      change(all);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify(all, null, 2), { mode: 0o600 });
      await rename(`${path}.tmp`, path);
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    put: (regionCode, credential) => update((all) => { all[regionCode] = credential; }),
    async get(regionCode) {
      await queue;
      return (await load())[regionCode];
    },
    delete: (regionCode) => update((all) => { delete all[regionCode]; }),
  };
}
