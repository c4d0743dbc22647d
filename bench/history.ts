import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COUNTY_CODES, PROVINCE_CODE } from '#schemas/regions.ts';
import { addDays, beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import type { Visit } from '#schemas/kinds/visit.ts';
import { changeItem, type ChangeEntry } from '#functions/adapters/record-store.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { changeTrailKey, leaveMarkerItem } from '#functions/items/trail.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { type Change, rebuild, rebuilder, type RollupState } from '#functions/rollup/fold.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { moveCards, regionScorecards } from '#functions/use-cases/reporting/scorecard.ts';
import { cardRepository } from '#functions/repositories/card-repository.ts';
import { ensureTable } from '#local/table.ts';
import { seededRandom } from '#local/random.ts';
import { writeItems } from './rollup.ts';

export interface HistoryFigures {
  sizes: {
    records: number;
    /** Change entries and markers written. */
    items: number;
    /** The rebuild's peak live heap (collected after each page) above where it started, in MB (paged, as the nightly runs it). */
    rebuildPeakMB: number;
    /** The same rebuild holding every change first, as before it was paged. */
    wholePeakMB: number;
    rebuildMs: number;
    /** The province's scorecards (every head side by side) for this year as of today, from the kept cards: median of 3. */
    scorecardsMs: number;
    /** The nightly's card step the first night (no cards yet: every head counted in full), then the next night (each card moved one day). */
    firstCardsMs: number;
    nightlyCardsMs: number;
    /** Records received today, after the last night closed (what the read moves each card over). */
    receivedToday: number;
    heads: number;
  }[];
  rebuildRatio: number;
  scorecardsRatio: number;
}

const DAY_MS = 86_400_000;
const HEADS = 159;

/** A garbage collection on demand, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A campaign of `records` visits over the two years up to now, as the store lays them out: each
 * visit's change entries with their head's year trail key, a fifth corrected once (some moved to
 * another day, over the new year too, some handed to another head of the county), with the markers
 * those corrections leave. As production has it when a scorecard is read: all but ~1 % received
 * before the last night's end, that 1 % today. Only change entries: neither the scorecard nor the
 * rebuild reads records.
 */
export function campaign(records: number, seed: number, today: string, now: number): { items: Record<string, unknown>[]; receivedToday: number } {
  const rnd = seededRandom(seed);
  const kind = kindNamed('visit')!;
  const items: Record<string, unknown>[] = [];
  const first = Date.parse(`${Number(today.slice(0, 4)) - 1}-01-01T00:00:00+08:00`);
  const midnight = Date.parse(`${today}T00:00:00+08:00`);
  const span = midnight - first;
  let receivedToday = 0;
  for (let i = 0; i < records; i++) {
    const head = rnd.int(HEADS);
    const todays = rnd.chance(0.01);
    if (todays) receivedToday++;
    const received = todays ? midnight + rnd.int(Math.max(1, now - midnight)) : first + rnd.int(span);
    const date = beijingDate(received - rnd.int(3) * DAY_MS);
    const at = new Date(received).toISOString();
    const v1: Visit = {
      id: `hist-${i}`, ministerId: `m-hist-${head}`, date,
      branch: { name: `支部${rnd.int(100)}`, type: rnd.chance(0.9) ? 'village' : 'community', countyCode: COUNTY_CODES[head % COUNTY_CODES.length] },
      sessions: ['party_lecture'], symposiums: 1, participants: 10 + rnd.int(30),
      suggestions: [{ id: `s-${i}`, text: '建议', channel: 'symposium', status: rnd.pick(['pending', 'answered', 'resolved'] as const) }],
      status: 'submitted', review: { state: 'received' }, version: 1, createdAt: at, updatedAt: at,
    };
    const changes: ChangeEntry<Visit>[] = [{ version: 1, action: 'create', at, by: 'bench', requestId: 'bench', before: null, after: v1 }];
    if (rnd.chance(0.2)) {
      const later = Math.min(received + rnd.int(30 * DAY_MS), todays ? now : first + span);
      const roll = rnd.next();
      // Heads are spread over the counties in turn: the next of the same county, if there is one.
      const other = head + COUNTY_CODES.length < HEADS ? `m-hist-${head + COUNTY_CODES.length}` : undefined;
      const v2: Visit = {
        ...v1, version: 2, updatedAt: new Date(later).toISOString(), participants: v1.participants + 1,
        ...(roll < 0.1 ? { date: addDays(date, -rnd.int(20)) } : roll < 0.2 && other ? { ministerId: other } : {}),
      };
      changes.push({ version: 2, action: 'correct', at: v2.updatedAt, by: 'bench', requestId: 'bench', before: v1, after: v2 });
    }
    for (const change of changes) {
      items.push({ ...changeItem(kind.name, change.after.id, change), ...changeTrailKey(kind, change) });
      const marker = leaveMarkerItem(kind, change);
      if (marker) items.push(marker);
    }
  }
  return { items, receivedToday };
}

/** A state as text, whatever the order things were added in. */
function canonical(states: RollupState): string {
  const sorted = (value: unknown): unknown => (value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]))
    : value);
  return JSON.stringify(sorted(Object.fromEntries(states)));
}

/**
 * Runs `work`, which calls `probe` after each page it folds: the heap is collected there and read, so
 * the figure is what the work holds (its live set), not garbage waiting for a collection. Its peak
 * above the heap collected before the work, in MB.
 */
async function peakHeap<T>(gc: () => void, work: (probe: () => void) => Promise<T>): Promise<{ result: T; peakMB: number; ms: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let probing = 0;
  const probe = () => {
    const started = performance.now();
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    probing += performance.now() - started;
  };
  const started = performance.now();
  const result = await work(probe);
  probe();
  return { result, peakMB: Math.round(((peak - base) / 1024 / 1024) * 10) / 10, ms: Math.round(performance.now() - started - probing) };
}

/**
 * For each size: write the campaign and its heads, rebuild today's figures a page at a time (peak
 * heap sampled), then the same rebuild holding every change first (as it was), then time the
 * province's scorecards for this year.
 */
export async function measureHistory(client: DynamoDBDocumentClient, sizes: readonly number[], onProgress: (message: string) => void = () => {}): Promise<HistoryFigures> {
  const gc = collector();
  const today = beijingDate();
  const year = Number(today.slice(0, 4));
  const clock = { now: () => new Date() };
  const figures: HistoryFigures['sizes'] = [];
  for (const records of sizes) {
    const tableName = `bench-history-${records}`;
    await ensureTable(client, tableName, { stream: false });
    const store = { client, tableName };
    const deps = makeRecordDeps(store, clock);
    onProgress(`${HEADS} heads and ${records} visits`);
    for (let h = 0; h < HEADS; h++) {
      await putMinister(deps, `m-hist-${h}`, { name: `部长${h}`, level: 'county', regionCode: COUNTY_CODES[h % COUNTY_CODES.length], contactBranches: [] }, undefined, { by: 'bench', requestId: 'bench' });
    }
    const { items, receivedToday } = campaign(records, records, today, Date.now());
    await writeItems(client, tableName, items);

    const rollups = rollupRepository(store);
    const end = endOfBeijingDay(today);
    const kinds = ['visit'];
    onProgress(`rebuild over ${records}, a page at a time`);
    const paged = await peakHeap(gc, async (probe) => {
      const pages = rebuilder(() => 'county');
      await rollups.pageChangesBefore(end, kinds, (segment, changes) => {
        pages.add(segment, changes);
        probe();
      });
      return pages.finish();
    });
    onProgress(`rebuild over ${records}, holding every change`);
    const whole = await peakHeap(gc, async (probe) => {
      const all: Change[] = [];
      await rollups.pageChangesBefore(end, kinds, (_, changes) => {
        all.push(...changes);
        probe();
      });
      return rebuild(all, () => 'county');
    });
    if (canonical(paged.result) !== canonical(whole.result)) throw new Error('the paged rebuild differs from the whole one');

    // The nightly's card step as it runs: the night before last counts every head in full (no cards
    // yet), last night moves each card over its day; the read then moves them over today.
    const cardDeps = { ...deps, cards: cardRepository(store) };
    onProgress(`the nightly's cards over ${records}: the first night, then the next`);
    let started = performance.now();
    await moveCards(cardDeps, addDays(today, -2));
    const firstCardsMs = Math.round(performance.now() - started);
    started = performance.now();
    await moveCards(cardDeps, addDays(today, -1));
    const nightlyCardsMs = Math.round(performance.now() - started);

    onProgress(`the province's scorecards over ${records}`);
    const times: number[] = [];
    let heads = 0;
    for (let run = 0; run < 3; run++) {
      started = performance.now();
      heads = (await regionScorecards(cardDeps, PROVINCE_CODE, year, today)).items.length;
      times.push(performance.now() - started);
    }
    figures.push({
      records, items: items.length, rebuildPeakMB: paged.peakMB, wholePeakMB: whole.peakMB, rebuildMs: paged.ms,
      scorecardsMs: Math.round(times.sort((a, b) => a - b)[1]), heads, firstCardsMs, nightlyCardsMs, receivedToday,
    });
  }
  const [small, large] = [figures[0], figures.at(-1)!];
  return {
    sizes: figures,
    rebuildRatio: Math.round((large.rebuildPeakMB / small.rebuildPeakMB) * 100) / 100,
    scorecardsRatio: Math.round((large.scorecardsMs / small.scorecardsMs) * 100) / 100,
  };
}
