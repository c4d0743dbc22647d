import type { BranchEntry } from '#schemas/branch.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KIND_REGISTRY } from '#schemas/kinds/index.ts';
import type { KindRegistry } from '#schemas/kinds/registry.ts';
import { applyChange, contributionOf, type MinisterLevels, REGISTRY_KIND, type RegionState, registrationOf } from './figures.ts';

/** What the rollup reads of a change entry of any kind (see the byDay index). */
export interface RecordChange {
  /** The record's kind (`problem`), from the entry's `problem-change`. */
  kind: string;
  recordId: string;
  version: number;
  at: string;
  before: FormRecord | null;
  after: FormRecord;
}

/** What the rollup reads of a change entry of the branch registry (`branch-change`): coverage. */
export interface RegistryChange {
  kind: typeof REGISTRY_KIND;
  registry: true;
  recordId: string;
  version: number;
  at: string;
  before: BranchEntry | null;
  after: BranchEntry;
}

export { REGISTRY_KIND };

/** Any change the rollup folds: of a record, or of the registry. */
export type Change = RecordChange | RegistryChange;

export const isRegistryChange = (change: Change): change is RegistryChange => 'registry' in change;

export type RollupState = Map<string, RegionState>;

/** Ids are unique within a kind only. */
const recordKey = (c: Change) => `${c.kind}#${c.recordId}`;

/** The kind of a change entry's record, among the campaign's kinds (or a test's). */
export function kindOf(change: Pick<RecordChange, 'kind'>, kinds: KindRegistry = KIND_REGISTRY): Kind {
  const kind = kinds.named(change.kind);
  if (!kind) throw new Error(`a change of an unknown kind: ${change.kind}`);
  return kind;
}

/**
 * Only a record's own versions must be applied in order (sums commute across records), so order by
 * record and version rather than by `at`, which comes from the clocks of different function instances.
 */
function inOrder(a: Change, b: Change): number {
  const ka = recordKey(a);
  const kb = recordKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : a.version - b.version;
}

/** One change applied: what its `before` contributed out, what its `after` contributes in. */
function applyOne(states: RollupState, change: Change, levels: MinisterLevels, kinds: KindRegistry) {
  if (isRegistryChange(change)) return applyChange(states, registrationOf(change.before), registrationOf(change.after));
  const kind = kindOf(change, kinds);
  applyChange(states, contributionOf(kind, change.before, levels), contributionOf(kind, change.after, levels));
}

/**
 * The nightly step: yesterday's state plus one day's changes, each record's in version order.
 * Cost follows the day's changes, not the history. The previous state is left untouched.
 */
export function foldDay(previous: RollupState, changes: readonly Change[], levels: MinisterLevels, kinds: KindRegistry = KIND_REGISTRY): RollupState {
  const states: RollupState = structuredClone(previous);
  for (const change of [...changes].sort(inOrder)) applyOne(states, change, levels, kinds);
  return states;
}

/**
 * The full rebuild, page by page: every record and registry entry at its latest version among the
 * changes given (all those received by the end of the day being rebuilt), folded into an empty
 * state. Changes come in streams (a parallel scan's segments), each in key order: a record's
 * changes together, oldest version first, as DynamoDB returns an item collection. So only the
 * record a stream's last page ended on is held back, and memory follows the states (regions, heads,
 * branches), not the history.
 */
export function rebuilder(levels: MinisterLevels, kinds: KindRegistry = KIND_REGISTRY) {
  const states: RollupState = new Map();
  /** Per stream, the latest version so far of the record its last page ended on: it may go on in the next. */
  const open = new Map<number, Change>();
  const settle = (change: Change) => applyOne(states, { ...change, before: null }, levels, kinds);
  return {
    /** The next page of a stream. */
    add(stream: number, changes: readonly Change[]): void {
      let latest = open.get(stream);
      for (const change of changes) {
        if (latest && recordKey(latest) !== recordKey(change)) {
          settle(latest);
          latest = change;
        } else if (!latest || latest.version < change.version) latest = change;
      }
      if (latest) open.set(stream, latest);
    },
    /** The states, once every stream has ended. */
    finish(): RollupState {
      for (const change of open.values()) settle(change);
      open.clear();
      return states;
    },
  };
}

/** The full rebuild of changes in hand (in any order). */
export function rebuild(changes: readonly Change[], levels: MinisterLevels, kinds: KindRegistry = KIND_REGISTRY): RollupState {
  const pages = rebuilder(levels, kinds);
  pages.add(0, [...changes].sort(inOrder));
  return pages.finish();
}
