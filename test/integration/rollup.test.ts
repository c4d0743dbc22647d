import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { ministerRepository } from '#functions/repositories/minister-repository.ts';
import { visitRepository } from '#functions/repositories/visit-repository.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { createVisit } from '#functions/use-cases/visits/create-visit.ts';
import { correctVisit } from '#functions/use-cases/visits/correct-visit.ts';
import { withdrawVisit } from '#functions/use-cases/visits/withdraw-visit.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { visitInputSchema } from '#schemas/visit.ts';
import { createTestTable } from './support/local-stack.ts';

/** A clock fixed at a Beijing wall-clock time. */
const at = (beijing: string) => ({ now: () => new Date(`${beijing}+08:00`) });
const actor = { by: 'test', requestId: 'r' };

let deps: ReturnType<typeof wire>;
function wire(tableName: string) {
  const storeDeps = { client: createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }), tableName };
  const ministers = ministerRepository(storeDeps);
  return { storeDeps, ministers, visits: visitRepository(storeDeps, ministers), rollups: rollupRepository(storeDeps) };
}

const visit = (countyCode: string, ministerId: string, extra: Record<string, unknown> = {}) =>
  visitInputSchema.parse({
    id: randomUUID(), ministerId, date: '2026-11-01',
    branch: { name: `${countyCode}村党支部`, type: 'village', countyCode },
    sessions: ['party_lecture'], symposiums: 1, participants: 20,
    suggestions: [{ id: randomUUID(), text: '建议', channel: 'symposium', status: 'pending' }, { id: randomUUID(), text: '建议', channel: 'interview', status: 'answered' }],
    ...extra,
  });

/** Three Beijing days of activity: creations, a correction (moving county), a withdrawal, a late change. */
async function campaign() {
  await putMinister({ ministers: deps.ministers, clock: at('2026-11-01T08:00:00') }, 'm-630102', { name: '甲', level: 'county', regionCode: '630102' }, undefined, actor);
  await putMinister({ ministers: deps.ministers, clock: at('2026-11-01T08:00:00') }, 'm-632600', { name: '乙', level: 'prefecture', regionCode: '632600' }, undefined, actor);
  const day1 = { visits: deps.visits, clock: at('2026-11-01T23:59:00') };
  const a = (await createVisit(day1, visit('630102', 'm-630102'), actor)).visit;
  // Reported late: a visit of October, received on 1 November (a restatement of October).
  const b = (await createVisit(day1, visit('632621', 'm-632600', { date: '2026-10-30' }), actor)).visit;
  const day2 = { visits: deps.visits, clock: at('2026-11-02T00:01:00') };
  await correctVisit(day2, a.id, { participants: 35, branch: { ...a.branch, countyCode: '630103' } }, 1, actor);
  await createVisit(day2, visit('632621', 'm-632600', { symposiums: 3 }), actor);
  const day3 = { visits: deps.visits, clock: at('2026-11-03T12:00:00') };
  await withdrawVisit(day3, b.id, 1, actor);
}

beforeAll(async () => {
  deps = wire(await createTestTable());
  await campaign();
});
afterAll(() => deps?.storeDeps.client.destroy());

describe('rollup against DynamoDB Local', () => {
  it('gives each day the figures received by its end, closing ended days, catching up missed nights', async () => {
    const later = { rollups: deps.rollups, clock: at('2026-11-05T01:00:00') };
    const day1 = await runRollup(later, '2026-11-01');
    expect(day1.province.totals).toMatchObject({ ministers: 2, sessions: 2, symposiums: 2, participants: 40, suggestions: 4, suggestionsAnsweredOrResolved: 2 });
    expect(day1.province.provisional).toBe(false);
    expect(day1.province.restatedMonths).toEqual(['2026-10']);

    // Day 2 was never run on its own: the day-3 run folds day 2 and day 3.
    const day3 = await runRollup(later, '2026-11-03');
    expect(day3.days.map((d) => [d.date, d.changes])).toEqual([['2026-11-02', 2], ['2026-11-03', 1]]);
    expect(day3.province.totals).toMatchObject({ ministers: 2, sessions: 2, symposiums: 4, participants: 55, branchesVisited: { village: 2, community: 0 } });
    expect(day3.province.totals.byMinisterLevel.county.participants).toBe(35);
    const xining = day3.province.children.find((c) => c.region.code === '630100')!;
    expect(xining.totals.participants).toBe(35);
    expect((await deps.rollups.snapshot('630103', '2026-11-03'))?.totals.participants).toBe(35);
    expect((await deps.rollups.snapshot('630102', '2026-11-03'))?.totals.participants).toBe(0);

    // Day 3 withdrew October's visit b: 20 participants and one symposium fewer than day 2, a restatement of October in Golog only.
    expect(day3.province.sincePrevious).toEqual({
      asOf: '2026-11-02',
      figures: { ministers: 0, sessions: -1, symposiums: -1, participants: -20, suggestions: -2, suggestionsAnsweredOrResolved: -1 },
    });
    expect(day3.province.restatedMonths).toEqual(['2026-10']);
    expect((await deps.rollups.snapshot('632600', '2026-11-03'))?.restatedMonths).toEqual(['2026-10']);
    expect((await deps.rollups.snapshot('630100', '2026-11-03'))?.restatedMonths).toEqual([]);
  });

  it('is idempotent on a closed day, and a full rebuild gives the incremental figures', async () => {
    const later = { rollups: deps.rollups, clock: at('2026-11-05T02:00:00') };
    const incremental = await deps.rollups.snapshot('630000', '2026-11-03');
    const again = await runRollup(later, '2026-11-03');
    expect(again.days).toEqual([]);
    expect(again.province).toEqual(incremental);
    const rebuilt = await runRollup(later, '2026-11-03', { rebuild: true });
    expect(rebuilt.province.totals).toEqual(incremental?.totals);
    expect(rebuilt.province.children).toEqual(incremental?.children);
    expect(rebuilt.province.sincePrevious).toEqual(incremental?.sincePrevious);
    expect(rebuilt.province.restatedMonths).toEqual(incremental?.restatedMonths);
  });

  it('marks a day under way provisional and replaces it on the next run', async () => {
    const sameDay = { rollups: deps.rollups, clock: at('2026-11-06T10:00:00') };
    const first = await runRollup(sameDay, '2026-11-06');
    expect(first.province.provisional).toBe(true);
    await createVisit({ visits: deps.visits, clock: at('2026-11-06T11:00:00') }, visit('632801', 'm-632600'), actor);
    const second = await runRollup({ rollups: deps.rollups, clock: at('2026-11-06T12:00:00') }, '2026-11-06');
    expect(second.province.totals.participants).toBe(first.province.totals.participants + 20);
    expect(await deps.rollups.isClosed('2026-11-06')).toBe(false);
    await expect(runRollup(sameDay, '2026-11-07')).rejects.toThrow(/has not begun/);
  });

  it('leaves a day open when a run dies halfway through closing it, and the next run gives the identical snapshot', async () => {
    // (Days up to 11-05 were closed by the catch-up in the tests above; 11-06 is still open.)
    const later = { rollups: deps.rollups, clock: at('2026-11-10T01:00:00') };
    const clean = await runRollup(later, '2026-11-07');
    // A run of the next day that dies after writing part of its snapshots, before the closed-day marker.
    const dying = {
      ...later,
      rollups: { ...deps.rollups, closeDay: async (_: string, __: unknown, snapshots: Parameters<typeof deps.rollups.putProvisional>[0]) => {
        await deps.rollups.putProvisional(snapshots.slice(0, 10).map((s) => ({ ...s, totals: { ...s.totals, participants: -1 } })));
        throw new Error('killed');
      } },
    };
    await expect(runRollup(dying, '2026-11-08')).rejects.toThrow('killed');
    expect(await deps.rollups.isClosed('2026-11-08')).toBe(false);
    const rerun = await runRollup(later, '2026-11-08');
    expect(rerun.days.map((d) => d.date)).toEqual(['2026-11-08']);
    const rebuilt = await runRollup(later, '2026-11-08', { rebuild: true });
    expect(rerun.province.totals).toEqual(rebuilt.province.totals);
    expect(rerun.province.totals).toEqual(clean.province.totals);
    expect((await deps.rollups.snapshot('630000', '2026-11-08'))?.totals.participants).toBe(clean.province.totals.participants);
  });
});
