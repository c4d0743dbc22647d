import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { SAMPLES, type Where } from '../support/samples.ts';
import { daysAgo, EN, ifMatch, looseCaller, startTestApi } from './support/local-stack.ts';

/** What particular kinds add to the common contract: overdue problems, links both ways, suspected duplicates. */

let api: Awaited<ReturnType<typeof startTestApi>>;
const call = looseCaller();
const en = EN;
const HEAD = 'm-632621-01';
const where: Where = { ministerId: HEAD, countyCode: '632621', date: daysAgo(10) };

async function post(path: string, body: Record<string, unknown>) {
  const res = await call('POST', path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  api = await startTestApi();
  call.connect(api.url);
  expect((await call('PUT', `/ministers/${HEAD}`, { name: '玛沁县委组织部长', level: 'county', regionCode: '632621' })).status).toBe(201);
});

afterAll(async () => api?.close());

describe('problems', () => {
  it('are overdue past their deadline until rectified, and listed by ?overdue=', async () => {
    const late = await post('/problems', { ...SAMPLES.problem.valid(where), deadline: daysAgo(1) });
    const inTime = await post('/problems', { ...SAMPLES.problem.valid(where), deadline: beijingDate() });
    const fixed = await post('/problems', { ...SAMPLES.problem.valid(where), deadline: daysAgo(1), status: 'rectified', evidence: '已整改', rectifiedOn: daysAgo(2) });
    expect([late.overdue, inTime.overdue, fixed.overdue]).toEqual([true, false, false]);

    const ids = async (query: string) => (await call('GET', `/problems?county=632621&${query}`)).body.items.map((p: { id: string }) => p.id).sort();
    expect(await ids('overdue=true')).toEqual([late.id]);
    expect(await ids('overdue=false')).toEqual([inTime.id, fixed.id].sort());
    expect(await ids('overdue=true&category=organizational_life')).toEqual([late.id]);
    expect(await ids('overdue=true&category=livelihood')).toEqual([]);

    const rectifying = await call('PATCH', `/problems/${late.id}`, { status: 'rectifying' }, ifMatch(1));
    expect(rectifying.body.overdue).toBe(true);
    const done = await call('PATCH', `/problems/${late.id}`, { status: 'rectified', evidence: '已补齐台账', rectifiedOn: daysAgo(0) }, ifMatch(2));
    expect(done.body).toMatchObject({ status: 'rectified', overdue: false });
    expect(await ids('overdue=true')).toEqual([]);
  });

  it('need evidence and a date to be rectified, and a rectification date only then', async () => {
    const open = await post('/problems', SAMPLES.problem.valid(where));
    const bare = await call('PATCH', `/problems/${open.id}`, { status: 'rectified' }, { ...ifMatch(1), ...en });
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['evidence', 'rectifiedOn']);
    const early = await call('PATCH', `/problems/${open.id}`, { rectifiedOn: daysAgo(1) }, { ...ifMatch(1), ...en });
    expect(early.body.errors).toEqual([{ path: 'rectifiedOn', message: 'Only a rectified problem has a rectification date' }]);
  });

  it('found by a visit must name one that exists; foundBy never changes', async () => {
    const missing = await call('POST', '/problems', { ...SAMPLES.problem.valid(where), foundBy: { source: 'visit', id: randomUUID() } }, en);
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'foundBy.id', message: 'No such record' }]);
    const visit = await post('/visits', SAMPLES.visit.valid(where));
    const found = await post('/problems', { ...SAMPLES.problem.valid(where), foundBy: { source: 'visit', id: visit.id } });
    const change = await call('PATCH', `/problems/${found.id}`, { foundBy: { source: 'other' } }, ifMatch(1));
    expect(change.status).toBe(422);
  });
});

describe('inspections and the problems their findings open', () => {
  it('link both ways: the problem names the finding, the finding lists the problem (in its history too)', async () => {
    const inspection = await post('/inspections', { ...SAMPLES.inspection.valid(where), findings: [{ id: randomUUID(), text: '党课记录缺失' }, { id: randomUUID(), text: '台账不全' }] });
    const [first, second] = inspection.findings;
    expect(first.problemIds).toEqual([]);
    const opened = (findingId: string) => post('/problems', { ...SAMPLES.problem.valid(where), foundBy: { source: 'inspection', id: inspection.id, findingId } });
    const p1 = await opened(first.id);
    const p2 = await opened(first.id);
    const p3 = await opened(second.id);

    const stored = (await call('GET', `/inspections/${inspection.id}`)).body;
    expect(stored.version).toBe(4);
    expect(stored.findings.map((f: { problemIds: string[] }) => f.problemIds)).toEqual([[p1.id, p2.id], [p3.id]]);
    const history = (await call('GET', `/inspections/${inspection.id}/history`)).body.items;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['create', 'link', 'link', 'link']);
    expect((await call('GET', `/problems/${p1.id}`)).body.foundBy).toEqual({ source: 'inspection', id: inspection.id, findingId: first.id });

    // A replay of a problem links nothing twice.
    const replay = await call('POST', '/problems', { ...SAMPLES.problem.valid(where), id: p3.id });
    expect(replay.status).toBe(409);
    expect((await call('GET', `/inspections/${inspection.id}`)).body.version).toBe(4);
  });

  it('refuse an unknown finding, and keep a finding that opened problems', async () => {
    const inspection = await post('/inspections', SAMPLES.inspection.valid(where));
    const [finding] = inspection.findings;
    const unknown = await call('POST', '/problems', { ...SAMPLES.problem.valid(where), foundBy: { source: 'inspection', id: inspection.id, findingId: randomUUID() } }, en);
    expect(unknown.body.errors).toEqual([{ path: 'foundBy.findingId', message: 'The inspection has no such finding' }]);
    const problem = await post('/problems', { ...SAMPLES.problem.valid(where), foundBy: { source: 'inspection', id: inspection.id, findingId: finding.id } });

    const dropped = await call('PATCH', `/inspections/${inspection.id}`, { findings: [{ id: randomUUID(), text: '新发现' }] }, { ...ifMatch(2), ...en });
    expect(dropped.status).toBe(422);
    expect(dropped.body.errors).toEqual([{ path: 'findings[0]', message: 'This finding has opened problems and cannot be removed' }]);
    const reworded = await call('PATCH', `/inspections/${inspection.id}`, { findings: [{ id: finding.id, text: '会议记录严重不规范' }, { id: randomUUID(), text: '新发现' }] }, ifMatch(2));
    expect(reworded.status).toBe(200);
    expect(reworded.body.findings).toEqual([
      { id: finding.id, text: '会议记录严重不规范', problemIds: [problem.id] },
      { id: expect.any(String), text: '新发现', problemIds: [] },
    ]);
  });
});

describe('texts', () => {
  it('refuse half a surrogate pair (not text; DynamoDB stores only valid UTF-8) but keep emoji', async () => {
    const broken = await call('POST', '/visits', { ...SAMPLES.visit.valid(where), notes: 'a\ud800b' }, en);
    expect(broken.status).toBe(422);
    expect(broken.body.errors).toEqual([{ path: 'notes', message: 'Contains characters that are not valid text' }]);
    expect((await call('POST', '/visits', { ...SAMPLES.visit.valid(where), notes: '党员活动室😀' })).status).toBe(201);
  });
});

describe('suspected duplicate visits', () => {
  const sameVisit = (branchName: string) => ({ ...SAMPLES.visit.valid(where), branch: { name: branchName, type: 'village', countyCode: '632621' } });

  it('accepts a second report of the same head, branch and day, flags it, and lists it until staff resolve it', async () => {
    const first = await post('/visits', sameVisit('拉加镇  拉加村党支部'));
    expect(first.duplicateOf).toBeUndefined();
    // Spacing differs: still the same branch.
    const second = await post('/visits', sameVisit('拉加镇拉加村党支部'));
    expect(second.duplicateOf).toBe(first.id);
    const otherDay = await post('/visits', { ...sameVisit('拉加镇拉加村党支部'), date: daysAgo(9) });
    expect(otherDay.duplicateOf).toBeUndefined();

    const suspected = async () => (await call('GET', '/visits?county=632621&suspectedDuplicates=true')).body.items.map((v: { id: string }) => v.id);
    expect(await suspected()).toEqual([second.id]);
    const notSuspected = (await call('GET', '/visits?county=632621&suspectedDuplicates=false')).body.items.map((v: { id: string }) => v.id);
    expect(notSuspected).toContain(first.id);
    expect(notSuspected).not.toContain(second.id);

    const approved = await call('PATCH', `/visits/${second.id}/review`, { state: 'approved', comment: '确为同日两次活动' }, ifMatch(1));
    expect(approved.status).toBe(200);
    expect(await suspected()).toEqual([]);
  });

  it('lets a fresh report take the slot of a withdrawn visit, and flags racing reports exactly once', async () => {
    const first = await post('/visits', sameVisit('大武镇党支部'));
    await call('DELETE', `/visits/${first.id}`, undefined, ifMatch(1));
    const again = await post('/visits', sameVisit('大武镇党支部'));
    expect(again.duplicateOf).toBeUndefined();

    const racing = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/visits', sameVisit('东倾沟乡党支部'))));
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const originals = racing.filter((r) => r.body.duplicateOf === undefined);
    expect(originals).toHaveLength(1);
    expect(racing.filter((r) => r.body.duplicateOf === originals[0].body.id)).toHaveLength(4);
  });

  it('moves the flag with a correction: to a free branch it clears, onto a held one it is set', async () => {
    const a = await post('/visits', sameVisit('当洛乡党支部'));
    const b = await post('/visits', sameVisit('当洛乡党支部'));
    expect(b.duplicateOf).toBe(a.id);
    const moved = await call('PATCH', `/visits/${b.id}`, { branch: { name: '下大武乡党支部', type: 'village', countyCode: '632621' } }, ifMatch(1));
    expect(moved.body.duplicateOf).toBeUndefined();
    const back = await call('PATCH', `/visits/${a.id}`, { branch: { name: '下大武乡党支部', type: 'village', countyCode: '632621' } }, ifMatch(1));
    expect(back.body.duplicateOf).toBe(b.id);
  });
});
