import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { regionLevelSchema } from '#schemas/common.ts';
import { normalizeState } from '#functions/rollup/figures.ts';
import type { HeadCard } from '#functions/rollup/card.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { ReceivedChange, ReceivedTrailEntry } from '#functions/ports/records.ts';
import type { RecordVersion } from '#functions/ports/rollups.ts';
import { MalformedItemError, parseItem, type RawItem } from './item.ts';
import { changedKind } from './change.ts';
import { readTrailEntry, TRAIL_PROJECTION } from './trail.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A head's scorecard of a year as the nightly keeps it (rollup/card.ts): `scorecard#<year>` /
 * `<head id>`, so a region's heads are one batch of keys. Its province-level state is a map (a
 * head's multisets hold a few hundred keys, not a province's thousands), without the registry,
 * which a card never counts.
 */
const KIND = 'scorecard-card';

export const cardKey = (year: number, ministerId: string) => ({ [PK]: `scorecard#${year}`, [SK]: ministerId });

export const cardItem = (card: HeadCard): RawItem => ({
  ...cardKey(card.year, card.ministerId), kind: KIND,
  ministerId: card.ministerId, year: card.year, asOf: card.asOf, minister: card.minister, countingRules: card.countingRules, counted: card.counted,
  state: { figures: card.state.figures, byMinisterLevel: card.state.byMinisterLevel, ministers: card.state.ministers, branches: card.state.branches, problemDeadlines: card.state.problemDeadlines, months: card.state.months, waiting: card.state.waiting },
});

const counts = z.record(z.string(), z.number());

const cardSchema = z.object({
  ministerId: z.string(),
  year: z.number(),
  asOf: z.string(),
  minister: z.object({ version: z.number(), updatedAt: z.string() }),
  countingRules: z.number(),
  counted: counts,
  // `months` and `waiting` (counting rules 5): cards kept before lack them, and are counted anew anyway.
  state: z.object({ figures: counts, byMinisterLevel: z.record(regionLevelSchema, counts), ministers: counts, branches: counts, problemDeadlines: counts, months: z.optional(z.record(z.string(), counts)), waiting: z.optional(counts) }),
});

export function readCard(raw: RawItem): HeadCard {
  const { state, ...card } = parseItem(KIND, cardSchema, raw);
  return { ...card, state: normalizeState(state) };
}

/*
 * What moves a card, read here rather than beside the change entries and trails they come from: only
 * the cards' functions carry these schemas.
 */

/** Attribute names as placeholders (some are reserved words). */
const names = (...attributes: string[]) => Object.fromEntries(attributes.map((name) => [`#${name}`, name]));

/** What a read of one record's trail items asks for: a trail read's attributes, and when each was received. */
export const RECEIVED_TRAIL_PROJECTION = { expression: '#kind, #recordId, #version, #after, #at', names: names('kind', 'recordId', 'version', 'after', 'at') };
const receivedSchema = z.object({ at: z.string() });

/** An item of a head's trail read from its record's own partition, with when it was received. */
export function readReceivedTrailEntry(raw: RawItem): ReceivedTrailEntry {
  return { ...readTrailEntry(raw), at: parseItem('trail', receivedSchema, raw).at };
}

/** What a read of the changes received in a span projects of each: the version it made, whose record it was before and after. */
export const CHANGE_HEADS_PROJECTION = {
  expression: '#kind, #recordId, #version, #at, #before.#ministerId, #after.#ministerId', names: names('kind', 'recordId', 'version', 'at', 'before', 'after', 'ministerId'),
};

const headOf = z.optional(z.nullable(z.object({ ministerId: z.optional(z.string()) })));
const changeHeadsSchema = z.object({ kind: z.string(), recordId: z.string(), version: z.number(), at: z.string(), before: headOf, after: headOf });

/** A change entry as that read projects it: the heads whose trails it may have moved (none for a head's or the registry's own changes). */
export function readChangeHeads(raw: RawItem): ReceivedChange {
  const { kind, recordId, version, at, before, after } = parseItem('change', changeHeadsSchema, raw);
  return { kind: changedKind(kind, raw), recordId, version, at, ministerIds: [...new Set([before?.ministerId, after?.ministerId].flatMap((id) => (id ? [id] : [])))] };
}

/** What a read of one version of a record (its change entry, by key) asks for: a trail read's attributes. */
export const VERSION_PROJECTION = { expression: TRAIL_PROJECTION.map((name) => `#${name}`).join(', '), names: names(...TRAIL_PROJECTION) };

/** A record's change entry read as the version it made. */
export function readVersion(raw: RawItem): RecordVersion {
  const entry = readTrailEntry(raw);
  if (!('after' in entry)) throw new MalformedItemError('change', raw, ['a marker, not a change entry']);
  const after: FormRecord = entry.after;
  return { kind: entry.kind, recordId: entry.recordId, version: entry.version, after };
}
