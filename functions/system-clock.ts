import type { Clock } from './use-cases/deps.ts';

/** The one clock of the deployed functions: the system's. Tests, the seed and the CLIs pass their own. */
export const systemClock: Clock = { now: () => new Date() };
