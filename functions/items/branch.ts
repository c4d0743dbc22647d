import type { BranchEntry } from '#schemas/branch.ts';
import { BRANCH_KIND, searchTextOf } from '#schemas/branch-names.ts';
import { branchNameKey } from '#schemas/common.ts';
import { indexKey } from '#functions/table.ts';

/**
 * A branch of the registry (支部名册): a record of kind `branch` (record.ts), listed by region in
 * index byRegion: `branch` → `<county>#<name as compared>#<id>`, so a county, a prefecture or the
 * province is one key prefix, in name order; with the text a search of names matches (`searchText`).
 * Its code and its county-and-name are held items (held.ts); its change entries are what the rollup
 * folds into coverage.
 */
export { BRANCH_KIND };

export const branchIndexKeys = (entry: BranchEntry): Record<string, string> => ({
  ...indexKey('byRegion', BRANCH_KIND, `${entry.countyCode}#${branchNameKey(entry.name)}#${entry.id}`),
  searchText: searchTextOf(entry),
});
