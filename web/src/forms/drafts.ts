/**
 * The unfinished form of each kind, kept on the device as it is typed (with its record id): a
 * phone's browser may drop the page at any time, and the form comes back as it was.
 */
export interface Drafts {
  read(kind: string): Record<string, unknown> | undefined;
  keep(kind: string, body: Record<string, unknown>): void;
  clear(kind: string): void;
}

export function drafts(store: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage): Drafts {
  const key = (kind: string) => `xjc.draft.${kind}`;
  return {
    read(kind) {
      const raw = store.getItem(key(kind));
      return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    },
    keep: (kind, body) => store.setItem(key(kind), JSON.stringify(body)),
    clear: (kind) => store.removeItem(key(kind)),
  };
}
