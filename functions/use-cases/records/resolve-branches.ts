import type { Kind } from '#schemas/kind.ts';
import { type FieldIssue, ValidationError } from '#schemas/errors.ts';
import type { RecordDeps } from '../deps.ts';

type Named = { id?: string; name?: string; type?: string; countyCode?: string };

/**
 * A submission's registered branches made whole: each branch given as `{ id }` takes its name, type
 * and county from the registry (what a person typed beside the id gives way to it); an unknown or
 * closed id is a 422 at its path (`branch.id`, `branches[1].id`), every such branch at once.
 */
export async function resolveBranches<T extends object>(deps: Pick<RecordDeps, 'branches'>, kind: Pick<Kind, 'branchFields'>, body: T): Promise<T> {
  const issues: FieldIssue[] = [];
  const resolve = async (value: unknown, path: string): Promise<unknown> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const branch = value as Named;
    if (branch.id === undefined) return value;
    const entry = await deps.branches.get(branch.id);
    if (!entry || entry.status !== 'active') {
      issues.push({ path: `${path}.id`, issue: { code: 'custom', params: { key: 'branch.unknown' } } });
      return value;
    }
    return { id: entry.id, name: entry.name, type: entry.type, countyCode: entry.countyCode };
  };
  const resolved: Record<string, unknown> = Object.fromEntries(Object.entries(body));
  for (const field of kind.branchFields) {
    if (!(field in resolved)) continue;
    const value = resolved[field];
    resolved[field] = Array.isArray(value) ? await Promise.all(value.map((v, i) => resolve(v, `${field}[${i}]`))) : await resolve(value, field);
  }
  if (issues.length) throw new ValidationError(undefined, issues);
  return resolved as T;
}
