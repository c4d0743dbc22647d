import type { Evidence } from './uploader.ts';

/**
 * The evidence files of this page, where the forms page keeps them (IndexedDB, with their uploads).
 * Absent on the desk: a correction there keeps, captions and removes a record's files, but new ones
 * are taken on the forms page, where they wait in the outbox.
 */
let current: Evidence | undefined;

export const setEvidence = (evidence: Evidence | undefined) => { current = evidence; };
export const currentEvidence = (): Evidence | undefined => current;
