import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitInputSchema } from '#schemas/visit.ts';
import { ministerRepository } from '#functions/repositories/minister-repository.ts';
import { visitRepository } from '#functions/repositories/visit-repository.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { createVisit } from '#functions/use-cases/visits/create-visit.ts';
import { correctVisit } from '#functions/use-cases/visits/correct-visit.ts';
import { withdrawVisit } from '#functions/use-cases/visits/withdraw-visit.ts';
import { api as apiClient, startTestApi } from './support/local-stack.ts';

const at = (beijing: string) => ({ now: () => new Date(`${beijing}+08:00`) });
const actor = { by: 'test', requestId: 'r' };
let stack: Awaited<ReturnType<typeof startTestApi>>;

const visit = (date: string, participants: number, status: 'pending' | 'answered' = 'pending') => visitInputSchema.parse({
  id: randomUUID(), ministerId: 'm-632621-01', date,
  branch: { name: `玛沁县${participants}村党支部`, type: 'village', countyCode: '632621' },
  sessions: ['branch_members_meeting'], symposiums: 1, participants,
  suggestions: [{ id: randomUUID(), text: '建议', channel: 'household_visit', status }],
});

beforeAll(async () => {
  stack = await startTestApi();
  const storeDeps = { client: stack.client, tableName: stack.tableName };
  const ministers = ministerRepository(storeDeps);
  const visits = visitRepository(storeDeps, ministers);
  await putMinister({ ministers, clock: at('2026-03-01T09:00:00') }, 'm-632621-01', { name: '果洛部长', level: 'county', regionCode: '632621' }, undefined, actor);
  const a = (await createVisit({ visits, clock: at('2026-03-02T10:00:00') }, visit('2026-03-02', 20), actor)).visit;
  const b = (await createVisit({ visits, clock: at('2026-03-05T10:00:00') }, visit('2026-03-05', 30, 'answered'), actor)).visit;
  await createVisit({ visits, clock: at('2026-03-06T10:00:00') }, visit('2025-12-20', 99), actor); // another year
  await correctVisit({ visits, clock: at('2026-03-10T10:00:00') }, a.id, { participants: 25 }, 1, actor);
  await withdrawVisit({ visits, clock: at('2026-03-12T10:00:00') }, b.id, 1, actor);
});
afterAll(async () => stack?.close());

describe('GET /ministers/{id}/scorecard', () => {
  const card = async (query: string) => (await apiClient(stack.url)<Record<string, any>>('GET', `/ministers/m-632621-01/scorecard?${query}`)).body!; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('counts each visit of the year at its version as of the day asked', async () => {
    expect((await card('year=2026&date=2026-03-01')).visits.count).toBe(0);
    const march6 = await card('year=2026&date=2026-03-06');
    expect(march6.visits).toMatchObject({ count: 2, participants: 50, sessions: 2, symposiums: 2, branchesVisited: { village: 2, community: 0 } });
    expect(march6.suggestions).toEqual({ collected: 2, answeredOrResolved: 1, pending: 1 });
    // The correction (10 March) and the withdrawal (12 March) show from their days on.
    expect((await card('year=2026&date=2026-03-10')).visits).toMatchObject({ count: 2, participants: 55 });
    expect((await card('year=2026&date=2026-03-12')).visits).toMatchObject({ count: 1, participants: 25 });
    expect((await card('year=2025&date=2026-03-12')).visits).toMatchObject({ count: 1, participants: 99 });
  });

  it('names the head, leaves the targets without forms yet as null, and 404s an unknown head', async () => {
    const today = await card('year=2026');
    expect(today.minister).toEqual({ id: 'm-632621-01', name: '果洛部长', level: 'county', regionCode: '632621' });
    expect(today.researchReports).toBeNull();
    expect((await apiClient(stack.url)('GET', '/ministers/m-nobody/scorecard')).status).toBe(404);
    expect((await apiClient(stack.url)('GET', '/ministers/m-632621-01/scorecard?year=1999')).status).toBe(400);
  });
});
