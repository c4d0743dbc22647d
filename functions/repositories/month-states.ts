import { batchGet } from '#functions/adapters/batch-get.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { monthKey, readMonth } from '#functions/items/month.ts';
import type { MonthStates, StoredMonth } from '#functions/ports/months.ts';

/** A month of a region nobody acted on: open, version 0, no trail. */
export const openMonth = (region: string, month: string): StoredMonth => ({ region, month, state: 'open', version: 0, updatedAt: '', trail: [] });

/** The stored months of these keys, an open one where none is stored; one BatchGet, consistent. */
export async function monthsOf(deps: StoreDeps, keys: readonly { region: string; month: string }[]): Promise<StoredMonth[]> {
  if (!keys.length) return [];
  const items = (await batchGet(deps, keys.map((k) => monthKey(k.region, k.month)), { ConsistentRead: true })).map(readMonth);
  return keys.map((k) => items.find((m) => m.region === k.region && m.month === k.month) ?? openMonth(k.region, k.month));
}

/** What a record write reads of the months it touches (one or two keys: one BatchGet). */
export function monthStates(deps: StoreDeps): MonthStates {
  return { states: (keys) => monthsOf(deps, keys) };
}

