import { type Minister, termsOf } from '#schemas/minister.ts';
import { canonicalRegionCode, parentOf, regionKeyPrefix, PROVINCE_CODE } from '#schemas/regions.ts';

/** A region and every region above it: the regions whose heads may own a record counted in it. */
function regionsUp(code: string): string[] {
  const chain = [canonicalRegionCode(code)];
  for (let r = parentOf(code); r; r = parentOf(r.code)) chain.push(r.code);
  return chain;
}
import { MINISTER_KIND, ministerIndexKeys, readMinisterName } from '#functions/items/minister.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import { recordStore, type StoreDeps, type TransactItem } from '#functions/adapters/record-store.ts';
import type { MinisterTarget } from '#schemas/kind.ts';

/** Heads stored before terms were kept get theirs on reading (one term, since the first day). */
const withTerms = (minister: Minister): Minister => ({ ...minister, terms: termsOf(minister) });

/** Ministers (组织部长), listed by region: sort key `<regionCode>#<id>`, so a region is a key prefix. */
const NAME_TTL_MS = 60_000;
/** A name read beside records: its id and name only, as last written (a rename just made shows at once). */
const NAME_READ = { ProjectionExpression: '#id, #name', ExpressionAttributeNames: { '#id': 'id', '#name': 'name' }, ConsistentRead: true };

export function ministerRepository(deps: StoreDeps) {
  const store = recordStore<Minister>(deps, {
    kind: MINISTER_KIND,
    indexKeys: ministerIndexKeys,
  });
  /**
   * Heads' names as shown beside their records (a record's answer, the change trail's author): kept a
   * minute, so a burst of writes reads each head once. A rename through this repository is seen at
   * once; through another function's, within the minute. Never used to decide who may do what.
   */
  const names = new Map<string, { name: string; until: number }>();
  const forgetNames = <A, R>(write: (args: A) => R) => (args: A): R => {
    names.clear();
    return write(args);
  };
  /**
   * The names of these heads (those never stored: none), the ones not kept read together: a page of
   * 200 records by 120 heads costs two calls, not 120.
   */
  async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const kept = names.get(id);
      if (kept && kept.until > now) found.set(id, kept.name);
      else missing.push(id);
    }
    const read = await batchGet(deps, missing.map((id) => store.keyOf(id)), NAME_READ);
    for (const item of read) {
      const [id, name] = readMinisterName(item);
      found.set(id, name);
      names.set(id, { name, until: now + NAME_TTL_MS });
    }
    return found;
  }
  const get = async (id: string) => {
    const stored = await store.get(id);
    return stored && withTerms(stored.record);
  };
  return {
    get,
    /** A head's name, or undefined for one never stored. */
    async nameOf(id: string): Promise<string | undefined> {
      return (await namesOf([id])).get(id);
    },
    namesOf,
    async getWithFingerprint(id: string) {
      const stored = await store.get(id);
      return stored && { ...stored, record: withTerms(stored.record) };
    },
    create: forgetNames(store.create),
    replace: forgetNames(store.replace),
    existsCheck: store.existsCheck,

    /**
     * A guard for a record's transaction: the head exists, serves a region holding `covers` (their
     * region is it or one above it), and lies within `within` (the writer's region) when given.
     */
    serves(target: MinisterTarget): TransactItem {
      const ancestors = regionsUp(target.covers);
      const values: Record<string, string> = Object.fromEntries(ancestors.map((code, i) => [`:r${i}`, code]));
      let condition = `attribute_exists(pk) AND #regionCode IN (${Object.keys(values).join(', ')})`;
      if (target.within) {
        values[':within'] = regionKeyPrefix(target.within);
        condition += ' AND begins_with(#regionCode, :within)';
      }
      return {
        ConditionCheck: {
          TableName: deps.tableName,
          Key: store.keyOf(target.minister),
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#regionCode': 'regionCode' },
          ExpressionAttributeValues: values,
        },
      };
    },
    async list(query: { region?: string; limit: number; cursor?: string }) {
      const page = await store.page({ index: 'byRegion', partition: MINISTER_KIND, sortPrefix: regionKeyPrefix(query.region ?? PROVINCE_CODE), limit: query.limit, cursor: query.cursor });
      return { ...page, items: page.items.map(withTerms) };
    },
  };
}

export type MinisterRepository = ReturnType<typeof ministerRepository>;
