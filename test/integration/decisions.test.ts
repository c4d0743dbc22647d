import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, daysAgo, ifMatch, startTestApi, type TestApi, tokenFor } from './support/local-stack.ts';

/**
 * A decision is about what was decided (issue 21 §5): a model 已选树 whose nominee a head changes is
 * no longer selected — it goes back to 已推荐 and to review (待审核), and its trail says why. A
 * correction of anything else leaves the selection standing.
 */

let stack: TestApi;
const HEAD = 'm-632621-05';
const head = () => api(stack.url, tokenFor({ sub: 'head-632621-05', role: 'submitter', region: '632621', ministerId: HEAD }));
const admin = () => api(stack.url);

beforeAll(async () => {
  stack = await startTestApi();
  expect((await admin()('PUT', `/ministers/${HEAD}`, { name: '马文海', level: 'county', regionCode: '632621' })).status).toBe(201);
});

afterAll(async () => stack?.close());

type Model = { id: string; version: number; status: string; review: { state: string }; nominee: { name: string } };

/** A model the head nominated, selected (已选树) and approved in review by the department. */
async function selectedModel(): Promise<Model> {
  const created = await head()<Model>('POST', '/models', {
    id: randomUUID(), ministerId: HEAD, date: daysAgo(5), reason: '带领群众发展牦牛养殖合作社',
    nominee: { type: 'member', name: '才让', branchName: '城关镇示范村党支部', countyCode: '632621' },
  });
  expect(created.status).toBe(201);
  const selected = await admin()<Model>('PATCH', `/models/${created.body!.id}`, { status: 'approved' }, ifMatch(created.body!.version));
  expect(selected.status).toBe(200);
  const reviewed = await admin()<Model>('PATCH', `/models/${created.body!.id}/review`, { state: 'approved' }, ifMatch(selected.body!.version));
  expect(reviewed.body).toMatchObject({ status: 'approved', review: { state: 'approved' } });
  return reviewed.body!;
}

describe("a selected model's nominee changed", () => {
  it('goes back to 已推荐 and 待审核, and the trail says the decision was sent back', async () => {
    const model = await selectedModel();
    const corrected = await head()<Model>('PATCH', `/models/${model.id}`, {
      nominee: { type: 'member', name: '卓玛', branchName: '城关镇示范村党支部', countyCode: '632621' },
    }, ifMatch(model.version));
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'nominated', review: { state: 'received' }, nominee: { name: '卓玛' } });

    const history = await admin()<{ items: { action: string; reason?: string; before: Model; after: Model }[] }>('GET', `/models/${model.id}/history`);
    const last = history.body!.items.at(-1)!;
    expect(last).toMatchObject({ action: 'correct', reason: 'redecide', before: { status: 'approved' }, after: { status: 'nominated' } });
    expect(history.body!.items.slice(0, -1).every((c) => c.reason === undefined)).toBe(true);
  });

  it('cannot be kept selected by the head naming the old decision in the same correction', async () => {
    const model = await selectedModel();
    const corrected = await head()<Model>('PATCH', `/models/${model.id}`, {
      status: 'approved', nominee: { type: 'branch', name: '城关镇示范村党支部', countyCode: '632621' },
    }, ifMatch(model.version));
    expect(corrected.body).toMatchObject({ status: 'nominated', review: { state: 'received' } });
  });

  it('stays selected when the department decides it again in the same correction', async () => {
    const model = await selectedModel();
    const corrected = await admin()<Model>('PATCH', `/models/${model.id}`, {
      status: 'approved', nominee: { type: 'member', name: '才让', branchName: '城关镇先锋村党支部', countyCode: '632621' },
    }, ifMatch(model.version));
    expect(corrected.body).toMatchObject({ status: 'approved' });
  });
});

describe("a selected model's other fields changed", () => {
  it('stays 已选树, goes back to review as every correction does, and the trail gives no reason', async () => {
    const model = await selectedModel();
    const corrected = await head()<Model>('PATCH', `/models/${model.id}`, { reason: '带领群众发展牦牛养殖合作社，户均增收三千元' }, ifMatch(model.version));
    expect(corrected.body).toMatchObject({ status: 'approved', review: { state: 'received' } });
    const history = await admin()<{ items: { reason?: string }[] }>('GET', `/models/${model.id}/history`);
    expect(history.body!.items.at(-1)!.reason).toBeUndefined();
  });
});
