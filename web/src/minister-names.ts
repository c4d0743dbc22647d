/**
 * Heads are shown by name, never by id (glossary): the names the pages have seen, kept on the
 * device so the header, the forms and the outbox still name them offline. No DOM here.
 */
export interface NameStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface MinisterNames {
  /** The name last seen for a head, or undefined when none was ever loaded on this device. */
  nameOf(id: string | undefined): string | undefined;
  /** How to show a head: their name, or the id only when no name is known. */
  label(id: string): string;
  remember(ministers: readonly { id: string; name: string }[]): void;
}

const KEY = 'xjc.ministerNames';

export function ministerNames(store: NameStore): MinisterNames {
  const read = (): Record<string, string> => {
    try {
      const parsed = JSON.parse(store.getItem(KEY) ?? '{}') as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const names: MinisterNames = {
    nameOf: (id) => (id && Object.hasOwn(read(), id) ? read()[id] : undefined),
    label: (id) => names.nameOf(id) ?? id,
    remember(ministers) {
      const known = read();
      let changed = false;
      for (const m of ministers) {
        if (m.name && known[m.id] !== m.name) {
          known[m.id] = m.name;
          changed = true;
        }
      }
      if (changed) store.setItem(KEY, JSON.stringify(known));
    },
  };
  return names;
}

/**
 * Who the header names: a person who reports for a head (a submitter: the head or their staff)
 * by the head's name; anyone else by their own sign-in name.
 */
export function headerName(person: { name: string; ministerId?: string }, names: MinisterNames): string {
  return person.ministerId ? names.label(person.ministerId) : person.name;
}
