import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import { addresseeKey } from '#functions/domain/notices.ts';
import { runDailyNotices } from '#functions/use-cases/notices/run-daily-notices.ts';
import type { DailyNoticeDeps } from '#functions/use-cases/deps.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, ifMatch, startTestApi } from './support/local-stack.ts';

/**
 * The daily rules over records stored through the API, read from the work lists: what they send,
 * that a condition cleared before the run sends nothing, and that running a day twice changes nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
let deps: DailyNoticeDeps;
const TODAY = beijingDate();
const COUNTY = '632621';
const HEAD = 'm-daily-1';
const IDLE_HEAD = 'm-daily-2';

beforeAll(async () => {
  stack = await startTestApi();
  const store = { client: stack.client, tableName: stack.tableName };
  const records = makeRecordDeps(store);
  // Eight minutes past the run's start: every record below was received "days ago" by the clock's reckoning.
  deps = { notices: noticeRepository(store), lists: records.lists, ministers: records.ministers, branches: records.branches, clock: { now: () => new Date(`${addDays(TODAY, 5)}T00:38:00Z`) } };
  const admin = api(stack.url);
  for (const head of [HEAD, IDLE_HEAD]) expect((await admin('PUT', `/ministers/${head}`, { name: head, level: 'county', regionCode: COUNTY })).status).toBe(201);
});
afterAll(async () => stack?.close());

const created = async (kind: 'problem' | 'visit', over: Record<string, unknown>, date = addDays(TODAY, -1)) => {
  const body = { ...SAMPLES[kind].valid({ ministerId: HEAD, countyCode: COUNTY, date }), ...over };
  const res = await api(stack.url)<Body>('POST', kind === 'problem' ? '/problems' : '/visits', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('the daily run', () => {
  it('tells of due, overdue and waiting work, once, and nothing of what cleared before it', async () => {
    const day = addDays(TODAY, 5);
    const dueSoon = await created('problem', { deadline: addDays(day, 3) });
    const overdue = await created('problem', { deadline: addDays(TODAY, -1) });
    const rectified = await created('problem', { deadline: addDays(TODAY, -1) });
    const done = await api(stack.url)<Body>('PATCH', `/problems/${rectified.id}`, { status: 'rectified', rectifiedOn: TODAY, evidence: '已整改' }, ifMatch(1));
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const first = await runDailyNotices(deps, day);
    expect(first.made).toMatchObject({ 'problem.due_soon': 2, 'problem.overdue': 2 });
    // The three problems await review, received five days before the run: one notice with the count.
    expect(first.made['review.waiting']).toBe(1);
    expect(first.stored).toBe(Object.values(first.made).reduce((a, b) => a + b, 0));

    const page = await deps.notices.page({ sub: 'h', addressees: [addresseeKey({ head: HEAD })] }, { unread: false, limit: 50, now: deps.clock.now().toISOString() });
    const about = page.items.map((n) => `${n.rule} ${'id' in n.subject ? n.subject.id : ''}`);
    expect(about).toContain(`problem.due_soon ${dueSoon.id}`);
    expect(about).toContain(`problem.overdue ${overdue.id}`);
    expect(about.some((a) => a.endsWith(rectified.id))).toBe(false);
    const staff = await deps.notices.page({ sub: 's', addressees: [addresseeKey({ region: COUNTY })] }, { unread: false, limit: 50, now: deps.clock.now().toISOString() });
    expect(staff.items.find((n) => n.rule === 'review.waiting')?.title).toBe('3 条记录待审核超过 3 日');

    const again = await runDailyNotices(deps, day);
    expect(again.made).toEqual(first.made);
    expect(again.stored).toBe(0);
  });

  it('tells a head of a contact branch not visited this year, after 1 October, and not of one visited', async () => {
    const admin = api(stack.url);
    for (const id of ['b-daily-visited', 'b-daily-not']) {
      expect((await admin('PUT', `/branches/${id}`, { name: `村${id}党支部`, type: 'village', countyCode: COUNTY })).status).toBe(201);
    }
    const head = 'm-daily-contact';
    expect((await admin('PUT', `/ministers/${head}`, { name: '联系部长', level: 'county', regionCode: COUNTY, contactBranches: ['b-daily-visited', 'b-daily-not'] })).status).toBe(201);
    const visit = { ...SAMPLES.visit.valid({ ministerId: head, countyCode: COUNTY, date: addDays(TODAY, -1) }), branch: { id: 'b-daily-visited' } };
    expect((await admin('POST', '/visits', visit)).status).toBe(201);
    // The last day of the visit's year: after 1 October whenever the test runs.
    const outcome = await runDailyNotices(deps, `${addDays(TODAY, -1).slice(0, 4)}-12-31`);
    const page = await deps.notices.page({ sub: 'h3', addressees: [addresseeKey({ head })] }, { unread: false, limit: 50, now: deps.clock.now().toISOString() });
    expect(page.items.filter((n) => n.rule === 'contact.unvisited').map((n) => n.subject)).toEqual([{ kind: 'branch', id: 'b-daily-not' }]);
    expect(page.items.find((n) => n.rule === 'contact.unvisited')?.title).toBe('联系点本年未走访 · 村b-daily-not党支部');
    expect(outcome.made['contact.unvisited']).toBe(1);
  });

  it('tells a head with no visit this month, from the 20th', async () => {
    const twentieth = `${TODAY.slice(0, 7)}-20`;
    const outcome = await runDailyNotices(deps, twentieth);
    const page = await deps.notices.page({ sub: 'h2', addressees: [addresseeKey({ head: IDLE_HEAD })] }, { unread: false, limit: 50, now: deps.clock.now().toISOString() });
    expect(page.items.map((n) => n.rule)).toContain('visit.none_this_month');
    expect(outcome.made['visit.none_this_month']).toBeGreaterThanOrEqual(1);
  });
});
