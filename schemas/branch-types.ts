/**
 * The two types of grassroots Party organization and their names (村党支部 · 社区党组织), in a module
 * of their own without zod, so the dashboard can name them without loading the schemas.
 */
export const BRANCH_TYPES = { village: '村党支部', community: '社区党组织' } as const;
export type BranchType = keyof typeof BRANCH_TYPES;
