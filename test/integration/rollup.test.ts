import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { COUNTY_CODES } from '#schemas/regions.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { rollupRepository, type RollupRepository } from '#functions/repositories/rollup-repository.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { correctRecord, reviewRecord, withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { createTestTable } from './support/local-stack.ts';

/** A clock fixed at a Beijing wall-clock time. */
const at = (beijing: string) => ({ now: () => new Date(`${beijing}+08:00`) });
const actor = { by: 'test', requestId: 'r' };

/** One table, and the use cases over it at a given Beijing time. */
function wire(tableName: string) {
  const storeDeps: StoreDeps = {
    client: createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }), tableName,
  };
  const depsAt = (beijing: string) => makeRecordDeps(storeDeps, at(beijing));
  return {
    storeDeps,
    rollups: rollupRepository(storeDeps),
    minister: (beijing: string, id: string, level: 'province' | 'prefecture' | 'county', regionCode: string) =>
      putMinister(depsAt(beijing), id, { name: id, level, regionCode, contactBranches: [] }, undefined, actor),
    async create<T extends FormRecord = FormRecord & Record<string, unknown>>(beijing: string, kind: string, body: Record<string, unknown>): Promise<T> {
      const entry = kindNamed(kind)!;
      return (await createRecord(depsAt(beijing), entry, entry.form.schemas.input.parse(body) as never, actor)).record as T;
    },
    correct: (beijing: string, kind: string, record: FormRecord, patch: Record<string, unknown>) =>
      correctRecord(depsAt(beijing), kindNamed(kind)!, { id: record.id, patch: kindNamed(kind)!.form.schemas.patch.parse(patch) as Record<string, unknown>, expectedVersion: record.version, actor }),
    withdraw: (beijing: string, kind: string, record: FormRecord) => withdrawRecord(depsAt(beijing), kindNamed(kind)!, { id: record.id, expectedVersion: record.version, actor }),
    review: (beijing: string, kind: string, record: FormRecord, state: 'approved' | 'has_issues' | 'rejected', comment?: string) =>
      reviewRecord(depsAt(beijing), kindNamed(kind)!, { id: record.id, review: { state, comment }, expectedVersion: record.version, actor }),
  };
}

type Wired = ReturnType<typeof wire>;
type Rec = FormRecord & Record<string, unknown>;

const visit = (countyCode: string, ministerId: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(), ministerId, date: '2026-11-01',
  branch: { name: `${countyCode}村党支部`, type: 'village', countyCode },
  sessions: ['party_lecture'], symposiums: 1, participants: 20,
  suggestions: [{ id: randomUUID(), text: '建议', channel: 'symposium', status: 'pending' }, { id: randomUUID(), text: '建议', channel: 'interview', status: 'answered' }],
  ...extra,
});

describe('rollup against DynamoDB Local', () => {
  let w: Wired;
  let rollups: RollupRepository;

  /** Three Beijing days of activity: creations, a correction (moving county), a withdrawal, a late change. */
  beforeAll(async () => {
    w = wire(await createTestTable());
    rollups = w.rollups;
    await w.minister('2026-11-01T08:00:00', 'm-630102', 'county', '630102');
    await w.minister('2026-11-01T08:00:00', 'm-630103', 'county', '630103');
    await w.minister('2026-11-01T08:00:00', 'm-632600', 'prefecture', '632600');
    const a = await w.create<Rec>('2026-11-01T23:59:00', 'visit', visit('630102', 'm-630102'));
    // Reported late: a visit of October, received on 1 November (a restatement of October).
    const b = await w.create<Rec>('2026-11-01T23:59:00', 'visit', visit('632621', 'm-632600', { date: '2026-10-30' }));
    // Moved to another county, it is handed to that county's head (a head's records lie in their region).
    await w.correct('2026-11-02T00:01:00', 'visit', a, { participants: 35, branch: { ...(a.branch as object), countyCode: '630103' }, ministerId: 'm-630103' });
    await w.create('2026-11-02T00:01:00', 'visit', visit('632621', 'm-632600', { symposiums: 3 }));
    await w.withdraw('2026-11-03T12:00:00', 'visit', b);
  });
  afterAll(() => w?.storeDeps.client.destroy());

  it('gives each day the figures received by its end, closing ended days, catching up missed nights', async () => {
    const later = { rollups, clock: at('2026-11-05T01:00:00') };
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
    expect((await rollups.snapshot('630103', '2026-11-03'))?.totals.participants).toBe(35);
    expect((await rollups.snapshot('630102', '2026-11-03'))?.totals.participants).toBe(0);

    // Day 3 withdrew October's visit b: 20 participants and one symposium fewer than day 2, a restatement of October in Golog only.
    expect(day3.province.sincePrevious).toEqual({
      asOf: '2026-11-02',
      figures: { ministers: 0, sessions: -1, symposiums: -1, participants: -20, suggestions: -2, suggestionsAnsweredOrResolved: -1 },
    });
    expect(day3.province.restatedMonths).toEqual(['2026-10']);
    expect((await rollups.snapshot('632600', '2026-11-03'))?.restatedMonths).toEqual(['2026-10']);
    expect((await rollups.snapshot('630100', '2026-11-03'))?.restatedMonths).toEqual([]);
  });

  it('is idempotent on a closed day, and a full rebuild gives the incremental figures', async () => {
    const later = { rollups, clock: at('2026-11-05T02:00:00') };
    const incremental = await rollups.snapshot('630000', '2026-11-03');
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
    const sameDay = { rollups, clock: at('2026-11-06T10:00:00') };
    const first = await runRollup(sameDay, '2026-11-06');
    expect(first.province.provisional).toBe(true);
    await w.create('2026-11-06T11:00:00', 'visit', visit('632622', 'm-632600'));
    const second = await runRollup({ rollups, clock: at('2026-11-06T12:00:00') }, '2026-11-06');
    expect(second.province.totals.participants).toBe(first.province.totals.participants + 20);
    expect(await rollups.isClosed('2026-11-06')).toBe(false);
    await expect(runRollup(sameDay, '2026-11-07')).rejects.toThrow(/has not begun/);
  });

  it('leaves a day open when a run dies halfway through closing it, and the next run gives the identical snapshot', async () => {
    // (Days up to 11-05 were closed by the catch-up in the tests above; 11-06 is still open.)
    const later = { rollups, clock: at('2026-11-10T01:00:00') };
    const clean = await runRollup(later, '2026-11-07');
    // A run of the next day that dies after writing part of its snapshots, before the closed-day marker.
    const dying = {
      ...later,
      rollups: { ...rollups, closeDay: async (_: string, __: unknown, snapshots: Parameters<typeof rollups.putProvisional>[0]) => {
        await rollups.putProvisional(snapshots.slice(0, 10).map((s) => ({ ...s, totals: { ...s.totals, participants: -1 } })), new Map());
        throw new Error('killed');
      } },
    };
    await expect(runRollup(dying, '2026-11-08')).rejects.toThrow('killed');
    expect(await rollups.isClosed('2026-11-08')).toBe(false);
    const rerun = await runRollup(later, '2026-11-08');
    expect(rerun.days.map((d) => d.date)).toEqual(['2026-11-08']);
    const rebuilt = await runRollup(later, '2026-11-08', { rebuild: true });
    expect(rerun.province.totals).toEqual(rebuilt.province.totals);
    expect(rerun.province.totals).toEqual(clean.province.totals);
    expect((await rollups.snapshot('630000', '2026-11-08'))?.totals.participants).toBe(clean.province.totals.participants);
  });
});

describe('rollup of every kind against DynamoDB Local', () => {
  let w: Wired;
  let rollups: RollupRepository;
  const later = () => ({ rollups, clock: at('2026-11-20T01:00:00') });
  const snapshot = async (region: string, date: string) => (await rollups.snapshot(region, date))!;
  const records: Record<string, Rec> = {};
  const village = { name: '东关村党支部', type: 'village', countyCode: '630102' };

  /**
   * 11 Nov: visit a, its suspected duplicate b, report r, problems p (deadline 12 Nov) and q (from
   * inspection i's finding), a mechanism for the whole of 西宁市, a training, a model nomination.
   * 12 Nov: r rejected, b approved as a distinct visit, p rectifying, the model approved.
   * 13 Nov: nothing (p falls overdue). 14 Nov: p rectified, the mechanism withdrawn.
   */
  beforeAll(async () => {
    w = wire(await createTestTable());
    rollups = w.rollups;
    await w.minister('2026-11-10T08:00:00', 'm-630102', 'county', '630102');
    await w.minister('2026-11-10T08:00:00', 'm-630100', 'prefecture', '630100');
    await w.minister('2026-11-10T08:00:00', 'm-630000', 'province', '630000');
    const d1 = '2026-11-11T10:00:00';
    const base = { ministerId: 'm-630102', date: '2026-11-11', branch: village, sessions: ['party_lecture'], symposiums: 1, suggestions: [] };
    records.a = await w.create(d1, 'visit', { ...base, id: randomUUID(), participants: 20 });
    records.b = await w.create(d1, 'visit', { ...base, id: randomUUID(), participants: 15 });
    records.r = await w.create(d1, 'report', {
      id: randomUUID(), ministerId: 'm-630100', date: '2026-11-11', title: '调研', branches: [{ ...village, countyCode: '630103' }],
      highlights: '有', weakSpots: '有', remedies: '有',
    });
    const problem = { ministerId: 'm-630102', description: '记录不全', category: 'organizational_life', foundOn: '2026-11-11', responsible: { unit: '村党支部' } };
    records.p = await w.create(d1, 'problem', { ...problem, id: randomUUID(), branch: village, foundBy: { source: 'visit', id: records.a.id }, deadline: '2026-11-12' });
    const finding = randomUUID();
    records.i = await w.create(d1, 'inspection', {
      id: randomUUID(), ministerId: 'm-630000', type: 'special', methods: ['ask', 'check'], regionCode: '630000', date: '2026-11-11',
      findings: [{ id: finding, text: '会议记录不规范' }, { id: randomUUID(), text: '党费收缴不及时' }],
    });
    // Opening q links it from the inspection's finding: the inspection gains a version (a change that counts nothing new).
    records.q = await w.create(d1, 'problem', {
      ...problem, ministerId: 'm-630000', id: randomUUID(), branch: { ...village, countyCode: '632621' }, foundBy: { source: 'inspection', id: records.i.id, findingId: finding }, deadline: '2026-11-20',
    });
    records.m = await w.create(d1, 'mechanism', {
      id: randomUUID(), ministerId: 'm-630100', title: '党员积分管理办法', area: 'member_management', regionCode: '630100', adoptedOn: '2026-11-11', summary: '积分',
    });
    records.t = await w.create(d1, 'training', {
      id: randomUUID(), ministerId: 'm-630102', date: '2026-11-11', branch: village, topic: '如何开好组织生活会', format: 'lecture', trained: 12,
    });
    records.x = await w.create(d1, 'model', {
      id: randomUUID(), ministerId: 'm-630000', nominee: { type: 'branch', name: '示范村党支部', countyCode: '632621' }, date: '2026-11-11', reason: '有',
    });

    const d2 = '2026-11-12T10:00:00';
    await w.review(d2, 'report', records.r, 'rejected', '内容与本次调研无关');
    await w.review(d2, 'visit', records.b, 'approved');
    records.p = (await w.correct(d2, 'problem', records.p, { status: 'rectifying' })) as Rec;
    await w.correct(d2, 'model', records.x, { status: 'approved' });
    const d4 = '2026-11-14T10:00:00';
    await w.correct(d4, 'problem', records.p, { status: 'rectified', evidence: '已补齐记录', rectifiedOn: '2026-11-14' });
    await w.withdraw(d4, 'mechanism', records.m);
  });
  afterAll(() => w?.storeDeps.client.destroy());

  it('reads the changes of every kind, and counts a suspected duplicate once until staff approve it', async () => {
    expect(records.b.duplicateOf).toBe(records.a.id);
    const day1 = await runRollup(later(), '2026-11-11');
    // a, b, r, p, i, i's link, q, m, t, x.
    expect(day1.days).toEqual([{ date: '2026-11-11', provisional: false, changes: 10 }]);
    expect(day1.province.totals).toMatchObject({
      ministers: 1, sessions: 1, participants: 20, branchesVisited: { village: 1, community: 0 },
      reports: 1, problems: { open: 2, rectifying: 0, rectified: 0, overdue: 0 }, trainings: 1, peopleTrained: 12,
      mechanisms: 1, models: { nominated: 1, approved: 0 }, inspections: 1, inspectionFindings: 2,
    });
    const day2 = await runRollup(later(), '2026-11-12');
    expect(day2.province.totals).toMatchObject({ ministers: 1, sessions: 2, participants: 35, branchesVisited: { village: 1, community: 0 } });
    expect((await snapshot('630102', '2026-11-12')).totals.byMinisterLevel.county.participants).toBe(35);
  });

  it('stops counting a rejected record from the next rollup on', async () => {
    expect((await snapshot('630103', '2026-11-11')).totals.reports).toBe(1);
    expect((await snapshot('630103', '2026-11-12')).totals.reports).toBe(0);
    expect((await snapshot('630000', '2026-11-12')).totals).toMatchObject({ reports: 0, models: { nominated: 0, approved: 1 } });
  });

  it('counts problems by status, overdue from the day after their deadline', async () => {
    await runRollup(later(), '2026-11-14');
    const problems = async (region: string, date: string) => (await snapshot(region, date)).totals.problems;
    expect(await problems('630000', '2026-11-12')).toEqual({ open: 1, rectifying: 1, rectified: 0, accepted: 0, overdue: 0 });
    expect(await problems('630102', '2026-11-13')).toEqual({ open: 0, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
    expect(await problems('630000', '2026-11-13')).toEqual({ open: 1, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
    expect(await problems('632621', '2026-11-13')).toEqual({ open: 1, rectifying: 0, rectified: 0, accepted: 0, overdue: 0 });
    expect(await problems('630000', '2026-11-14')).toEqual({ open: 1, rectifying: 0, rectified: 1, accepted: 0, overdue: 0 });
  });

  it('counts a prefecture-wide mechanism in its prefecture and the province, in no county', async () => {
    const day = '2026-11-13';
    expect((await snapshot('630100', day)).totals).toMatchObject({ mechanisms: 1, inspections: 0 });
    expect((await snapshot('630000', day)).totals).toMatchObject({ mechanisms: 1, inspections: 1, inspectionFindings: 2 });
    const xining = await snapshot('630100', day);
    expect(xining.children.map((c) => c.totals.mechanisms)).toEqual(xining.children.map(() => 0));
    for (const county of COUNTY_CODES) expect((await snapshot(county, day)).totals.mechanisms, county).toBe(0);
    expect((await snapshot('630000', '2026-11-14')).totals.mechanisms).toBe(0);
    expect((await snapshot('630100', '2026-11-14')).totals.mechanisms).toBe(0);
  });

  it('gives the same figures by a full rebuild', async () => {
    const incremental = await snapshot('630000', '2026-11-14');
    const rebuilt = await runRollup(later(), '2026-11-14', { rebuild: true });
    expect(rebuilt.province.totals).toEqual(incremental.totals);
    expect(rebuilt.province.children).toEqual(incremental.children);
    expect(rebuilt.province.sincePrevious).toEqual(incremental.sincePrevious);
  });

  it('rebuilds rather than folds onto a day closed under older counting rules (visits only, no edition)', async () => {
    const { client, tableName } = w.storeDeps;
    const closed = await rollups.statesOf('2026-11-14');
    // As the rollup before the catalogue left it: visit figures only, a marker without an edition.
    const visitsOnly = [...closed].map(([region, { figures, byMinisterLevel, ministers, branches }]) => {
      const { sessions, symposiums, participants, suggestions, suggestionsAnsweredOrResolved } = figures;
      const state = { figures: { sessions, symposiums, participants, suggestions, suggestionsAnsweredOrResolved }, byMinisterLevel, ministers, branches };
      return { PutRequest: { Item: { pk: 'rollup-state#2026-11-14', sk: region, kind: 'rollup-state', state: JSON.stringify(state) } } };
    });
    for (let i = 0; i < visitsOnly.length; i += 25) {
      await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: visitsOnly.slice(i, i + 25) } }));
    }
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: 'rollup-days', sk: '2026-11-14', kind: 'rollup-day', closedAt: '2026-11-15T17:00:00.000Z' } }));
    expect((await rollups.statesOf('2026-11-14')).get('630000')?.figures.inspections).toBe(0);

    const day = await runRollup(later(), '2026-11-15');
    expect(day.days).toEqual([{ date: '2026-11-15', provisional: false, changes: 0 }]);
    expect(day.province.totals).toMatchObject({
      participants: 35, problems: { open: 1, rectifying: 0, rectified: 1, overdue: 0 }, inspections: 1, inspectionFindings: 2, models: { nominated: 0, approved: 1 },
    });
    const folded = await runRollup(later(), '2026-11-16');
    expect(folded.province.totals).toEqual(day.province.totals);
  });
});
