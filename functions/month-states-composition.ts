import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { monthStates } from './repositories/month-states.ts';
import type { MonthStates } from './ports/months.ts';

let states: MonthStates | undefined;

/**
 * The months' states alone (the summary's sign-off, the 通报's provisional mark), apart from
 * month-composition.ts: a reporting function carries none of the steps' code, nor the kinds the
 * steps' counts name.
 */
export const monthStatesDeps = (): MonthStates => (states ??= monthStates(tableStore(tableConfig())));
