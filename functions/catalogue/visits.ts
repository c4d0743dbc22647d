import { type Visit, visitForm } from '#schemas/visit.ts';
import { ConflictError, type FieldIssue } from '#functions/domain/errors.ts';
import type { ListFilter } from '#functions/adapters/record-store.ts';
import type { CatalogueEntry, PlannedPart, WriteContext } from './entry.ts';

/** A suggestion id belongs to one visit for good; `fields` name the offending ids when known. */
export function suggestionIdTaken(fields: FieldIssue[] = []): ConflictError {
  return new ConflictError({ zh: '意见建议的编号已被其他走访记录使用', en: 'A suggestion id is already used by another visit' }, fields);
}

/**
 * The slot (head, branch, day) a visit holds or points at as a duplicate.
 * - New or moved to another branch or day: take the slot if free, else flag `duplicateOf` its holder.
 * - Withdrawn, or moved away: give up a slot it holds, so a fresh report takes it.
 */
async function slotParts(next: Visit, { deps, previous }: WriteContext): Promise<{ record: Visit; parts: PlannedPart[] }> {
  const items = deps.visitItems;
  const before = previous as Visit | undefined;
  const parts: PlannedPart[] = [];
  const oldSlot = before ? items.slotOf(before) : undefined;
  const newSlot = next.status === 'withdrawn' ? undefined : items.slotOf(next);
  if (oldSlot && oldSlot !== newSlot && (await items.slotHolder(oldSlot)) === next.id) {
    parts.push({ item: items.slotRelease(oldSlot, next.id), onFailed: () => 'retry' });
  }
  if (!newSlot) return { record: next, parts };
  const holder = await items.slotHolder(newSlot);
  if (holder && holder !== next.id) return { record: { ...next, duplicateOf: holder }, parts };
  const { duplicateOf: _, ...unflagged } = next;
  if (holder !== next.id) parts.push({ item: items.slotClaim(newSlot, next.id), onFailed: () => 'retry' });
  return { record: unflagged, parts };
}

export const visitEntry: CatalogueEntry<Visit> = {
  form: visitForm,

  async plan(next, context) {
    const { record, parts } = await slotParts(next, context);
    const known = new Set((context.previous as Visit | undefined)?.suggestions.map((s) => s.id));
    const added = record.suggestions.filter((s) => !known.has(s.id));
    const pointers = added.map((s): PlannedPart => ({
      item: context.deps.visitItems.pointerPut(s.id, record.id),
      // A pointer without its visit is harmless (every use checks the visit holds the suggestion).
      mayGoAhead: true,
      onFailed: () => suggestionIdTaken([{
        path: `suggestions[${record.suggestions.indexOf(s)}].id`, issue: { code: 'custom', params: { key: 'id.duplicate' } },
      }]),
    }));
    return { record, parts: [...parts, ...pointers] };
  },

  listFilters(query) {
    if (query.suspectedDuplicates === undefined) return [];
    const names = { '#dup': 'duplicateOf', '#review': 'review', '#state': 'state' };
    const values = { ':approved': 'approved', ':rejected': 'rejected' };
    const suspected = 'attribute_exists(#dup) AND NOT #review.#state IN (:approved, :rejected)';
    const filter: ListFilter = { expression: query.suspectedDuplicates ? suspected : `NOT (${suspected})`, names, values };
    return [filter];
  },
};
