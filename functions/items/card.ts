import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { storedState } from '#functions/rollup/figures.ts';
import type { HeadCard } from '#functions/rollup/card.ts';
import { parseItem, type RawItem } from './item.ts';
import { readState } from './rollup-state.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A head's scorecard of a year as the nightly keeps it (rollup/card.ts): `scorecard#<year>` /
 * `<head id>`, so a region's heads are one batch of keys. Its state is kept as a rollup state is
 * (a JSON string in `state`), its counts per kind as a map.
 */
const KIND = 'scorecard-card';

export const cardKey = (year: number, ministerId: string) => ({ [PK]: `scorecard#${year}`, [SK]: ministerId });

export const cardItem = (card: HeadCard): RawItem => ({
  ...cardKey(card.year, card.ministerId), kind: KIND,
  ministerId: card.ministerId, year: card.year, asOf: card.asOf, minister: card.minister, countingRules: card.countingRules, counted: card.counted,
  state: JSON.stringify(storedState(card.state)),
});

const cardSchema = z.object({
  ministerId: z.string(),
  year: z.number(),
  asOf: z.string(),
  minister: z.object({ version: z.number(), updatedAt: z.string() }),
  countingRules: z.number(),
  counted: z.record(z.string(), z.number()),
});

export function readCard(raw: RawItem): HeadCard {
  const card = parseItem(KIND, cardSchema, raw);
  return { ...card, state: readState(raw) };
}
