import { PROVINCE_CODE, COUNTY_CODES } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import type { CardReader } from '#functions/ports/rollups.ts';
import { cardRepository } from '#functions/repositories/card-repository.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { moveCards, regionScorecards } from '#functions/use-cases/reporting/scorecard.ts';
import { ensureTable } from '#local/table.ts';
import { startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { campaign } from './history.ts';
import { writeItems } from './rollup.ts';

/**
 * The province's scorecards over a history of `records` visits (as bench/history.ts lays it out),
 * profiled: DynamoDB calls by operation and the time spent in each port method.
 *   npx tsx bench/scorecards-profile.ts [RECORDS]
 */
const records = Number(process.argv[2] ?? 100_000);
const dynamodb = await startDynamoDbLocal({});
const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' }, { requestTimeoutMs: 30_000 });
const calls = new Map<string, number>();
client.middlewareStack.add((next, context) => (args) => {
  calls.set(context.commandName ?? '?', (calls.get(context.commandName ?? '?') ?? 0) + 1);
  return next(args);
}, { step: 'initialize', name: 'countCalls' });
try {
  const tableName = `profile-${records}`;
  await ensureTable(client, tableName);
  const store = { client, tableName };
  const deps = makeRecordDeps(store, { now: () => new Date() });
  for (let h = 0; h < 159; h++) {
    await putMinister(deps, `m-hist-${h}`, { name: `部长${h}`, level: 'county', regionCode: COUNTY_CODES[h % COUNTY_CODES.length], contactBranches: [] }, undefined, { by: 'bench', requestId: 'bench' });
  }
  const today = beijingDate();
  const { items, receivedToday } = campaign(records, records, today, Date.now());
  await writeItems(client, tableName, items);
  const cardDeps = { ...deps, cards: cardRepository(store) };
  await moveCards(cardDeps, addDays(today, -2));
  await moveCards(cardDeps, addDays(today, -1));
  console.log(`${records} visits, ${receivedToday} received today`);

  // Every port method the read calls, timed (summed over concurrent calls) and counted.
  const spent = new Map<string, { n: number; ms: number }>();
  const timed = <A extends unknown[], R>(name: string, f: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const started = performance.now();
    try {
      return await f(...args);
    } finally {
      const s = spent.get(name) ?? { n: 0, ms: 0 };
      spent.set(name, { n: s.n + 1, ms: s.ms + performance.now() - started });
    }
  };
  const reader = cardDeps.cards;
  const cards: CardReader = {
    get: timed('cards.get', reader.get),
    changesReceived: timed('cards.changesReceived', reader.changesReceived),
    recordTrail: timed('cards.recordTrail', reader.recordTrail),
    versions: timed('cards.versions', reader.versions),
  };
  const profiled = {
    ...cardDeps, cards,
    ministers: { ...deps.ministers, list: timed('ministers.list', deps.ministers.list.bind(deps.ministers)) },
    branches: { ...deps.branches, get: timed('branches.get', deps.branches.get.bind(deps.branches)) },
    records: { ...deps.records, trail: timed('records.trail', deps.records.trail.bind(deps.records)) },
  };
  for (let run = 0; run < 3; run++) {
    calls.clear();
    spent.clear();
    const started = performance.now();
    await regionScorecards(profiled, PROVINCE_CODE, Number(today.slice(0, 4)), today);
    console.log(`run ${run + 1}: ${Math.round(performance.now() - started)} ms; calls ${JSON.stringify(Object.fromEntries(calls))}`);
    for (const [name, { n, ms }] of spent) console.log(`  ${name}: ${n} calls, ${Math.round(ms)} ms summed`);
  }
} finally {
  client.destroy();
  await dynamodb.stop();
}
