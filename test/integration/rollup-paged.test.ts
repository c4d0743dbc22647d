import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ALL_REGIONS, COUNTY_CODES } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import type { Visit } from '#schemas/kinds/visit.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { changeItem } from '#functions/adapters/record-store.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { totalsOf } from '#functions/rollup/figures.ts';
import { type Change, rebuild } from '#functions/rollup/fold.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { seededRandom } from '#local/random.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The rebuild folds a scan page at a time, trusting DynamoDB to hand a record's changes together and
 * in version order within a segment. Here the history is large enough (about 18 MB of change
 * entries) for every segment to come in several 1 MB pages, so records are cut between pages: the
 * rebuild through DynamoDB Local must equal counting every record's latest version at once.
 */
const DAY = '2026-11-10';
const RECORDS = 2400;

let store: StoreDeps;
const changes: Change[] = [];

beforeAll(async () => {
  store = { client: createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }, { requestTimeoutMs: 30_000 }), tableName: await createTestTable() };
  const rnd = seededRandom(22);
  const items: Record<string, unknown>[] = [];
  // The last records land on the day rebuilt itself (its own changes, for what it restated).
  const start = Date.parse(`${DAY}T12:00:00+08:00`) - RECORDS * 600_000;
  for (let i = 0; i < RECORDS; i++) {
    const at = (n: number) => new Date(start + i * 600_000 + n * 60_000).toISOString();
    // Notes that make each entry weigh about 3 KB (before and after), so segments run to several pages.
    let before: Visit | null = null;
    const versions = 1 + rnd.int(3);
    for (let version = 1; version <= versions; version++) {
      const after: Visit = {
        id: `paged-${i}`, ministerId: `m-${rnd.int(40)}`, date: at(0).slice(0, 10),
        branch: { name: `支部${rnd.int(200)}`, type: rnd.chance(0.8) ? 'village' : 'community', countyCode: rnd.pick(COUNTY_CODES) },
        sessions: ['party_lecture'], symposiums: 1, participants: 5 + rnd.int(40), notes: '记'.repeat(500),
        suggestions: [{ id: `s-${i}`, text: '建议', channel: 'symposium', status: rnd.pick(['pending', 'answered', 'resolved'] as const) }],
        status: version === 3 && rnd.chance(0.5) ? 'withdrawn' : 'submitted', review: { state: 'received' }, version, createdAt: at(0), updatedAt: at(version),
      };
      const change = { version, action: version === 1 ? 'create' : 'correct', at: at(version), by: 'test', requestId: 'r', before, after } as const;
      items.push(changeItem('visit', after.id, change));
      changes.push({ kind: 'visit', recordId: after.id, version, at: change.at, before, after });
      before = after;
    }
  }
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const res = await store.client.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }));
      requests = (res.UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
    }
  }
}, 120_000);
afterAll(() => store?.client.destroy());

describe('the rebuild, a page at a time against DynamoDB Local', () => {
  it('reads every segment in several pages, cutting records between them', async () => {
    const pages = new Map<number, number>();
    let entries = 0;
    await rollupRepository(store).pageChangesBefore('9999', ['visit'], (segment, page) => {
      pages.set(segment, (pages.get(segment) ?? 0) + 1);
      entries += page.length;
    });
    expect(entries).toBe(changes.length);
    expect(Math.min(...pages.values())).toBeGreaterThan(2);
  });

  it('gives every region what counting each record\'s latest version at once gives', async () => {
    const clock = { now: () => new Date(`${DAY}T23:30:00+08:00`) };
    const outcome = await runRollup({ rollups: rollupRepository(store), clock }, DAY, { rebuild: true });
    const ofTheDay = changes.filter((c) => beijingDate(Date.parse(c.at)) === DAY).length;
    expect(ofTheDay).toBeGreaterThan(100);
    expect(outcome.days).toEqual([{ date: DAY, provisional: true, changes: ofTheDay }]);
    const whole = rebuild(changes, () => 'county');
    for (const region of ALL_REGIONS) {
      const snapshot = await rollupRepository(store).snapshot(region.code, DAY);
      expect(snapshot?.totals, region.code).toEqual(totalsOf(whole.get(region.code), DAY));
    }
    expect(outcome.province.totals.byMinisterLevel.county.participants).toBeGreaterThan(RECORDS * 10);
  }, 120_000);
});
