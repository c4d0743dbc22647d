import type { BranchEntry } from '#schemas/branch.ts';
import { branchNameKey } from '#schemas/common.ts';
import type { HeldKey } from '#schemas/kind.ts';
import { PROVINCE_CODE, regionKeyPrefix } from '#schemas/regions.ts';
import { type ListFilter, recordStore, type StoreDeps, type WritePart } from '#functions/adapters/record-store.ts';
import type { BranchRepository as BranchRepositoryPort, BranchWrite, BranchWriteOutcome, Page } from '#functions/ports/records.ts';
import { codeKey, nameKey } from '#functions/domain/branch-keys.ts';
import { BRANCH_KIND, branchIndexKeys } from '#functions/items/branch.ts';
import { heldItems } from './held-items.ts';

export { codeKey, nameKey };

export type { BranchWrite, BranchWriteOutcome };

/**
 * The branch registry (支部名册): `branch#<id>` / `record`, listed by region (byRegion: `branch` →
 * `<county>#<name as compared>#<id>`, so a county, a prefecture or the province is one key prefix,
 * in name order). Each branch holds its code and its county-and-name (held items), so no two
 * branches share either; its changes are change entries like a record's, which the rollup folds
 * into coverage.
 */
export function branchRepository(deps: StoreDeps): BranchRepositoryPort {
  const held = heldItems(deps);
  const store = recordStore<BranchEntry>(deps, {
    kind: BRANCH_KIND,
    indexKeys: branchIndexKeys,
  });

  /** The code and name items a version holds. */
  const keysOf = (entry: BranchEntry) => [...(entry.code ? [codeKey(entry.code)] : []), nameKey(entry)];
  const same = (a: HeldKey, b: HeldKey) => JSON.stringify(a) === JSON.stringify(b);

  return {
    get: async (id: string) => (await store.get(id))?.record,

    /** The branch holding a code, or a county-and-name, if any. */
    holderOf: (key: HeldKey) => held.holderOf(key),

    /**
     * A version with its change entry, and its code and name held in the same transaction (those the
     * previous version held and this one no longer does, given up). Which condition failed, if any.
     */
    async write({ entry, change, previous }: BranchWrite): Promise<BranchWriteOutcome> {
      const now = keysOf(entry);
      const before = previous ? keysOf(previous) : [];
      const parts: (WritePart & { key?: HeldKey })[] = [
        ...now.map((key) => ({ item: held.hold(key, entry.id), key })),
        ...before.filter((key) => !now.some((k) => same(k, key))).map((key) => ({ item: held.release(key, entry.id) })),
      ];
      const outcome = previous
        ? await store.replace({ record: entry, expectedVersion: previous.version, change, parts })
        : await store.create({ record: entry, change, fingerprint: '', parts });
      if (outcome.ok) return outcome;
      if (outcome.record) return { ok: false, conflict: 'version' };
      const failed = parts[outcome.parts[0]]?.key;
      return { ok: false, conflict: failed?.space === 'branch-code' ? 'code' : failed?.space === 'branch-name' ? 'name' : 'version' };
    },

    /** A page of a region's branches in name order, by type, status and a search of names. */
    list(query: { region?: string; type?: string; status?: string; q?: string; limit: number; cursor?: string }): Promise<Page<BranchEntry>> {
      const filters: ListFilter[] = [];
      if (query.type) filters.push({ expression: '#type = :type', names: { '#type': 'type' }, values: { ':type': query.type } });
      if (query.status) filters.push({ expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } });
      const q = query.q === undefined ? '' : branchNameKey(query.q);
      if (q) filters.push({ expression: 'contains(#search, :q)', names: { '#search': 'searchText' }, values: { ':q': q } });
      return store.page({
        index: 'byRegion', partition: BRANCH_KIND, sortPrefix: regionKeyPrefix(query.region ?? PROVINCE_CODE), filters, limit: query.limit, cursor: query.cursor,
      });
    },
  };
}

export type BranchRepository = BranchRepositoryPort;
