import type { APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerWith as authorizerWith } from '#functions/handlers/auth/authorize.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { setHandlerLogLevel } from '#local/handler-env.ts';
import { api, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * Accounts (用户管理) through the local server, over our own directory (the table): admins manage any
 * account, staff the submitters and staff of their region; a head served lies in the account's
 * region; a disabled account is then refused by the China profile's authorizer.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
let admin: ReturnType<typeof api>;
let yushuStaff: ReturnType<typeof api>;
let xiningStaff: ReturnType<typeof api>;

beforeAll(async () => {
  stack = await startTestApi({});
  admin = api(stack.url);
  yushuStaff = api(stack.url, tokenFor({ sub: 'staff-632700', role: 'staff', region: '632700' }));
  xiningStaff = api(stack.url, tokenFor({ sub: 'staff-630100', role: 'staff', region: '630100' }));
  await admin('PUT', '/ministers/m-632701-a', { name: '玉树市部长', level: 'county', regionCode: '632701' });
  await admin('PUT', '/ministers/m-630102-a', { name: '城东部长', level: 'county', regionCode: '630102' });
});
afterAll(async () => stack?.close());

const head = { name: '扎西', role: 'submitter', region: '632701', ministerId: 'm-632701-a', phone: '13800000011', enabled: true };
const paths = (body: Body) => (body.errors as { path: string }[]).map((e) => e.path);

describe('PUT /accounts/{username}', () => {
  it('creates an account (201), replaces it (200), and answers it without a password or secret', async () => {
    const created = await admin<Body>('PUT', '/accounts/13800000011', head);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: '13800000011', ...head });
    expect(Object.keys(created.body).sort()).toEqual(['enabled', 'ministerId', 'name', 'phone', 'region', 'role', 'updatedAt', 'username']);
    const replaced = await admin<Body>('PUT', '/accounts/13800000011', { ...head, name: '扎西才让' });
    expect(replaced.status).toBe(200);
    expect((await admin<Body>('GET', '/accounts/13800000011')).body).toEqual(replaced.body);
  });

  it('lets staff manage submitters and staff within their region', async () => {
    expect((await yushuStaff('PUT', '/accounts/yushu-clerk', { name: '卓玛', role: 'staff', region: '632701', enabled: true })).status).toBe(201);
    expect((await yushuStaff('PUT', '/accounts/13800000011', { ...head, enabled: false })).status).toBe(200);
  });

  it('refuses staff an admin, a reporting client, an account outside their region, or one they do not manage (403, in Chinese)', async () => {
    await admin('PUT', '/accounts/admin-2', { name: '管理员二', role: 'admin', region: '630000', enabled: true });
    const attempts = [
      await yushuStaff<Body>('PUT', '/accounts/new-admin', { name: '甲', role: 'admin', region: '632700', enabled: true }),
      await yushuStaff<Body>('PUT', '/accounts/new-reporter', { name: '乙', role: 'reporter', region: '632700', enabled: true }),
      await yushuStaff<Body>('PUT', '/accounts/xining-1', { name: '丙', role: 'submitter', region: '630102', enabled: true }),
      await yushuStaff<Body>('PUT', '/accounts/admin-2', { name: '丁', role: 'staff', region: '632700', enabled: true }),
      await xiningStaff<Body>('PUT', '/accounts/13800000011', { ...head, region: '630102', ministerId: 'm-630102-a' }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    expect(attempts[0]!.body.detail).toMatch(/工作人员只能管理填报人和工作人员/);
    expect(attempts[2]!.body.detail).toMatch(/只能管理本地区的账号/);
    expect((await admin<Body>('GET', '/accounts/new-admin')).status).toBe(404);
  });

  it('refuses a head and a reporting client the accounts altogether', async () => {
    const submitter = api(stack.url, tokenFor({ sub: 's', role: 'submitter', region: '632701', ministerId: 'm-632701-a' }));
    const reporter = api(stack.url, tokenFor({ sub: 'r', role: 'reporter', region: '630000' }));
    expect((await submitter('GET', '/accounts')).status).toBe(403);
    expect((await reporter('PUT', '/accounts/x', head)).status).toBe(403);
  });

  it('refuses a head served that is not stored, or lies outside the account\'s region (422 at ministerId), and bad fields (422)', async () => {
    const unknown = await admin<Body>('PUT', '/accounts/h-1', { ...head, ministerId: 'm-nobody' });
    const outside = await admin<Body>('PUT', '/accounts/h-1', { ...head, ministerId: 'm-630102-a' });
    expect([unknown.status, outside.status]).toEqual([422, 422]);
    expect(paths(unknown.body)).toEqual(['ministerId']);
    expect(paths(outside.body)).toEqual(['ministerId']);
    const bad = await admin<Body>('PUT', '/accounts/h-1', { name: '', role: 'king', region: '999999', phone: '12', enabled: 'yes', password: 'x' });
    expect(bad.status).toBe(422);
    expect(new Set(paths(bad.body))).toEqual(new Set(['name', 'role', 'region', 'phone', 'enabled', 'password']));
  });
});

describe('GET /accounts', () => {
  it('pages a region\'s accounts by username, of one role when asked', async () => {
    for (const n of [1, 2, 3]) await admin('PUT', `/accounts/page-${n}`, { name: `县${n}`, role: 'submitter', region: '632722', enabled: true });
    const first = await admin<Body>('GET', '/accounts?region=632722&limit=2');
    expect(first.body.items.map((a: Body) => a.username)).toEqual(['page-1', 'page-2']);
    const second = await admin<Body>('GET', `/accounts?region=632722&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ username: 'page-3' })], nextCursor: null });
    expect((await admin<Body>('GET', '/accounts?region=632700&role=staff')).body.items.map((a: Body) => a.username)).toEqual(['yushu-clerk']);
    expect((await admin<Body>('GET', '/accounts?cursor=garbage')).status).toBe(400);
  });

  it('shows staff only the submitters and staff of their region (403 for another region or role, 404 for an admin)', async () => {
    const mine = await yushuStaff<Body>('GET', '/accounts');
    expect(mine.body.items.every((a: Body) => a.region.startsWith('6327') && ['submitter', 'staff'].includes(a.role))).toBe(true);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect((await yushuStaff('GET', '/accounts?region=630100')).status).toBe(403);
    expect((await yushuStaff('GET', '/accounts?role=admin')).status).toBe(403);
    expect((await yushuStaff('GET', '/accounts/admin-2')).status).toBe(404);
    expect((await xiningStaff('GET', '/accounts/13800000011')).status).toBe(404);
  });
});

describe('a disabled account', () => {
  it("is refused by the China profile's authorizer at its next sign-in, and let in again once enabled", async () => {
    setHandlerLogLevel('WARN');
    const accounts = accountRepository({ client: stack.client, tableName: stack.tableName });
    const authorize = authorizerWith(() => ({ verify: async () => ({ sub: 'kc-1', phone_number: '13800000011' }), accounts, accountClaim: 'phone_number' }));
    const event = { headers: { authorization: 'Bearer t' } } as unknown as APIGatewayRequestAuthorizerEventV2;
    const context = { awsRequestId: 'r1', functionName: 'authorize' } as Context;
    expect(await authorize(event, context)).toEqual({ isAuthorized: false, context: {} });
    await admin('PUT', '/accounts/13800000011', { ...head, enabled: true });
    expect(await authorize(event, context)).toMatchObject({ isAuthorized: true, context: { role: 'submitter', region: '632701', ministerId: 'm-632701-a' } });
  });
});
