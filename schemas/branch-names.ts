import { branchNameKey } from './common.ts';

/**
 * How the registry's entries (支部名册, branch.ts) are stored and searched, apart from their schemas:
 * the record functions resolve and keep branches by these, and so build none of the registry's
 * input and list schemas at import.
 */

/** The kind name the registry's entries are stored and changed under (their change entries are what the rollup folds into coverage). */
export const BRANCH_KIND = 'branch';

/** What a search matches against: the name and every former name, as compared, between bars. */
export const searchTextOf = (entry: { name: string; aliases: readonly string[] }): string =>
  `|${[entry.name, ...entry.aliases].map(branchNameKey).join('|')}|`;
