import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';

/**
 * 待匹配支部: records whose branch was typed in (stored without a registry id: not registered), for
 * staff to match to a registered branch by a correction. No DOM.
 */

export interface TypedBranch {
  name: string;
  type: 'village' | 'community';
  countyCode: string;
  id?: string;
}

/** A branch of a record waiting to be matched: which field (`branch`, or `branches` and the index), and as typed. */
export interface Unmatched {
  kind: Kind;
  /** As the API answers it: the kind's own fields are read by name, as its `branchFields` say. */
  record: FormRecord & Record<string, unknown>;
  field: string;
  index?: number;
  branch: TypedBranch;
  date: string;
}

/** The kinds that name branches (visits, problems, trainings, reports). */
export const BRANCH_KINDS: readonly Kind[] = KINDS.filter((kind) => kind.branchFields.length > 0);

/** Every branch of a record stored without a registry id (a withdrawn record waits for no one). */
export function unmatchedOf(kind: Kind, record: Unmatched['record']): Unmatched[] {
  if (record.status === 'withdrawn') return [];
  const date = kind.dateOf(record);
  return kind.branchFields.flatMap((field) => {
    const value = record[field];
    if (Array.isArray(value)) {
      return (value as TypedBranch[]).flatMap((branch, index) => (branch && !branch.id ? [{ kind, record, field, index, branch, date }] : []));
    }
    const branch = value as TypedBranch | undefined;
    return branch && !branch.id ? [{ kind, record, field, branch, date }] : [];
  });
}

/**
 * The correction that matches one typed-in branch to a registered one: `{ branch: { id } }`, or for a
 * report its whole list with that one replaced (the others as stored: registered ones by their id).
 */
export function matchPatch(item: Pick<Unmatched, 'record' | 'field' | 'index'>, branchId: string): Record<string, unknown> {
  if (item.index === undefined) return { [item.field]: { id: branchId } };
  const list = item.record[item.field] as TypedBranch[];
  return {
    [item.field]: list.map((b, i) => (i === item.index ? { id: branchId } : b.id ? { id: b.id } : { name: b.name, type: b.type, countyCode: b.countyCode })),
  };
}

/** Oldest first, so what waits longest is matched first. */
export const inMatchingOrder = (items: readonly Unmatched[]): Unmatched[] =>
  [...items].sort((a, b) => a.date.localeCompare(b.date) || a.record.id.localeCompare(b.record.id) || (a.index ?? 0) - (b.index ?? 0));
