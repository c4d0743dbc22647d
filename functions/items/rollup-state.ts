import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { normalizeState, type RegionState, storedState } from '#functions/rollup/figures.ts';
import { parseJsonAttribute, type RawItem } from './item.ts';

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
  byMinisterLevel: z.optional(z.partialRecord(z.enum(['province', 'prefecture', 'county']), counts)),
  ministers: z.optional(counts),
  branches: z.optional(counts),
  problemDeadlines: z.optional(counts),
  // Packed hashes per branch type, or (stored before packing) a multiset.
  registry: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});

export const closedStatePartition = (day: string) => `${CLOSED.partition}${day}`;
export const closedStateKey = (day: string, region: string) => ({ [PK]: closedStatePartition(day), [SK]: region });
export const provisionalStateKey = (day: string, region: string) => ({ [PK]: `${PROVISIONAL.partition}${day}`, [SK]: region });

export const closedStateItem = (day: string, region: string, state: RegionState): RawItem =>
  ({ ...closedStateKey(day, region), kind: CLOSED.kind, state: JSON.stringify(storedState(state)) });
export const provisionalStateItem = (day: string, region: string, state: RegionState): RawItem =>
  ({ ...provisionalStateKey(day, region), kind: PROVISIONAL.kind, state: JSON.stringify(storedState(state)) });

/** A stored state (closed or provisional), made whole. */
export const readState = (raw: RawItem): RegionState => normalizeState(parseJsonAttribute('rollup-state', storedStateSchema, raw, 'state'));
