import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { monthRepository } from './repositories/month-repository.ts';
import { monthStates } from './repositories/month-states.ts';
import type { MonthStates } from './ports/months.ts';
import type { MonthDeps } from './use-cases/deps.ts';

let built: MonthDeps | undefined;

/** The monthly close's functions' dependencies, built on first use (see composition.ts). */
export const monthDeps = (): MonthDeps => (built ??= { months: monthRepository(tableStore(tableConfig())), ministers: ministerRepository(tableStore(tableConfig())), clock: systemClock });

let states: MonthStates | undefined;

/** The months' states alone (the summary's sign-off): a reporting function carries none of the steps' code. */
export const monthStatesDeps = (): MonthStates => (states ??= monthStates(tableStore(tableConfig())));
