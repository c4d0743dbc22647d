import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApi, tokenFor } from './support/local-stack.ts';

/** GET /me: the caller as the API decides on them, which the pages read when the token does not say it. */
let stack: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  stack = await startTestApi();
});
afterAll(async () => stack?.close());

describe('GET /me', () => {
  it("answers the caller's role, region (canonical), head and name, and is never cached", async () => {
    const head = api(stack.url, tokenFor({ sub: 'head-1', role: 'submitter', region: '630122', ministerId: 'm-630106-01', name: '张三' }));
    const res = await head<Record<string, string>>('GET', '/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sub: 'head-1', role: 'submitter', region: '630106', ministerId: 'm-630106-01', name: '张三' });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const staff = await api(stack.url, tokenFor({ sub: 'staff-1', role: 'staff', region: '632500' }))<Record<string, string>>('GET', '/me');
    expect(staff.body).toEqual({ sub: 'staff-1', role: 'staff', region: '632500' });
  });

  it('is 401 without a token', async () => {
    const res = await fetch(`${stack.url}/me`);
    expect(res.status).toBe(401);
  });
});
