import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COUNTY_CODES } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import type { Visit } from '#schemas/kinds/visit.ts';
import { changeItem } from '#functions/adapters/record-store.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { ensureTable } from '#local/table.ts';
import { seededRandom } from '#local/random.ts';

export interface RollupFigures {
  /** Nightly run for one day of `dayChanges` changes, by size of the history beneath it. */
  nightly: { history: number; dayChanges: number; ms: number }[];
  nightlyRatio: number;
  /** The full rebuild over the larger history. */
  rebuild: { records: number; ms: number; recordsPerSecond: number };
}

const DAY_MS = 86_400_000;
const HEADS = Array.from({ length: 159 }, (_, i) => `m-bench-${i}`);

/** History: visit creations spread over the 100 days before `lastDay`, as the store writes them. */
function changeFor(rnd: ReturnType<typeof seededRandom>, i: number, at: string): Record<string, unknown> {
  const countyCode = rnd.pick(COUNTY_CODES);
  const visit: Visit = {
    id: `bench-${i}`, ministerId: rnd.pick(HEADS), date: at.slice(0, 10),
    branch: { name: `支部${rnd.int(100)}`, type: rnd.chance(0.9) ? 'village' : 'community', countyCode },
    sessions: ['party_lecture'], symposiums: 1, participants: 10 + rnd.int(30),
    suggestions: [{ id: `s-${i}`, text: '建议', channel: 'symposium', status: rnd.pick(['pending', 'answered', 'resolved'] as const) }],
    status: 'submitted', review: { state: 'received' }, version: 1, createdAt: at, updatedAt: at,
  };
  return changeItem('visit', visit.id, { version: 1, action: 'create', at, by: 'bench', requestId: 'bench', before: null, after: visit });
}

/** Writes items 25 at a time with 16 requests in flight (DynamoDB Local's sweet spot here). */
export async function writeItems(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++].map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const res = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (res.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/**
 * For each history size: write the history, close the day before with a full rebuild (timed: the
 * rebuild throughput), add one day of `dayChanges` new visits, and time that day's nightly run.
 */
export async function measureRollup(
  client: DynamoDBDocumentClient, histories: readonly number[], dayChanges = 1000,
  onProgress: (message: string) => void = () => {},
): Promise<RollupFigures> {
  const today = beijingDate();
  const day = addDays(today, -2);
  const dayBefore = addDays(day, -1);
  const clock = { now: () => new Date() };
  const nightly: RollupFigures['nightly'] = [];
  let rebuildFigure: RollupFigures['rebuild'] | undefined;
  // An unreported first round, so neither measured size pays the process's warm-up (JIT, connections).
  const rounds = [{ history: 1000, report: false }, ...histories.map((history) => ({ history, report: true }))];
  for (const [round, { history, report }] of rounds.entries()) {
    const tableName = `bench-rollup-${round}-${history}`;
    await ensureTable(client, tableName, { stream: false });
    const rnd = seededRandom(history);
    const end = Date.parse(`${dayBefore}T20:00:00+08:00`);
    onProgress(`writing ${history} records of history`);
    await writeItems(client, tableName, Array.from({ length: history }, (_, i) => changeFor(rnd, i, new Date(end - rnd.int(100 * DAY_MS)).toISOString())));
    const deps = { rollups: rollupRepository({ client, tableName }), clock };
    onProgress(`full rebuild over ${history}`);
    const rebuildStart = performance.now();
    await runRollup(deps, dayBefore, { rebuild: true });
    const rebuildMs = performance.now() - rebuildStart;
    if (report) rebuildFigure = { records: history, ms: Math.round(rebuildMs), recordsPerSecond: Math.round(history / (rebuildMs / 1000)) };
    const dayStart = Date.parse(`${day}T08:00:00+08:00`);
    await writeItems(client, tableName, Array.from({ length: dayChanges }, (_, i) => changeFor(rnd, history + i, new Date(dayStart + i * 30_000).toISOString())));
    onProgress(`nightly run over ${history}`);
    const started = performance.now();
    const outcome = await runRollup(deps, day);
    if (outcome.days.length !== 1 || outcome.days[0].changes !== dayChanges) throw new Error(`unexpected rollup outcome ${JSON.stringify(outcome.days)}`);
    if (report) nightly.push({ history, dayChanges, ms: Math.round(performance.now() - started) });
  }
  return {
    nightly,
    nightlyRatio: Math.round((nightly.at(-1)!.ms / nightly[0].ms) * 100) / 100,
    rebuild: rebuildFigure!,
  };
}
