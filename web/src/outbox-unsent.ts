import { ownedKey } from './owner.ts';

/**
 * Where a person's outbox is kept (`xjc.outbox@<sub>`; `xjc.outbox` alone is the un-owned key of
 * before), and what it still holds unsent: read by every page's sign-out, which must not carry the
 * outbox itself.
 */
export const OUTBOX_BASE = 'xjc.outbox';

type Store = { getItem(key: string): string | null };

/**
 * The few fields of `owner`'s kept entries these checks read: the outbox's own module (and its type)
 * stays out of every page's sign-out and the desk's first view.
 */
const keptEntries = (store: Store, owner: string) =>
  JSON.parse(store.getItem(ownedKey(OUTBOX_BASE, owner)) ?? '[]') as { state: string; method?: string; recordId?: string }[];

/** What `owner` leaves unsent on this device: waiting to be sent, and refused (to be corrected). */
export function unsentOf(store: Store, owner: string): { waiting: number; refused: number } {
  const entries = keptEntries(store, owner);
  return { waiting: entries.filter((e) => e.state === 'waiting').length, refused: entries.filter((e) => e.state === 'refused').length };
}

/**
 * Whether `owner` has corrections (修改, `PATCH` entries) kept on this device that are not sent yet
 * (`recordId`: of that record): the desk then starts its sender, and shows them, without carrying the
 * outbox in its first view.
 */
export function hasUnsentCorrection(store: Store, owner: string, recordId?: string): boolean {
  return keptEntries(store, owner).some((e) => e.method === 'PATCH' && e.state !== 'sent' && (recordId === undefined || e.recordId === recordId));
}
