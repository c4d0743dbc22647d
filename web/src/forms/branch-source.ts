import { type CountyList, fetchCounty, isStale, type PageFetcher, readCounty } from './branch-registry.ts';

/** Where a branch field finds a county's registered branches. */
export interface BranchSource {
  /** The county's list kept on the device, if any. */
  kept(county: string): CountyList | undefined;
  /** The county's list, refreshed from the API when online and due; the kept one otherwise (undefined: none). */
  load(county: string): Promise<CountyList | undefined>;
}

/**
 * Where the branch pickers of a page get a county's registry: the list kept on the device at once,
 * and a fresh one from the API when online and the kept one is due (one request per county at a time).
 * A refusal (a head outside the county) or no connection leaves the kept list, or none: the branch
 * is then typed in.
 */
export function branchSource(fetchPage: PageFetcher): BranchSource {
  const loading = new Map<string, Promise<CountyList | undefined>>();
  return {
    kept: (county) => readCounty(county),
    load(county) {
      const kept = readCounty(county);
      if (!navigator.onLine || !isStale(kept)) return Promise.resolve(kept);
      let pending = loading.get(county);
      if (!pending) {
        pending = fetchCounty(county, fetchPage).catch(() => kept).finally(() => loading.delete(county));
        loading.set(county, pending);
      }
      return pending;
    },
  };
}
