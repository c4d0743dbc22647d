import { adoptUnowned, ownedKey, type OwnedStore } from '../owner.ts';

/**
 * The unfinished form of each kind, kept on the device as it is typed (with its record id): a
 * phone's browser may drop the page at any time, and the form comes back as it was. Each person's
 * own (owner.ts): another person signed in on the same phone starts from an empty form.
 */
export interface Drafts {
  read(kind: string): Record<string, unknown> | undefined;
  keep(kind: string, body: Record<string, unknown>): void;
  clear(kind: string): void;
}

export function drafts(owner: string, store: OwnedStore = localStorage): Drafts {
  const base = (kind: string) => `xjc.draft.${kind}`;
  const key = (kind: string) => ownedKey(base(kind), owner);
  return {
    read(kind) {
      // A draft from before drafts were kept per person: the first reader's (see owner.ts).
      adoptUnowned(store, base(kind), owner);
      const raw = store.getItem(key(kind));
      return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    },
    keep: (kind, body) => store.setItem(key(kind), JSON.stringify(body)),
    clear: (kind) => store.removeItem(key(kind)),
  };
}
