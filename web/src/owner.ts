/**
 * What a person leaves on a device — the outbox, the unfinished forms, the evidence files — is
 * theirs: it is kept under their sign-in subject (the token's `sub`), so on a shared phone the
 * next person signed in neither sees it nor sends it under their own token, and it resumes when
 * its owner signs in again.
 *
 * Entries kept before this (under the un-owned keys) are adopted by the first person who opens
 * the forms page. Until then the device sent them with whatever token it held — in practice the
 * one of the person who made them, still signed in — so adopting them changes no one's outcome,
 * and nothing already on a phone is lost.
 */

export interface OwnedStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A key of `base` kept for `owner` (a sub may hold any character; the key stays one word). */
export const ownedKey = (base: string, owner: string) => `${base}@${encodeURIComponent(owner)}`;

/**
 * Moves what was kept under the un-owned `base` to `owner`'s key. `merge` joins both when the owner
 * already has something there (the owner's own entries win); without it the owner's copy is kept.
 */
export function adoptUnowned(store: OwnedStore, base: string, owner: string, merge?: (own: string, unowned: string) => string): void {
  const unowned = store.getItem(base);
  if (unowned === null) return;
  const key = ownedKey(base, owner);
  const own = store.getItem(key);
  if (own === null) store.setItem(key, unowned);
  else if (merge) store.setItem(key, merge(own, unowned));
  store.removeItem(base);
}
