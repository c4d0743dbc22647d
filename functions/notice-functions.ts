/**
 * The notices engine's functions that no route calls, declared once: the CDK app makes a function of
 * each (infra/notices.ts), `npm start` runs the same modules in process (local/notices.ts).
 */
/** Fed by the table's stream: decision notices, from the change entries the writes keep. */
export const DECISION_NOTICES_HANDLER = 'notices/decisions';
