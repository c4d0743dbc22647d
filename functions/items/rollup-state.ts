import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { normalizeState, type RegionState, storedState } from '#functions/rollup/figures.ts';
import { MalformedItemError, parseJsonAttribute, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A region's rollup state, kept as a JSON string in `state` (a province's multisets hold thousands
 * of keys: one string marshals far cheaper than a map):
 * - `rollup-state#<day>` / `<region>`: as of a closed day, the base of the next night's fold;
 * - `rollup-provisional-state#<day>` / `<region>`: behind a day's provisional snapshot (what the
 *   never-visited list reads), replaced by each later run; never a fold's base.
 */
const CLOSED = { partition: 'rollup-state#', kind: 'rollup-state' };
const PROVISIONAL = { partition: 'rollup-provisional-state#', kind: 'rollup-provisional-state' };

const counts = z.record(z.string(), z.number());
/** As stored: states stored before a figure or multiset existed lack it (normalizeState makes them whole). */
const storedStateSchema = z.object({
  figures: z.optional(counts),
  byMinisterLevel: z.optional(z.record(z.string(), counts)),
  ministers: z.optional(counts),
  branches: z.optional(counts),
  problemDeadlines: z.optional(counts),
  months: z.optional(z.record(z.string(), counts)),
  waiting: z.optional(counts),
  // Packed hashes per branch type, or (stored before packing) a multiset: see registryOf.
  registry: z.optional(z.record(z.string(), z.unknown())),
});

export const closedStatePartition = (day: string) => `${CLOSED.partition}${day}`;
export const closedStateKey = (day: string, region: string) => ({ [PK]: closedStatePartition(day), [SK]: region });
export const provisionalStateKey = (day: string, region: string) => ({ [PK]: `${PROVISIONAL.partition}${day}`, [SK]: region });

export const closedStateItem = (day: string, region: string, state: RegionState): RawItem =>
  ({ ...closedStateKey(day, region), kind: CLOSED.kind, state: JSON.stringify(storedState(state)) });
export const provisionalStateItem = (day: string, region: string, state: RegionState): RawItem =>
  ({ ...provisionalStateKey(day, region), kind: PROVISIONAL.kind, state: JSON.stringify(storedState(state)) });

/** The registry's values are strings (packed) or counts (a multiset); checked here, which costs less than a zod union in every bundle. */
function registryOf(raw: RawItem, registry: Record<string, unknown> = {}): Record<string, string | number> {
  const checked: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(registry)) {
    if (typeof value !== 'string' && typeof value !== 'number') throw new MalformedItemError('rollup-state', raw, [`state.registry.${key}: invalid_type`]);
    checked[key] = value;
  }
  return checked;
}

/** A stored state (closed or provisional), made whole. */
export function readState(raw: RawItem): RegionState {
  const stored = parseJsonAttribute('rollup-state', storedStateSchema, raw, 'state');
  return normalizeState({ ...stored, registry: registryOf(raw, stored.registry) });
}
