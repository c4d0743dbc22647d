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

/**
 * Counts the reads of a head's whole trail (a full count), to show the cards are what is read; and,
 * apart, what moving the cards reads: records' own trails (a query each) and versions by key.
 */
function counting(store: StoreDeps, instant: number) {
  const base = makeRecordDeps(store, at(instant));
  const reads = { full: 0 };
  const moving = { recordTrails: 0, versionReads: 0, versions: 0 };
  const records = {
    ...base.records,
    trail: (...args: Parameters<typeof base.records.trail>) => {
      reads.full++;
      return base.records.trail(...args);
    },
  };
  const kept = cardRepository(store);
  const cards = {
    ...kept,
    recordTrail: (...args: Parameters<typeof kept.recordTrail>) => {
      moving.recordTrails++;
      return kept.recordTrail(...args);
    },
    versions: (keys: Parameters<typeof kept.versions>[0]) => {
      moving.versionReads++;
      moving.versions += keys.length;
      return kept.versions(keys);
    },
  };
  const deps: CardStepDeps = { ...base, records, cards };
  return { deps, reads, moving };
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

// Each history is 36–40 steps of real writes and nightly runs: the file's 7 tests took 25 s together here, one of them over 30 s at load 12.
describe("the province's scorecards through the heads' kept cards", { timeout: 150_000 }, () => {
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

  it('move over a day of corrections, withdrawals, hand-overs and year moves by versions read by key, no query per record', async () => {
    const store: StoreDeps = { client, tableName: await createTestTable() };
    for (const head of HEADS) {
      await putMinister(makeRecordDeps(store, at(Date.parse('2025-12-01T09:00:00+08:00'))), head.id, { name: head.id, level: 'county', regionCode: head.county, contactBranches: [] }, undefined, actor);
    }
    const [a, b] = HEADS;
    const visit = kindNamed('visit')!;
    const training = kindNamed('training')!;
    const on = (beijing: string) => makeRecordDeps(store, at(Date.parse(`${beijing}+08:00`)));
    const create = async (when: string, kind: typeof visit, head: typeof a, date: string) =>
      (await createRecord(on(when), kind, kind.form.schemas.input.parse(SAMPLES[kind.name].valid({ ministerId: head.id, countyCode: head.county, date })), actor)).record!;
    const correct = (when: string, kind: typeof visit, record: FormRecord, patch: object) =>
      correctRecord(on(when), kind, { id: record.id, expectedVersion: record.version, actor, patch: kind.form.schemas.patch.parse(patch) });

    // Yesterday, then the night: every head carded as of its end (both years, in January).
    const twice = await create('2026-01-05T09:00:00', visit, a, '2026-01-05');
    const handed = await create('2026-01-05T09:10:00', visit, a, '2026-01-04');
    const toLastYear = await create('2026-01-05T09:20:00', visit, a, '2026-01-05');
    const toThisYear = await create('2026-01-05T09:30:00', training, a, '2025-12-30');
    const reviewed = await create('2026-01-05T09:40:00', visit, b, '2026-01-03');
    await moveCards(counting(store, Date.parse('2026-01-06T01:30:00+08:00')).deps, '2026-01-05');

    // Today.
    const once = await correct('2026-01-06T09:00:00', visit, twice, SAMPLES.visit.correction);
    await correct('2026-01-06T10:00:00', visit, once, { participants: 60 });
    const gone = await create('2026-01-06T09:30:00', visit, a, '2026-01-06');
    await withdrawRecord(on('2026-01-06T11:00:00'), visit, { id: gone.id, expectedVersion: gone.version, actor });
    await correct('2026-01-06T10:30:00', visit, handed, { ministerId: b.id });
    const passed = await create('2026-01-06T09:50:00', visit, a, '2026-01-06');
    await correct('2026-01-06T10:40:00', visit, passed, { ministerId: b.id });
    await correct('2026-01-06T10:50:00', visit, toLastYear, { date: '2025-12-31' });
    await correct('2026-01-06T11:10:00', training, toThisYear, { date: '2026-01-02' });
    await reviewRecord(on('2026-01-06T11:20:00'), visit, { id: reviewed.id, expectedVersion: reviewed.version, actor, review: { state: 'rejected', comment: '重复' } });

    const noon = Date.parse('2026-01-06T12:00:00+08:00');
    for (const year of [2026, 2025]) {
      const { deps, reads, moving } = counting(store, noon);
      const { items } = await regionScorecards(deps, undefined, year);
      expect(items.map((item) => item.minister.id)).toEqual(expect.arrayContaining(HEADS.map((h) => h.id)));
      // Each head's card was moved (none counted in full), by one read of versions by key: no record's trail queried.
      expect(reads).toEqual({ full: 0 });
      expect(moving).toEqual({ recordTrails: 0, versionReads: 1, versions: expect.any(Number) });
      expect(moving.versions).toBeGreaterThan(0);
      await expectCardsEqualFullCount(store, noon, year);
      for (const asOf of ['2026-01-05', '2026-01-06']) await expectCardsEqualFullCount(store, noon, year, asOf);
    }
    // The card of the head handed two visits today counts them, as of today, not as of yesterday.
    const { items } = await regionScorecards(counting(store, noon).deps, undefined, 2026);
    const { records } = await ministerScorecard(makeRecordDeps(store, at(noon)), b.id, 2026);
    expect(records.map((r) => r.id)).toEqual(expect.arrayContaining([handed.id, passed.id]));
    expect(items.find((item) => item.minister.id === b.id)).toEqual(expect.objectContaining({ asOf: '2026-01-06' }));
  });
});
