import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { monthRepository } from './repositories/month-repository.ts';
import type { MonthDeps } from './use-cases/deps.ts';

let built: MonthDeps | undefined;

/** The monthly close's functions' dependencies, built on first use (see composition.ts). */
export const monthDeps = (): MonthDeps => (built ??= { months: monthRepository(tableStore(tableConfig())), ministers: ministerRepository(tableStore(tableConfig())), clock: systemClock });
