/**
 * A record reported twice, its repeat confirmed by staff (疑似重复 → 确认为重复): flagged `duplicateOf`
 * when written, then rejected on review. Apart from the forms' schemas, so that the pages' access
 * rules (schemas/access.ts) read it without zod.
 */
export const isConfirmedDuplicate = (record: { duplicateOf?: unknown; review?: { state: string } }): boolean =>
  record.duplicateOf !== undefined && record.review?.state === 'rejected';
