import type { Visit, VisitListQuery } from '#schemas/visit.ts';
import { PROVINCE_CODE, regionContains, regionKeyPrefix } from '#schemas/regions.ts';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ChangeEntry, type Page, recordStore, type StoreDeps, transact, type TransactItem, type WriteOutcome,
} from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { MinisterRepository } from './minister-repository.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;
/** DynamoDB's transaction limit. */
const MAX_TRANSACTION_ITEMS = 100;

export type VisitWriteOutcome =
  | { ok: true }
  | { ok: false; visitExists: boolean; ministerMissing: boolean; suggestionsTaken: string[] };

/**
 * Visits, plus one pointer item per suggestion id (so `PATCH /suggestions/{id}` finds its visit).
 * Pointers go in the visit's own transaction; when a visit has more suggestions than fit, the rest
 * are written first — a pointer whose visit never got stored is harmless, since every use checks
 * that the visit really holds the suggestion.
 */
export function visitRepository(deps: StoreDeps, ministers: MinisterRepository) {
  const store = recordStore<Visit>(deps, {
    kind: 'visit',
    indexKeys: (v) => ({
      ...indexKey('byRegion', 'visit', `${v.branch.countyCode}#${v.date}#${v.id}`),
      ...indexKey('byMinister', `visit#${v.ministerId}`, `${v.date}#${v.id}`),
    }),
  });

  const pointerKey = (suggestionId: string) => ({ [PK]: `suggestion#${suggestionId}`, [SK]: 'pointer' });

  const pointerPut = (suggestionId: string, visitId: string): TransactItem => ({
    Put: {
      TableName: deps.tableName,
      Item: { ...pointerKey(suggestionId), kind: 'suggestion-pointer', visitId },
      // A suggestion id belongs to one visit for good.
      ConditionExpression: `attribute_not_exists(${PK}) OR visitId = :visitId`,
      ExpressionAttributeValues: { ':visitId': visitId },
    },
  });

  /** Writes the overflow pointers; returns the suggestion ids already used by another visit. */
  async function writePointersAhead(ids: string[], visitId: string): Promise<string[]> {
    const taken: string[] = [];
    for (let i = 0; i < ids.length; i += MAX_TRANSACTION_ITEMS) {
      const chunk = ids.slice(i, i + MAX_TRANSACTION_ITEMS);
      const result = await transact(deps, chunk.map((id) => pointerPut(id, visitId)));
      if (!result.ok) taken.push(...result.failed.map((f) => chunk[f]));
    }
    return taken;
  }

  async function writeWithPointers(
    visit: Visit,
    newSuggestionIds: string[],
    ministerChanged: boolean,
    write: (guards: TransactItem[], extras: TransactItem[]) => Promise<WriteOutcome>,
  ): Promise<VisitWriteOutcome> {
    const guards = ministerChanged ? [ministers.existsCheck(visit.ministerId)] : [];
    const room = MAX_TRANSACTION_ITEMS - guards.length - 2; // the record and its change entry
    const inline = newSuggestionIds.slice(-room);
    const ahead = newSuggestionIds.slice(0, Math.max(0, newSuggestionIds.length - room));
    const takenAhead = await writePointersAhead(ahead, visit.id);
    if (takenAhead.length) return { ok: false, visitExists: false, ministerMissing: false, suggestionsTaken: takenAhead };
    const result = await write(guards, inline.map((id) => pointerPut(id, visit.id)));
    if (result.ok) return result;
    return {
      ok: false,
      visitExists: result.record,
      ministerMissing: result.guards.length > 0,
      suggestionsTaken: result.extras.map((i) => inline[i]),
    };
  }

  return {
    get: store.get,
    history: store.history,

    create(visit: Visit, change: ChangeEntry<Visit>, fingerprint: string) {
      return writeWithPointers(visit, visit.suggestions.map((s) => s.id), true, (guards, extras) =>
        store.create({ record: visit, change, fingerprint, guards, extras }));
    },

    replace(visit: Visit, previous: Visit, change: ChangeEntry<Visit>) {
      const known = new Set(previous.suggestions.map((s) => s.id));
      const added = visit.suggestions.map((s) => s.id).filter((id) => !known.has(id));
      return writeWithPointers(visit, added, visit.ministerId !== previous.ministerId, (guards, extras) =>
        store.replace({ record: visit, expectedVersion: previous.version, change, guards, extras }));
    },

    async visitIdOfSuggestion(suggestionId: string): Promise<string | undefined> {
      const { Item } = await guarded(() =>
        deps.client.send(new GetCommand({ TableName: deps.tableName, Key: pointerKey(suggestionId), ConsistentRead: true })),
      );
      return Item?.visitId as string | undefined;
    },

    /** By minister when given (date range in the key), else by region (region in the key, dates filtered). */
    list(query: VisitListQuery): Promise<Page<Visit>> {
      const region = query.county ?? query.prefecture ?? PROVINCE_CODE;
      if (query.county && query.prefecture && !regionContains(query.prefecture, query.county)) {
        return Promise.resolve({ items: [], nextCursor: null });
      }
      const from = query.from ?? '0000-00-00';
      const to = query.to ?? '9999-99-99';
      const page = { limit: query.limit, cursor: query.cursor };
      if (query.ministerId) {
        return store.page({
          ...page, index: 'byMinister', partition: `visit#${query.ministerId}`, sortBetween: [from, `${to}#~`],
          ...(region === PROVINCE_CODE ? {} : {
            filter: { expression: 'begins_with(#branch.#county, :region)', names: { '#branch': 'branch', '#county': 'countyCode' }, values: { ':region': regionKeyPrefix(region) } },
          }),
        });
      }
      const prefix = regionKeyPrefix(region);
      if (query.county) {
        return store.page({ ...page, index: 'byRegion', partition: 'visit', sortBetween: [`${query.county}#${from}`, `${query.county}#${to}#~`] });
      }
      return store.page({
        ...page, index: 'byRegion', partition: 'visit', sortPrefix: prefix,
        ...(query.from || query.to ? { filter: { expression: '#date BETWEEN :from AND :to', names: { '#date': 'date' }, values: { ':from': from, ':to': to } } } : {}),
      });
    },
  };
}

export type VisitRepository = ReturnType<typeof visitRepository>;
