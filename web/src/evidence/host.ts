import type { Evidence } from './uploader.ts';

/**
 * The evidence files of this page (IndexedDB, with their uploads): the forms page's, and the desk's
 * once a correction opens (its new files wait with the correction in the same outbox).
 */
let current: Evidence | undefined;

export const setEvidence = (evidence: Evidence | undefined) => { current = evidence; };
export const currentEvidence = (): Evidence | undefined => current;
