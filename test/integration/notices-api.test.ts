import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewNotice } from '#functions/domain/notices.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import { api, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * The notices API through the local server: a person reads only their own notices (a head's reach
 * the head and their staff, a region's its staff, exactly), and reading is per person.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
const as = (who: Parameters<typeof tokenFor>[0]) => {
  const call = api(stack.url, tokenFor(who));
  return (method: string, path: string, body?: unknown) => call<Body>(method, path, body);
};

const HEAD = { sub: 'head-1', role: 'submitter', region: '632621', ministerId: 'm-1' } as const;
const HEADS_STAFF = { sub: 'clerk-1', role: 'submitter', region: '632621', ministerId: 'm-1' } as const;
const OTHER_HEAD = { sub: 'head-2', role: 'submitter', region: '632621', ministerId: 'm-2' } as const;
const COUNTY_STAFF = { sub: 'staff-county', role: 'staff', region: '632621' } as const;
const PREFECTURE_STAFF = { sub: 'staff-prefecture', role: 'staff', region: '632600' } as const;

const notice = (to: NewNotice['to'], id: string, minute: number): NewNotice => ({
  to, rule: to && 'head' in to ? 'record.returned' : 'review.waiting',
  subject: 'head' in to ? { kind: 'visit', id } : { view: 'review', region: to.region }, period: id,
  title: `标题 ${id}`, body: `正文 ${id}`, createdAt: new Date(Date.now() - (60 - minute) * 60_000).toISOString(),
});

beforeAll(async () => {
  stack = await startTestApi();
  await noticeRepository({ client: stack.client, tableName: stack.tableName }).deliver([
    notice({ head: 'm-1' }, 'a', 1), notice({ head: 'm-1' }, 'b', 2), notice({ head: 'm-2' }, 'c', 3),
    notice({ region: '632621' }, 'd', 4), notice({ region: '632600' }, 'e', 5),
  ]);
});
afterAll(async () => stack?.close());

const titles = async (who: Parameters<typeof tokenFor>[0], query = '') => {
  const res = await as(who)('GET', `/notices${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { title: string }[]).map((n) => n.title);
};

describe('whose notices', () => {
  it('a head and the accounts serving the head see the head\'s; another head does not', async () => {
    expect(await titles(HEAD)).toEqual(['标题 b', '标题 a']);
    expect(await titles(HEADS_STAFF)).toEqual(['标题 b', '标题 a']);
    expect(await titles(OTHER_HEAD)).toEqual(['标题 c']);
  });

  it('staff see their region\'s exactly: neither the county\'s below nor the prefecture\'s above', async () => {
    expect(await titles(COUNTY_STAFF)).toEqual(['标题 d']);
    expect(await titles(PREFECTURE_STAFF)).toEqual(['标题 e']);
  });

  it('answers the contract\'s shape, and refuses a made-up cursor', async () => {
    const res = await as(HEAD)('GET', '/notices?limit=1');
    expect(res.body.items[0]).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), rule: 'record.returned', title: '标题 b', body: '正文 b',
      subject: { kind: 'visit', id: 'b' }, createdAt: expect.any(String), readAt: null,
    });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect((await as(HEAD)('GET', `/notices?cursor=${res.body.nextCursor}`)).body.items.map((n: { title: string }) => n.title)).toEqual(['标题 a']);
    expect((await as(HEAD)('GET', '/notices?cursor=abc')).status).toBe(400);
  });
});

describe('reading', () => {
  it('is per person: the head\'s read leaves it unread for their staff, and another\'s id is passed over', async () => {
    const head = as(HEAD);
    expect((await head('GET', '/notices/unread')).body).toEqual({ count: 2 });
    const [newest] = (await head('GET', '/notices?unread=true')).body.items;
    const others = (await as(OTHER_HEAD)('GET', '/notices')).body.items;
    expect((await head('POST', '/notices/read', { ids: [newest.id, others[0].id] })).status).toBe(204);
    expect((await head('GET', '/notices/unread')).body).toEqual({ count: 1 });
    expect(await titles(HEAD, '?unread=true')).toEqual(['标题 a']);
    expect((await as(HEADS_STAFF)('GET', '/notices/unread')).body).toEqual({ count: 2 });
    expect((await as(OTHER_HEAD)('GET', '/notices/unread')).body).toEqual({ count: 1 });
  });

  it('marks all of the caller\'s read without ids', async () => {
    const staff = as(COUNTY_STAFF);
    expect((await staff('POST', '/notices/read', {})).status).toBe(204);
    expect((await staff('GET', '/notices/unread')).body).toEqual({ count: 0 });
    expect((await staff('GET', '/notices')).body.items[0].readAt).toEqual(expect.any(String));
    expect((await as(PREFECTURE_STAFF)('GET', '/notices/unread')).body).toEqual({ count: 1 });
  });

  it('refuses an id that is not a notice id, and more than 100 (422, as any body that breaks its schema)', async () => {
    expect((await as(HEAD)('POST', '/notices/read', { ids: ['x'] })).status).toBe(422);
    expect((await as(HEAD)('POST', '/notices/read', { ids: Array.from({ length: 101 }, () => 'A'.repeat(22)) })).status).toBe(422);
  });
});

describe('the rules', () => {
  it('answer the defaults, and what admins put over them', async () => {
    const admin = as({ sub: 'admin', role: 'admin', region: '630000' });
    const rules = (await admin('GET', '/notice-rules')).body.rules;
    expect(rules).toContainEqual({ rule: 'problem.due_soon', days: 10, enabled: true });
    expect(rules).toContainEqual({ rule: 'suggestion.waiting', days: 15, widerDays: 30, enabled: true });
    const put = await admin('PUT', '/notice-rules', { rules: [{ rule: 'problem.due_soon', days: 7, enabled: false }] });
    expect(put.status).toBe(200);
    expect(put.body.rules).toContainEqual({ rule: 'problem.due_soon', days: 7, enabled: false });
    expect(put.body.rules).toContainEqual({ rule: 'review.waiting', days: 3, enabled: true });
    expect((await admin('GET', '/notice-rules')).body.rules).toEqual(put.body.rules);
    expect((await admin('PUT', '/notice-rules', { rules: [{ rule: 'record.returned', enabled: true }] })).status).toBe(422);
  });
});
