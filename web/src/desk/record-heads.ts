import { signal } from '@preact/signals';

/**
 * Heads' names as the API gives them with the records the person may read (`ministerName`): a
 * province head's record in a prefecture names a head whom the prefecture's `GET /ministers` does
 * not list, yet whoever may read the record may know whose it is.
 */
export const recordHeads = signal<ReadonlyMap<string, string>>(new Map());

const headOf = (value: unknown): [string, string][] => {
  if (!value || typeof value !== 'object') return [];
  const { ministerId, ministerName } = value as { ministerId?: unknown; ministerName?: unknown };
  return typeof ministerId === 'string' && typeof ministerName === 'string' && ministerName ? [[ministerId, ministerName]] : [];
};

/** The heads an answer names: one record, or a page of them (`items`), or of suggestions each with its `visit`. */
export function headsIn(answer: unknown): [string, string][] {
  const items = answer && typeof answer === 'object' && Array.isArray((answer as { items?: unknown }).items) ? (answer as { items: unknown[] }).items : [answer];
  return items.flatMap((item) => [...headOf(item), ...(item && typeof item === 'object' ? headOf((item as { visit?: unknown }).visit) : [])]);
}

/** Remembers the heads an answer names, for every view that names a head. */
export function learnHeads(answer: unknown): void {
  const known = recordHeads.value;
  const found = headsIn(answer).filter(([id, name]) => known.get(id) !== name);
  if (found.length > 0) recordHeads.value = new Map([...known, ...found]);
}
