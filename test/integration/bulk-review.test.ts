import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_REVIEW_LIMIT } from '#schemas/bulk-review.ts';
import { SAMPLES } from '../support/samples.ts';
import { EN, daysAgo, ifMatch, looseCaller, startTestApi, type TestApi, tokenFor } from './support/local-stack.ts';

/**
 * 批量通过 (POST /{kind}/review) over HTTP against DynamoDB Local: each item is decided as the single
 * review with If-Match would decide it, the others go on, the trail and the work counts move once per
 * approval, and the same batch sent again approves nothing twice.
 */

const HOME = '632621';
const OUTSIDE = '632622';
const HEAD = { [HOME]: 'm-632621-01', [OUTSIDE]: 'm-632622-01' } as Record<string, string>;

let stack: TestApi;
const admin = looseCaller();
const staff = looseCaller();
const date = daysAgo(3);

async function visitIn(region: string) {
  const res = await admin('POST', '/visits', SAMPLES.visit.valid({ ministerId: HEAD[region], countyCode: region, date }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const awaiting = async () => (await staff('GET', `/work-counts?region=${HOME}`)).body.awaitingReview.visits as number;
const reviewsOf = async (id: string) => ((await admin('GET', `/visits/${id}/history`)).body.items as { action: string }[]).filter((c) => c.action === 'review').length;

beforeAll(async () => {
  stack = await startTestApi();
  admin.connect(stack.url);
  staff.connect(stack.url, tokenFor({ sub: `staff-${HOME}`, role: 'staff', region: HOME }));
  for (const region of [HOME, OUTSIDE]) {
    expect((await admin('PUT', `/ministers/${HEAD[region]}`, { name: `部长${region}`, level: 'county', regionCode: region })).status).toBe(201);
  }
});

afterAll(async () => stack?.close());

describe('POST /visits/review', () => {
  it('decides each item on its own: approved, changed meanwhile, withdrawn, approved already, gone, outside the region', async () => {
    const [fresh, corrected, withdrawn, approvedAlready, outside] = [await visitIn(HOME), await visitIn(HOME), await visitIn(HOME), await visitIn(HOME), await visitIn(OUTSIDE)];
    expect((await admin('PATCH', `/visits/${corrected.id}`, SAMPLES.visit.correction, ifMatch(1))).status).toBe(200);
    expect((await admin('DELETE', `/visits/${withdrawn.id}`, undefined, ifMatch(1))).status).toBe(200);
    expect((await admin('PATCH', `/visits/${approvedAlready.id}/review`, { state: 'approved' }, ifMatch(1))).status).toBe(200);
    const unknown = randomUUID();
    const before = await awaiting();

    const items = [fresh, corrected, withdrawn, { id: approvedAlready.id, version: 2 }, { id: unknown, version: 1 }, outside].map(({ id, version }) => ({ id, version }));
    const res = await staff('POST', '/visits/review', { state: 'approved', items });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Outside the caller's region is 404 for that item, as the single review answers it (the record is not theirs to see).
    expect(res.body.results).toEqual([
      { id: fresh.id, status: 200, version: 2 },
      { id: corrected.id, status: 412 },
      { id: withdrawn.id, status: 409 },
      { id: approvedAlready.id, status: 409 },
      { id: unknown, status: 404 },
      { id: outside.id, status: 404 },
    ]);
    const stored = (await admin('GET', `/visits/${fresh.id}`)).body;
    expect(stored.review).toMatchObject({ state: 'approved', by: `staff-${HOME}` });
    expect((await admin('GET', `/visits/${corrected.id}`)).body.review.state).toBe('received');
    expect((await admin('GET', `/visits/${outside.id}`)).body.review.state).toBe('received');
    expect(await awaiting()).toBe(before - 1);
  });

  it('approves nothing twice when the same batch is sent again: each item answers 412, the trail and the counts stay', async () => {
    const visits = [await visitIn(HOME), await visitIn(HOME), await visitIn(HOME)];
    const batch = { state: 'approved', items: visits.map(({ id, version }) => ({ id, version })) };
    const before = await awaiting();
    const first = await staff('POST', '/visits/review', batch);
    expect(first.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    expect(await awaiting()).toBe(before - 3);

    const again = await staff('POST', '/visits/review', batch);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual(visits.map(({ id }) => ({ id, status: 412 })));
    expect(await awaiting()).toBe(before - 3);
    for (const { id } of visits) expect(await reviewsOf(id)).toBe(1);
  });

  it('approves records of the other kinds on their own route', async () => {
    const body = SAMPLES.problem.valid({ ministerId: HEAD[HOME], countyCode: HOME, date });
    const problem = (await admin('POST', '/problems', body)).body;
    const res = await staff('POST', '/problems/review', { state: 'approved', items: [{ id: problem.id, version: 1 }] });
    expect(res.body.results).toEqual([{ id: problem.id, status: 200, version: 2 }]);
    // A visit's id on the problems' route is no problem: 404 for that item.
    const visit = await visitIn(HOME);
    expect((await staff('POST', '/problems/review', { state: 'approved', items: [{ id: visit.id, version: 1 }] })).body.results).toEqual([{ id: visit.id, status: 404 }]);
  });

  it('refuses, field by field and writing nothing, anything but approval, no items, more than the limit, a repeated id', async () => {
    const visit = await visitIn(HOME);
    const item = { id: visit.id, version: 1 };
    const fieldsOf = async (body: unknown) => {
      const res = await staff('POST', '/visits/review', body, EN);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return (res.body.errors as { path: string; message: string }[]).map((e) => e.path);
    };
    expect(await fieldsOf({ state: 'rejected', comment: '请补充', items: [item] })).toEqual(['state', 'comment']);
    expect(await fieldsOf({ state: 'approved', items: [] })).toEqual(['items']);
    const many = Array.from({ length: BULK_REVIEW_LIMIT + 1 }, () => ({ id: randomUUID(), version: 1 }));
    expect(await fieldsOf({ state: 'approved', items: many })).toEqual(['items']);
    expect(await fieldsOf({ state: 'approved', items: [item, item] })).toEqual(['items[1].id']);
    expect(await fieldsOf({ state: 'approved', items: [{ id: 'x', version: 0 }] })).toEqual(['items[0].id', 'items[0].version']);
    expect((await admin('GET', `/visits/${visit.id}`)).body.review.state).toBe('received');
    // The limit itself is fine.
    const hundred = [item, ...many.slice(0, BULK_REVIEW_LIMIT - 1)];
    const res = await staff('POST', '/visits/review', { state: 'approved', items: hundred });
    expect(res.body.results.filter((r: { status: number }) => r.status === 200)).toEqual([{ id: visit.id, status: 200, version: 2 }]);
    expect(res.body.results).toHaveLength(BULK_REVIEW_LIMIT);
  });

  it('is for staff and admins: a head\'s account is refused the whole request (403)', async () => {
    const visit = await visitIn(HOME);
    const submitter = looseCaller();
    submitter.connect(stack.url, tokenFor({ role: 'submitter', region: HOME, ministerId: HEAD[HOME] }));
    expect((await submitter('POST', '/visits/review', { state: 'approved', items: [{ id: visit.id, version: 1 }] })).status).toBe(403);
  });
});
