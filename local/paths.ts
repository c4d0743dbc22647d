import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localConfig } from '#functions/config.ts';

/** The repository root: local tools find their files the same whatever folder they start in. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `DATA_DIR` (default `.local`), resolved against the repository root. */
export const localDataDir = (): string => resolve(REPO_ROOT, localConfig().DATA_DIR);
