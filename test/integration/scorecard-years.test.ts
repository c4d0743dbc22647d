import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DeleteCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { endOfBeijingDay } from '#schemas/time.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { contributionOf } from '#functions/rollup/figures.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { correctRecord, withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { ministerScorecard } from '#functions/use-cases/reporting/scorecard.ts';
import { seededRandom } from '#local/random.ts';
import { backfillYearTrails } from '#local/year-trails.ts';
import { SAMPLES } from '../support/samples.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * A scorecard reads the head's trail of its year only. Random histories across a new year —
 * corrections that move a record's date over the boundary and back, hand-overs between heads,
 * withdrawals — are recounted from every version written (the oracle: a record counts for a head
 * and a year as of a day when its latest version received by then is theirs, dated that year, and
 * counts), for every head, both years and many as-of days. The same histories laid out as they were
 * stored before years were kept read the same, before, during and after the backfill.
 */

const actor = { by: 'test', requestId: 'r' };
const at = (instant: number) => ({ now: () => new Date(instant) });
const HEADS = [
  { id: 'm-y-a', county: '632621' },
  { id: 'm-y-b', county: '632621' },
  { id: 'm-y-c', county: '630102' },
];
const KINDS = ['visit', 'training'] as const;
const START = Date.parse('2025-12-25T09:00:00+08:00');
const STEP = 5 * 3_600_000;
const DATES = ['2025-12-24', '2025-12-31', '2026-01-01', '2026-01-03', '2026-01-06'];
const AS_OF = ['2025-12-25', '2025-12-28', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-04', '2026-01-06', '2026-01-09'];
const beijingDay = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);

interface Written { kind: string; record: FormRecord; at: number }

const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
afterAll(() => client.destroy());
/** Each history has a table of its own. */
let store: StoreDeps;

/** One random history on a new table: every version written, with the instant it was written at. */
async function history(seed: number, steps: number): Promise<Written[]> {
  store = { client, tableName: await createTestTable() };
  for (const head of HEADS) {
    await putMinister(makeRecordDeps(store, at(Date.parse('2025-12-01T09:00:00+08:00'))), head.id, { name: head.id, level: 'county', regionCode: head.county, contactBranches: [] }, undefined, actor);
  }
  const rnd = seededRandom(seed);
  const written: Written[] = [];
  const current = new Map<string, Written>();
  for (let i = 0; i < steps; i++) {
    const instant = START + i * STEP + rnd.int(STEP / 2);
    const deps = makeRecordDeps(store, at(instant));
    const today = beijingDay(instant);
    const dates = DATES.filter((d) => d <= today);
    const live = [...current.values()].filter((w) => w.record.status !== 'withdrawn');
    const roll = rnd.next();
    let next: { kind: string; record: FormRecord } | undefined;
    if (!live.length || roll < 0.35) {
      const kind = kindNamed(rnd.pick(KINDS))!;
      const head = rnd.pick(HEADS);
      const body = SAMPLES[kind.name].valid({ ministerId: head.id, countyCode: head.county, date: rnd.pick(dates) });
      const { record } = await createRecord(deps, kind, kind.form.schemas.input.parse(body), actor);
      next = record && { kind: kind.name, record };
    } else {
      const { kind: name, record } = rnd.pick(live);
      const kind = kindNamed(name)!;
      const holder = HEADS.find((h) => h.id === record.ministerId)!;
      const patch: Record<string, unknown> | undefined = roll < 0.6 ? { date: rnd.pick(dates) }
        // A hand-over stays within the county (a head of another region may not take it).
        : roll < 0.8 ? { ministerId: rnd.pick(HEADS.filter((h) => h.county === holder.county)).id }
          : roll < 0.92 ? { ...SAMPLES[name].correction, date: rnd.pick(dates) }
            : undefined;
      const args = { id: record.id, expectedVersion: record.version, actor };
      next = {
        kind: name,
        record: patch ? await correctRecord(deps, kind, { ...args, patch: kind.form.schemas.patch.parse(patch) }) : await withdrawRecord(deps, kind, args),
      };
    }
    if (!next) throw new Error('a create answered without its record');
    const entry = { ...next, at: instant };
    written.push(entry);
    current.set(`${entry.kind}#${entry.record.id}`, entry);
  }
  return written;
}

/** The oracle: records that count for the head in the year as of the day, from every version written. */
function recount(written: readonly Written[], head: string, year: number, asOf: string): string[] {
  const end = Date.parse(endOfBeijingDay(asOf));
  const latest = new Map<string, Written>();
  for (const w of written) if (w.at < end) latest.set(`${w.kind}#${w.record.id}`, w);
  return [...latest.values()].flatMap(({ kind: name, record }) => {
    const kind = kindNamed(name)!;
    const counts = record.ministerId === head && kind.dateOf(record).startsWith(String(year)) && contributionOf(kind, record, () => 'county');
    return counts ? [`${name}#${record.id}`] : [];
  }).sort();
}

async function listed(head: string, year: number, asOf: string): Promise<string[]> {
  const card = await ministerScorecard(makeRecordDeps(store, at(Date.parse('2026-02-01T00:00:00Z'))), head, year, asOf);
  return card.records.map((r) => `${r.kind}#${r.id}`).sort();
}

async function expectOracle(written: readonly Written[]) {
  for (const head of HEADS) {
    for (const year of [2025, 2026]) {
      for (const asOf of AS_OF) expect(await listed(head.id, year, asOf), `${head.id} ${year} as of ${asOf}`).toEqual(recount(written, head.id, year, asOf));
    }
  }
}

/** Every trail item of the table (change entries and markers in a head's trail). */
async function trailItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.client.send(new ScanCommand({
      TableName: store.tableName, FilterExpression: 'begins_with(gsi2pk, :t)', ExpressionAttributeValues: { ':t': 'changes#' }, ExclusiveStartKey: start,
    }));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The layout before years were kept: one trail per head, markers only where a record changed hands. */
async function asStoredBeforeYears() {
  for (const item of await trailItems()) {
    const key = { pk: item.pk, sk: item.sk };
    const partition = String(item.gsi2pk).replace(/#\d{4}$/, '');
    const handover = String(item.kind).endsWith('-handover');
    if (handover && partition === `changes#${String(item.to)}`) {
      await store.client.send(new DeleteCommand({ TableName: store.tableName, Key: key }));
    } else {
      await store.client.send(new UpdateCommand({
        TableName: store.tableName, Key: key, UpdateExpression: 'SET gsi2pk = :p', ExpressionAttributeValues: { ':p': partition },
      }));
    }
  }
}

describe("a head's scorecard reads the trail of its year", () => {
  it.each([1, 2, 3, 4, 5, 6])('counts what a recount of every version counts, each head, year and day (seed %i)', async (seed) => {
    const written = await history(seed, 40);
    // The history did what it is for: dates over the new year, hand-overs, withdrawals.
    const versions = (id: string) => written.filter((w) => w.record.id === id).map((w) => w.record);
    const moved = written.filter((w) => versions(w.record.id).some((v) => v.ministerId !== w.record.ministerId || kindNamed(w.kind)!.dateOf(v).slice(0, 4) !== kindNamed(w.kind)!.dateOf(w.record).slice(0, 4)));
    expect(moved.length).toBeGreaterThan(0);
    await expectOracle(written);
  });

  it('keeps in a year only the versions dated in it, and a marker where a version left it', async () => {
    const written = await history(7, 30);
    for (const item of await trailItems()) {
      const [, , year] = String(item.gsi2pk).split('#');
      if (String(item.kind).endsWith('-change')) expect(kindNamed(String(item.kind).slice(0, -'-change'.length))!.dateOf(item.after as FormRecord).slice(0, 4)).toBe(year);
      else expect(year).toMatch(/^\d{4}$/);
    }
    await expectOracle(written);
  });

  it('reads trails stored before years were kept the same, before and after the backfill, which moves them all once', async () => {
    const written = await history(8, 60);
    const laidOut = (await trailItems()).length;
    await asStoredBeforeYears();
    const before = await trailItems();
    expect(before.every((item) => !/#\d{4}$/.test(String(item.gsi2pk)))).toBe(true);
    await expectOracle(written);

    const { moved } = await backfillYearTrails(store);
    expect(moved).toBeGreaterThan(0);
    const after = await trailItems();
    expect(after.every((item) => /#\d{4}$/.test(String(item.gsi2pk)))).toBe(true);
    // Exactly the items the writes lay out today (markers of year-only moves included).
    expect(after.length).toBe(laidOut);
    await expectOracle(written);
    expect((await backfillYearTrails(store)).moved).toBe(0);
  });
});
