import type { BranchEntry } from '#schemas/branch.ts';
import { branchNameKey } from '#schemas/common.ts';
import type { HeldKey } from '#schemas/kind.ts';

/** A branch as one of the registry (its county and name as compared, and its code): what makes it one branch. */
export const codeKey = (code: string): HeldKey => ({ space: 'branch-code', code: branchNameKey(code) });
export const nameKey = (entry: Pick<BranchEntry, 'countyCode' | 'name'>): HeldKey => ({ space: 'branch-name', identity: `${entry.countyCode}#${branchNameKey(entry.name)}` });
