import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { handlerWith } from '#functions/handlers/rollup/nightly.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { SAMPLES } from '../support/samples.ts';
import { type TestApi, api, startTestApi } from './support/local-stack.ts';

/** The dashboard is alive the same day: the intraday schedule's event refreshes today's snapshots. */
let stack: TestApi;
beforeAll(async () => {
  stack = await startTestApi();
});
afterAll(async () => stack?.close());

describe('the rollup through the day', () => {
  it('shows a visit reported now after the next refresh of the day under way, marked provisional', async () => {
    const admin = api(stack.url);
    await admin('PUT', '/ministers/m-630102-now', { name: '城东部长', level: 'county', regionCode: '630102' });
    const rollup = handlerWith(() => ({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date() } }));
    await rollup({ intraday: true }, lambdaContext('rollup', 60_000));
    const before = (await admin<{ totals: { participants: number } }>('GET', '/summary')).body!.totals.participants;
    expect((await admin('POST', '/visits', { ...SAMPLES.visit.valid({ ministerId: 'm-630102-now', countyCode: '630102', date: beijingDate() }), participants: 17 })).status).toBe(201);
    const result = await rollup({ intraday: true }, lambdaContext('rollup', 60_000)) as { date: string; days: { date: string; provisional: boolean }[] };
    expect(result.date).toBe(beijingDate());
    expect(result.days.at(-1)).toMatchObject({ date: beijingDate(), provisional: true });
    const summary = (await admin<{ asOf: string; provisional: boolean; totals: { participants: number } }>('GET', '/summary')).body!;
    expect(summary).toMatchObject({ asOf: beijingDate(), provisional: true });
    expect(summary.totals.participants).toBe(before + 17);
  });

  it('takes a branch visited today off the never-visited list at the next refresh of the day under way, as the dashboard shows it', async () => {
    const admin = api(stack.url);
    await admin('PUT', '/ministers/m-630102-cover', { name: '城东覆盖部长', level: 'county', regionCode: '630102' });
    expect((await admin('PUT', '/branches/intraday-cover', { name: '城东今日村党支部', type: 'village', countyCode: '630102' })).status).toBe(201);
    const rollup = handlerWith(() => ({ rollups: rollupRepository({ client: stack.client, tableName: stack.tableName }), clock: { now: () => new Date() } }));
    const ids = async (visited: boolean) => (await admin<{ items: { id: string }[] }>('GET', `/branches?county=630102&visited=${visited}&limit=500`)).body!.items.map((b) => b.id);
    await rollup({ intraday: true }, lambdaContext('rollup', 60_000));
    expect(await ids(false)).toContain('intraday-cover');

    const branch = { id: 'intraday-cover', name: '城东今日村党支部', type: 'village', countyCode: '630102' };
    expect((await admin('POST', '/visits', { ...SAMPLES.visit.valid({ ministerId: 'm-630102-cover', countyCode: '630102', date: beijingDate() }), branch })).status).toBe(201);
    await rollup({ intraday: true }, lambdaContext('rollup', 60_000));
    const summary = (await admin<{ provisional: boolean; totals: { coverage: { village: { registered: number; visited: number } } } }>('GET', '/summary?region=630102')).body!;
    expect(summary.provisional).toBe(true);
    // The list follows the snapshot the dashboard shows: the branch is covered there, and visited here.
    expect(await ids(false)).not.toContain('intraday-cover');
    expect(await ids(true)).toContain('intraday-cover');
    const { registered, visited } = summary.totals.coverage.village;
    expect((await ids(false)).length).toBe(registered - visited);
  });
});
