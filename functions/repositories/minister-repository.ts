import type { Minister } from '#schemas/minister.ts';
import { regionKeyPrefix, PROVINCE_CODE } from '#schemas/regions.ts';
import { indexKey } from '#functions/table.ts';
import { recordStore, type StoreDeps } from '#functions/adapters/record-store.ts';

/** Ministers (组织部长), listed by region: sort key `<regionCode>#<id>`, so a region is a key prefix. */
export function ministerRepository(deps: StoreDeps) {
  const store = recordStore<Minister>(deps, {
    kind: 'minister',
    indexKeys: (m) => indexKey('byRegion', 'minister', `${m.regionCode}#${m.id}`),
  });
  return {
    get: async (id: string) => (await store.get(id))?.record,
    getWithFingerprint: store.get,
    create: store.create,
    replace: store.replace,
    existsCheck: store.existsCheck,
    list: (query: { region?: string; limit: number; cursor?: string }) =>
      store.page({ index: 'byRegion', partition: 'minister', sortPrefix: regionKeyPrefix(query.region ?? PROVINCE_CODE), limit: query.limit, cursor: query.cursor }),
  };
}

export type MinisterRepository = ReturnType<typeof ministerRepository>;
