import type { FormRecord } from '../form.ts';
import type { Kind } from '../kind.ts';

/**
 * Kinds by their name, each keeping its record type: `registry.byName.visit` is a `Kind<Visit>`, so a
 * page or use case that knows which kind it holds reads that kind's records typed. Generic code
 * (routes, the rollup, the queue) walks `list`, the erased view, whose methods take any stored
 * record (`Kind` is `Kind<FormRecord>`; its methods are declared as methods so every `Kind<T>` is one).
 * The campaign's registry is `kinds/index.ts`; a test builds its own with `withKinds`.
 */
export interface KindRegistry<M extends KindMap = KindMap> {
  readonly byName: M;
  /** In registration order: the order people meet them in, lists and exports follow it. */
  readonly list: readonly Kind[];
  /** The kind of a stored name (`visit`) or collection path (`visits`). */
  named(name: string): Kind | undefined;
}

export type KindMap = Readonly<Record<string, Kind>>;

/** The record type a kind keeps: `RecordOf<typeof visitKind>` is `Visit`. */
export type RecordOf<K> = K extends Kind<infer T extends FormRecord> ? T : never;

/** A registry of kinds keyed by their names (a key that is not its kind's name is a mistake, refused at load). */
export function kindRegistry<M extends KindMap>(byName: M): KindRegistry<M> {
  const list = Object.entries(byName).map(([key, kind]) => {
    if (key !== kind.name) throw new Error(`the kind ${kind.name} is registered under ${key}`);
    return kind;
  });
  const index = new Map<string, Kind>(list.flatMap((kind) => [[kind.name, kind], [kind.form.path, kind]]));
  return { byName, list, named: (name) => index.get(name) };
}

/** A registry with more kinds after those of `base` (a test's throw-away kind), leaving `base` as it was. */
export const withKinds = <M extends KindMap, E extends KindMap>(base: KindRegistry<M>, extra: E): KindRegistry<M & E> =>
  kindRegistry({ ...base.byName, ...extra });
