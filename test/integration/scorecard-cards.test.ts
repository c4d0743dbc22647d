import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { addDays, endOfBeijingDay } from '#schemas/time.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { cardKey } from '#functions/items/card.ts';
import { COUNTING_RULES } from '#functions/rollup/figures.ts';
import { cardRepository } from '#functions/repositories/card-repository.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { correctRecord, reviewRecord, withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { type CardStepDeps, ministerScorecard, moveCards, regionScorecards, type ScorecardDeps } from '#functions/use-cases/reporting/scorecard.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { seededRandom } from '#local/random.ts';
import { SAMPLES } from '../support/samples.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The province's scorecards read through the cards the nightly keeps are, for every head, what a
 * full count of the head's trail says (ministerScorecard, the definition). Random histories over a
 * new year: creations, corrections, dates moved to the other year, hand-overs between heads,
 * withdrawals, reviews (rejections too), a head changing level and back, writes received up to 55
 * minutes late (out of order, never before a night already closed: the nightly runs an hour after
 * midnight), nightly card runs at random points, a head that joins after the last night (never
 * carded) and a card lost. Checked as of each night's next moments, then for both years and many days.
 */

const actor = { by: 'test', requestId: 'r' };
const at = (instant: number) => ({ now: () => new Date(instant) });
const COUNTY = '632621';
const PREFECTURE = '632600';
const HEADS = [
  { id: 'm-c-a', county: COUNTY },
  { id: 'm-c-b', county: COUNTY },
  { id: 'm-c-c', county: '630102' },
];
/** Joins at the last step, after the last night: never carded. */
const LATE_HEAD = { id: 'm-c-late', county: COUNTY };
const KINDS = ['visit', 'training'] as const;
const START = Date.parse('2025-12-25T09:00:00+08:00');
const STEP = 5 * 3_600_000;
const HOUR = 3_600_000;
const DATES = ['2025-12-24', '2025-12-31', '2026-01-01', '2026-01-03', '2026-01-06'];
const AS_OF = ['2025-12-27', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-04', '2026-01-06', '2026-01-09'];
const beijingDay = (instant: number) => new Date(instant + 8 * HOUR).toISOString().slice(0, 10);

const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
afterAll(() => client.destroy());

/** Counts the reads of a head's whole trail (a full count), to show the cards are what is read. */
function counting(store: StoreDeps, instant: number) {
  const base = makeRecordDeps(store, at(instant));
  const reads = { full: 0 };
  const records = {
    ...base.records,
    trail: (...args: Parameters<typeof base.records.trail>) => {
      reads.full++;
      return base.records.trail(...args);
    },
  };
  const deps: CardStepDeps = { ...base, records, cards: cardRepository(store) };
  return { deps, reads };
}

/** The cards of a region without the records behind them, through the kept cards and by full count. */
async function expectCardsEqualFullCount(store: StoreDeps, instant: number, year: number, asOf?: string) {
  const { deps } = counting(store, instant);
  const { cards: _, ...full }: ScorecardDeps = deps;
  const viaCards = await regionScorecards(deps, undefined, year, asOf);
  const counted = await regionScorecards(full, undefined, year, asOf);
  expect(viaCards, `${year} as of ${asOf ?? 'today'} at ${new Date(instant).toISOString()}`).toEqual(counted);
  // The definition itself: one head's card, its figures.
  for (const item of viaCards.items) {
    const { records: __, hiddenRecords: ___, ...card } = await ministerScorecard(full, item.minister.id, year, viaCards.asOf);
    expect(item).toEqual(card);
  }
}

async function history(seed: number, steps: number) {
  const store: StoreDeps = { client, tableName: await createTestTable() };
  for (const head of HEADS) {
    await putMinister(makeRecordDeps(store, at(Date.parse('2025-12-01T09:00:00+08:00'))), head.id, { name: head.id, level: 'county', regionCode: head.county, contactBranches: [] }, undefined, actor);
  }
  const rnd = seededRandom(seed);
  const heads = [...HEADS];
  const current = new Map<string, { kind: string; record: FormRecord }>();
  let nights = 0;
  let lastNight = '';
  for (let i = 0; i < steps; i++) {
    const instant = START + i * STEP + rnd.int(STEP / 2);
    // Late: received up to 55 minutes before it was stored.
    const received = instant - (rnd.chance(0.3) ? rnd.int(55 * 60_000) : 0);
    const deps = makeRecordDeps(store, at(received));
    const today = beijingDay(received);
    const dates = DATES.filter((d) => d <= today);
    const live = [...current.values()].filter((w) => w.record.status !== 'withdrawn');
    if (i === steps - 1) {
      heads.push(LATE_HEAD);
      await putMinister(deps, LATE_HEAD.id, { name: LATE_HEAD.id, level: 'county', regionCode: LATE_HEAD.county, contactBranches: [] }, undefined, actor);
    }
    const roll = rnd.next();
    if (roll < 0.05) {
      // Head b changes level (county ↔ prefecture): their visits count under the level of their date.
      const b = (await deps.ministers.get('m-c-b'))!;
      const prefecture = b.level === 'county';
      await putMinister(deps, b.id, { name: b.name, level: prefecture ? 'prefecture' : 'county', regionCode: prefecture ? PREFECTURE : COUNTY, contactBranches: [] }, b.version, actor);
    } else if (!live.length || roll < 0.35) {
      const kind = kindNamed(rnd.pick(KINDS))!;
      const head = rnd.pick(heads);
      const body = SAMPLES[kind.name].valid({ ministerId: head.id, countyCode: head.county, date: rnd.pick(dates) });
      const { record } = await createRecord(deps, kind, kind.form.schemas.input.parse(body), actor);
      if (record) current.set(`${kind.name}#${record.id}`, { kind: kind.name, record });
    } else {
      const { kind: name, record } = rnd.pick(live);
      const kind = kindNamed(name)!;
      const holder = heads.find((h) => h.id === record.ministerId)!;
      const args = { id: record.id, expectedVersion: record.version, actor };
      let next: FormRecord;
      if (roll < 0.5) next = await correctRecord(deps, kind, { ...args, patch: kind.form.schemas.patch.parse({ date: rnd.pick(dates) }) });
      else if (roll < 0.65) next = await correctRecord(deps, kind, { ...args, patch: kind.form.schemas.patch.parse({ ministerId: rnd.pick(heads.filter((h) => h.county === holder.county)).id }) });
      else if (roll < 0.75) next = await correctRecord(deps, kind, { ...args, patch: kind.form.schemas.patch.parse({ ...SAMPLES[name].correction, date: rnd.pick(dates) }) });
      else if (roll < 0.92) {
        const state = rnd.pick((['approved', 'has_issues', 'rejected'] as const).filter((s) => s !== record.review.state));
        next = await reviewRecord(deps, kind, { ...args, review: { state } });
      } else next = await withdrawRecord(deps, kind, args);
      current.set(`${name}#${record.id}`, { kind: name, record: next });
    }
    // The nightly, an hour or more after midnight, for the day that ended (some nights missed).
    const closing = addDays(beijingDay(instant), -1);
    if (i < steps - 1 && closing !== lastNight && instant >= Date.parse(endOfBeijingDay(closing)) + HOUR && rnd.chance(0.5)) {
      const night = instant + rnd.int(10 * 60_000);
      await moveCards(counting(store, night).deps, closing);
      lastNight = closing;
      nights++;
      await expectCardsEqualFullCount(store, night, Number(beijingDay(night).slice(0, 4)));
    }
  }
  return { store, end: START + steps * STEP, nights };
}

describe("the province's scorecards through the heads' kept cards", () => {
  it.each([1, 2, 3, 4])('equal a full count of every head, both years, many days (seed %i)', async (seed) => {
    const { store, end, nights } = await history(seed, 40);
    expect(nights).toBeGreaterThan(1);
    // The late head was never carded; another head's card is lost.
    expect((await cardRepository(store).get(2026, [LATE_HEAD.id])).size).toBe(0);
    for (const year of [2025, 2026]) {
      for (const asOf of [...AS_OF, undefined]) await expectCardsEqualFullCount(store, end, year, asOf);
    }
    await client.send(new DeleteCommand({ TableName: store.tableName, Key: cardKey(2026, HEADS[2].id) }));
    await expectCardsEqualFullCount(store, end, 2026);
  });

  it('reads the kept cards, not whole trails, for heads carded and unchanged since, under the same counting rules', async () => {
    const { store, end } = await history(5, 36);
    const day = addDays(beijingDay(end), -1);
    const year = Number(day.slice(0, 4));
    await moveCards(counting(store, end).deps, day);
    const { deps, reads } = counting(store, end);
    const { items } = await regionScorecards(deps, undefined, year);
    expect(items.length).toBeGreaterThan(0);
    expect(reads).toEqual({ full: 0 });
    // A head whose terms changed since their card is counted in full.
    const a = (await deps.ministers.get(HEADS[0].id))!;
    await putMinister(makeRecordDeps(store, at(end)), a.id, { name: a.name, level: 'prefecture', regionCode: PREFECTURE, contactBranches: [] }, a.version, actor);
    const after = counting(store, end);
    await regionScorecards(after.deps, undefined, year);
    expect(after.reads).toEqual({ full: 1 });
    // So is one whose card was counted under other counting rules.
    await client.send(new UpdateCommand({ TableName: store.tableName, Key: cardKey(year, HEADS[1].id), UpdateExpression: 'SET countingRules = :old', ExpressionAttributeValues: { ':old': COUNTING_RULES - 1 } }));
    const older = counting(store, end);
    await regionScorecards(older.deps, undefined, year);
    expect(older.reads).toEqual({ full: 2 });
    await expectCardsEqualFullCount(store, end, year);
  });

  it('is moved by the nightly rollup, whose rerun changes nothing', async () => {
    const { store, end } = await history(6, 36);
    const day = addDays(beijingDay(end), -1);
    const year = Number(day.slice(0, 4));
    const { deps } = counting(store, end);
    const rollups = { rollups: rollupRepository(store), clock: at(end), cards: deps };
    const first = await runRollup(rollups, day);
    expect(first.cards).toEqual({ moved: expect.any(Number), counted: expect.any(Number) });
    const stored = await cardRepository(store).get(year, HEADS.map((h) => h.id));
    expect([...stored.values()].every((card) => card.asOf === endOfBeijingDay(day))).toBe(true);
    const again = await runRollup(rollups, day);
    expect(again.cards).toEqual({ moved: 0, counted: 0 });
    expect(await cardRepository(store).get(year, HEADS.map((h) => h.id))).toEqual(stored);
    await expectCardsEqualFullCount(store, end, year);
  });
});
