import { beforeAll, describe, expect, inject, it } from 'vitest';
import { reviewStateOf } from '#schemas/form.ts';
import { visitForm, visitKind } from '#schemas/kinds/visit.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { seededRandom } from '#local/random.ts';
import { DUPLICATE_CONFIRMED, DUPLICATE_DISTINCT, type SeededRecord, seedReviews } from '#local/seed-reviews.ts';
import { SAMPLES } from '../support/samples.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The demo seed reviews what it wrote as a department would: most records approved, a few returned
 * or flagged with the reviewer's reasons, most suspected duplicates settled; and a second run
 * leaves every decision as it was.
 */
const actor = { by: 'seed', requestId: 'seed' };
const DAY = 86_400_000;
const start = Date.parse('2026-10-01T10:00:00+08:00');
const yesterday = Date.parse('2026-11-20T12:00:00+08:00');

let deps: RecordDeps;
const made: SeededRecord[] = [];

beforeAll(async () => {
  const tableName = await createTestTable();
  const storeDeps = { client: createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }), tableName };
  deps = makeRecordDeps(storeDeps, { now: () => new Date(start) });
  await putMinister(deps, 'm-630102-01', { name: '王建国', level: 'county', regionCode: '630102', contactBranches: [] }, undefined, actor);
  for (let i = 0; i < 120; i++) {
    const received = start + (i % 40) * DAY;
    const body = visitForm.schemas.input.parse(SAMPLES.visit.valid({ ministerId: 'm-630102-01', countyCode: '630102', date: new Date(received).toISOString().slice(0, 10) }));
    await createRecord({ ...deps, clock: { now: () => new Date(received) } }, visitKind, body, actor);
    made.push({ kind: visitKind, id: body.id, received });
    if (i % 6 === 0) {
      // Sent again the same evening: a suspected duplicate of the first.
      const again = { ...body, id: crypto.randomUUID(), suggestions: [] };
      const repeat = await createRecord({ ...deps, clock: { now: () => new Date(received + 7 * 3_600_000) } }, visitKind, again, actor);
      expect(repeat.record?.duplicateOf).toBe(body.id);
      made.push({ kind: visitKind, id: again.id, received: received + 7 * 3_600_000, duplicate: true });
    }
  }
}, 120_000);

/** Each made record as stored, read 16 at a time: hundreds of reads at once time out on DynamoDB Local while the whole suite runs. */
async function storedOf<T>(each: (m: (typeof made)[number]) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < made.length; i += 16) out.push(...(await Promise.all(made.slice(i, i + 16).map(each))));
  return out;
}

describe('the seed reviews what it wrote', () => {
  it('approves most, returns or flags a few with reasons, settles most duplicates, after each record arrived', async () => {
    const counts = await seedReviews(deps, seededRandom(7), yesterday, made, () => {});
    const stored = await storedOf(async (m) => ({ m, record: (await deps.records.get(visitKind, m.id))!.record }));
    const ordinary = stored.filter(({ m }) => !m.duplicate);
    const duplicates = stored.filter(({ m }) => m.duplicate);
    const share = (list: typeof stored, state: string) => list.filter(({ record }) => reviewStateOf(record) === state).length / list.length;

    expect(share(ordinary, 'approved')).toBeGreaterThan(0.6);
    expect(share(ordinary, 'received')).toBeGreaterThan(0.02);
    expect(share(ordinary, 'received')).toBeLessThan(0.3);
    const decidedAgainst = ordinary.filter(({ record }) => ['rejected', 'has_issues'].includes(reviewStateOf(record)));
    expect(decidedAgainst.length).toBeGreaterThan(0);
    for (const { record } of decidedAgainst) expect(record.review?.comment).toMatch(/\S{4,}/);

    const settled = duplicates.filter(({ record }) => reviewStateOf(record) !== 'received');
    expect(settled.length / duplicates.length).toBeGreaterThan(0.5);
    for (const { record } of settled) {
      expect(record.review?.comment).toBe(reviewStateOf(record) === 'rejected' ? DUPLICATE_CONFIRMED : DUPLICATE_DISTINCT);
    }
    for (const { m, record } of stored.filter(({ record }) => record.review?.at)) {
      expect(Date.parse(record.review!.at!)).toBeGreaterThan(m.received);
      expect(Date.parse(record.review!.at!)).toBeLessThanOrEqual(yesterday);
    }
    expect(counts.approved + counts.has_issues + counts.rejected + counts.received).toBe(made.length);
  });

  it('leaves every record as it was when run again with the same seed', async () => {
    const before = await storedOf(async (m) => (await deps.records.get(visitKind, m.id))!.record.version);
    const again = await seedReviews(deps, seededRandom(7), yesterday, made, () => {});
    const after = await storedOf(async (m) => (await deps.records.get(visitKind, m.id))!.record.version);
    expect(after).toEqual(before);
    expect(again.approved + again.has_issues + again.rejected).toBe(0);
  });
});
