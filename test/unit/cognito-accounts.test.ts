import { afterEach, describe, expect, it, vi } from 'vitest';
import { cognitoAccounts, cognitoJsonCall, COGNITO_ACCOUNT_ACTIONS } from '#functions/adapters/cognito-accounts.ts';
import type { Account } from '#functions/ports/accounts.ts';

const POOL = 'cn-northwest-1_AbC123';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

interface Sent { url: string; target: string; authorization: string; body: Record<string, unknown> }

/** A stubbed fetch answering each action from `answers` (an error as `{ status, __type }`), recording each request. */
function stubFetch(answers: Partial<Record<string, (body: Record<string, unknown>) => { status?: number; json: unknown }>>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string>; body: string }) => {
    const target = init.headers['x-amz-target'] ?? '';
    const body = JSON.parse(init.body) as Record<string, unknown>;
    sent.push({ url, target, authorization: init.headers.authorization ?? '', body });
    const answer = answers[target.split('.').pop() ?? '']?.(body) ?? { json: {} };
    return new Response(JSON.stringify(answer.json), { status: answer.status ?? 200 });
  });
  return sent;
}

const notFound = () => ({ status: 400, json: { __type: 'UserNotFoundException', message: 'User does not exist.' } });
const user = (username: string, attributes: Record<string, string>, enabled = true) => ({
  Username: username, Enabled: enabled, UserLastModifiedDate: 1_765_000_000,
  Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
});
const head: Account = { username: 'u-1', name: '王芳', role: 'submitter', region: '630102', ministerId: 'm-1', phone: '13800000000', enabled: true, updatedAt: '2026-12-07T00:00:00.000Z' };

afterEach(() => vi.unstubAllGlobals());

describe('the Cognito accounts adapter', () => {
  it('signs a JSON call to the pool of the region, China under amazonaws.com.cn', async () => {
    const sent = stubFetch({ AdminGetUser: notFound, AdminCreateUser: () => ({ json: {} }) });
    await cognitoAccounts(cognitoJsonCall('cn-northwest-1', credentials), POOL).put(head);
    expect(sent[0]!.url).toBe('https://cognito-idp.cn-northwest-1.amazonaws.com.cn/');
    expect(sent[0]!.target).toBe('AWSCognitoIdentityProviderService.AdminGetUser');
    expect(sent[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/cn-northwest-1\/cognito-idp\/aws4_request/);
  });

  it('creates a new account with the invitation (no MessageAction, no password) and its attributes', async () => {
    const sent = stubFetch({ AdminGetUser: notFound, AdminCreateUser: () => ({ json: {} }) });
    await cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL).put(head);
    expect(sent.map((s) => s.target)).toEqual(['AWSCognitoIdentityProviderService.AdminGetUser', 'AWSCognitoIdentityProviderService.AdminCreateUser']);
    expect(sent[1]!.body).toEqual({
      UserPoolId: POOL, Username: 'u-1',
      UserAttributes: [
        { Name: 'name', Value: '王芳' }, { Name: 'custom:role', Value: 'submitter' }, { Name: 'custom:region', Value: '630102' },
        { Name: 'custom:ministerId', Value: 'm-1' }, { Name: 'phone_number', Value: '+8613800000000' },
      ],
    });
  });

  it('replaces an existing account by its attributes, disabling it when asked (and clears a head served)', async () => {
    const sent = stubFetch({ AdminGetUser: () => ({ json: { Username: 'u-1', Enabled: true, UserAttributes: [{ Name: 'custom:role', Value: 'submitter' }, { Name: 'custom:region', Value: '630102' }] } }) });
    const { ministerId: _none, ...noHead } = head;
    await cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL).put({ ...noHead, enabled: false });
    expect(sent.map((s) => s.target.split('.').pop())).toEqual(['AdminGetUser', 'AdminUpdateUserAttributes', 'AdminDisableUser']);
    expect(sent[1]!.body.UserAttributes).toContainEqual({ Name: 'custom:ministerId', Value: '' });
    expect(sent[2]!.body).toEqual({ UserPoolId: POOL, Username: 'u-1' });
  });

  it('re-enables a disabled account, and reads one back mapped from its attributes', async () => {
    const sent = stubFetch({ AdminGetUser: () => ({ json: { ...user('u-1', { name: '王芳', 'custom:role': 'submitter', 'custom:region': '630102', 'custom:ministerId': 'm-1', phone_number: '+8613800000000' }, false), Attributes: undefined, UserAttributes: [{ Name: 'name', Value: '王芳' }, { Name: 'custom:role', Value: 'submitter' }, { Name: 'custom:region', Value: '630102' }, { Name: 'custom:ministerId', Value: 'm-1' }, { Name: 'phone_number', Value: '+8613800000000' }] } }) });
    const directory = cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL);
    expect(await directory.get('u-1')).toEqual({ ...head, phone: '+8613800000000', enabled: false, updatedAt: new Date(1_765_000_000_000).toISOString() });
    await directory.put(head);
    expect(sent.map((s) => s.target.split('.').pop())).toEqual(['AdminGetUser', 'AdminGetUser', 'AdminUpdateUserAttributes', 'AdminEnableUser']);
  });

  it('answers no account for an unknown user, and lets other errors through', async () => {
    stubFetch({ AdminGetUser: notFound });
    expect(await cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL).get('nobody')).toBeUndefined();
    stubFetch({ AdminGetUser: () => ({ status: 400, json: { __type: 'com.amazonaws#NotAuthorizedException' } }) });
    await expect(cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL).get('x')).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });

  it("lists a region's accounts of the roles asked across the pool's pages, resuming mid-page by its cursor", async () => {
    const pages: Record<string, { Users: unknown[]; PaginationToken?: string }> = {
      first: { Users: [user('a', { 'custom:role': 'staff', 'custom:region': '630100' }), user('b', { 'custom:role': 'admin', 'custom:region': '630000' }), user('c', { 'custom:role': 'submitter', 'custom:region': '630102' })], PaginationToken: 'p2' },
      p2: { Users: [user('d', { 'custom:role': 'submitter', 'custom:region': '632200' }), user('e', { 'custom:role': 'submitter', 'custom:region': '630103' }), user('f', {})] },
    };
    const sent = stubFetch({ ListUsers: (body) => ({ json: pages[typeof body.PaginationToken === 'string' ? body.PaginationToken : 'first'] }) });
    const directory = cognitoAccounts(cognitoJsonCall('ap-southeast-1', credentials), POOL);
    const one = await directory.list({ region: '630100', roles: ['submitter', 'staff'], limit: 2 });
    expect(one.items.map((a) => a.username)).toEqual(['a', 'c']);
    const two = await directory.list({ region: '630100', roles: ['submitter', 'staff'], limit: 2, cursor: one.nextCursor ?? undefined });
    expect(two).toMatchObject({ items: [{ username: 'e' }], nextCursor: null });
    expect(sent[0]!.body).toEqual({ UserPoolId: POOL, Limit: 60 });
    expect(new Set(sent.map((s) => s.target.split('.').pop()))).toEqual(new Set(['ListUsers']));
  });

  it('uses only the actions infra grants', () => {
    expect(COGNITO_ACCOUNT_ACTIONS).toEqual(['AdminGetUser', 'AdminCreateUser', 'AdminUpdateUserAttributes', 'AdminDisableUser', 'AdminEnableUser', 'ListUsers']);
  });
});
