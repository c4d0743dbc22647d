import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api as apiClient, daysAgo, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * What a new user tripped over (issue 21 §8): a head named by a record the caller may read is shown
 * by name though they serve above the caller's region; the change trail names people; a visit
 * confirmed as a duplicate can be withdrawn by whoever reports for its head.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
const as = (who: Parameters<typeof tokenFor>[0]) => {
  const call = apiClient(stack.url, tokenFor(who));
  return (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call<Body>(method, path, body, headers);
};
const PROVINCE_HEAD = 'm-630000-01';
const COUNTY_HEAD = 'm-632621-01';
const visit = (ministerId: string, branchName = `${randomUUID().slice(0, 6)}村党支部`) => ({
  id: randomUUID(), ministerId, date: daysAgo(2),
  branch: { name: branchName, type: 'village', countyCode: '632621' },
  sessions: ['branch_members_meeting'], symposiums: 1, participants: 12,
  suggestions: [{ id: randomUUID(), text: '建议修缮活动室', channel: 'symposium', status: 'pending' }],
});
const prefectureStaff = () => as({ sub: 'golog-staff', role: 'staff', region: '632600' });

beforeAll(async () => {
  stack = await startTestApi();
  const admin = apiClient(stack.url);
  expect((await admin('PUT', `/ministers/${PROVINCE_HEAD}`, { name: '省委组织部部长', level: 'province', regionCode: '630000' })).status).toBe(201);
  expect((await admin('PUT', `/ministers/${COUNTY_HEAD}`, { name: '玛沁县部长', level: 'county', regionCode: '632621' })).status).toBe(201);
});
afterAll(async () => stack?.close());

describe("a head named by a record the caller may read", () => {
  it('comes with the record by name, in the record and in its list, though the head serves above the caller', async () => {
    const body = visit(PROVINCE_HEAD);
    expect((await apiClient(stack.url)('POST', '/visits', body)).status).toBe(201);
    const staff = prefectureStaff();
    expect((await staff('GET', `/visits/${body.id}`)).body.ministerName).toBe('省委组织部部长');
    const listed = (await staff('GET', '/visits?prefecture=632600')).body.items.find((v: { id: string }) => v.id === body.id);
    expect(listed.ministerName).toBe('省委组织部部长');
    // And in the suggestions ledger, each suggestion with its visit.
    const suggestion = (await staff('GET', '/suggestions?prefecture=632600')).body.items.find((s: { visit: { id: string } }) => s.visit.id === body.id);
    expect(suggestion.visit.ministerName).toBe('省委组织部部长');
    // The head's own record stays out of reach: only the name comes with what the caller may read.
    expect((await staff('GET', `/ministers/${PROVINCE_HEAD}`)).status).toBe(404);
  });
});

describe('the change trail', () => {
  it('names each person as they were known when they acted: their name, their head, or their role and region', async () => {
    const body = visit(COUNTY_HEAD);
    // The head's staff, whose account has no name: known by their head.
    const created = await as({ sub: 'u-7f3a', role: 'submitter', region: '632621', ministerId: COUNTY_HEAD })('POST', '/visits', body);
    expect(created.status).toBe(201);
    const corrected = await as({ sub: 'u-91c2', role: 'staff', region: '632621', name: '马明' })('PATCH', `/visits/${body.id}`, { participants: 13 }, ifMatch(1));
    expect(corrected.status).toBe(200);
    expect((await prefectureStaff()('PATCH', `/visits/${body.id}/review`, { state: 'approved' }, ifMatch(2))).status).toBe(200);
    const trail = (await prefectureStaff()('GET', `/visits/${body.id}/history`)).body.items;
    expect(trail.map((c: { by: string; byName?: string }) => [c.by, c.byName])).toEqual([
      ['u-7f3a', '玛沁县部长（填报人）'],
      ['u-91c2', '马明'],
      ['golog-staff', '果洛藏族自治州工作人员'],
    ]);
  });
});

describe('a visit confirmed as a duplicate (疑似重复 → 确认为重复)', () => {
  const reporter = () => as({ sub: 'u-7f3a', role: 'submitter', region: '632621', ministerId: COUNTY_HEAD });
  /** A visit, the same head's second report of it (same branch and day), and staff confirming the second a duplicate. */
  async function confirmedDuplicate(): Promise<Body> {
    const branchName = `${randomUUID().slice(0, 6)}村党支部`;
    const first = visit(COUNTY_HEAD, branchName);
    const second = { ...visit(COUNTY_HEAD, branchName), date: first.date };
    expect((await reporter()('POST', '/visits', first)).status).toBe(201);
    const reported = await reporter()('POST', '/visits', second);
    expect(reported.body.duplicateOf).toBe(first.id);
    const confirmed = await prefectureStaff()('PATCH', `/visits/${second.id}/review`, { state: 'rejected', comment: '与前一条重复' }, ifMatch(1));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return confirmed.body;
  }

  it("can be withdrawn by whoever reports for its head, and by staff", async () => {
    const duplicate = await confirmedDuplicate();
    const withdrawn = await reporter()('DELETE', `/visits/${duplicate.id}`, undefined, ifMatch(duplicate.version));
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const another = await confirmedDuplicate();
    const byStaff = await prefectureStaff()('DELETE', `/visits/${another.id}`, undefined, ifMatch(another.version));
    expect(byStaff.status, JSON.stringify(byStaff.body)).toBe(200);
  });

  it('is the only record whoever reports for a head may withdraw: not an ordinary one, nor a duplicate still suspected', async () => {
    const ordinary = visit(COUNTY_HEAD);
    expect((await reporter()('POST', '/visits', ordinary)).status).toBe(201);
    const refused = await reporter()('DELETE', `/visits/${ordinary.id}`, undefined, ifMatch(1));
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('填报人只能撤回已确认为重复的走访记录');
    const suspected = { ...visit(COUNTY_HEAD, ordinary.branch.name), date: ordinary.date };
    expect((await reporter()('POST', '/visits', suspected)).body.duplicateOf).toBe(ordinary.id);
    expect((await reporter()('DELETE', `/visits/${suspected.id}`, undefined, ifMatch(1))).status).toBe(403);
  });
});
