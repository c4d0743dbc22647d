/**
 * The notices engine's functions that no route calls, declared once: the CDK app makes a function of
 * each (infra/notices.ts), `npm start` runs the same modules in process (local/notices.ts).
 */
/** Fed by the table's stream: decision notices, from the change entries the writes keep. */
export const DECISION_NOTICES_HANDLER = 'notices/decisions';

/** Invoked once a day: the time-based rules for the Beijing day (or `{ "date": "YYYY-MM-DD" }` by hand). */
export const DAILY_NOTICES_HANDLER = 'notices/daily';

/** When the time-based rules run: 08:30 Beijing time, as people start the working day. */
export const DAILY_NOTICES_SCHEDULE = { hour: 8, minute: 30 } as const;

/** Invoked every minute: posts what waited for a robot's budget of posts (use-cases/robots/sweep-robot-backlogs.ts). */
export const ROBOT_SWEEP_HANDLER = 'robots/sweep';

/** How often the robots' backlogs are swept: the vendors count posts by the minute. */
export const ROBOT_SWEEP_EVERY_MINUTES = 1;
