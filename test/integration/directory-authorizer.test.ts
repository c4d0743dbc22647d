import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { oidcVerifier } from '#functions/adapters/oidc-tokens.ts';
import { handlerWith } from '#functions/handlers/auth/authorize.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import type { Account } from '#functions/ports/accounts.ts';
import { setHandlerLogLevel } from '#local/handler-env.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The China profile's sign-in: another OpenID Connect issuer signs the tokens, our own directory (the
 * table's accounts) says what each person may do, and the authorizer function joins the two. Here the
 * issuer is a real HTTP server publishing its discovery document and keys, the directory DynamoDB Local.
 */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let issuerServer: Server;
let issuer: string;
let accounts: ReturnType<typeof accountRepository>;
let handler: ReturnType<typeof handlerWith>;

beforeAll(async () => {
  setHandlerLogLevel('WARN');
  issuerServer = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/realms/qinghai/.well-known/openid-configuration') response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
    else if (request.url === '/realms/qinghai/certs') response.end(JSON.stringify({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    else response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/realms/qinghai`;
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const tableName = await createTestTable(dynamodbEndpoint);
  const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodbEndpoint, AWS_REGION: 'cn-northwest-1' });
  accounts = accountRepository({ client, tableName });
  const deps = { verify: oidcVerifier({ issuer, audience: ['xiajiceng-web'] }), accounts, accountClaim: 'phone_number' };
  handler = handlerWith(() => deps);
});
afterAll(() => new Promise<void>((resolve) => issuerServer.close(() => resolve())));

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function tokenFor(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ iss: issuer, aud: 'xiajiceng-web', exp: now + 300, iat: now, ...claims })}`;
  return `${head}.${sign('sha256', Buffer.from(head), keys.privateKey).toString('base64url')}`;
}

const authorizerEvent = (authorization?: string): APIGatewayRequestAuthorizerEventV2 => ({
  version: '2.0', type: 'REQUEST', routeArn: 'arn:aws-cn:execute-api:cn-northwest-1:123456789012:abc/$default/GET/work-counts',
  identitySource: authorization ? [authorization] : [], cookies: [], routeKey: 'GET /work-counts', rawPath: '/work-counts', rawQueryString: '',
  headers: authorization ? { authorization } : {},
  requestContext: {
    accountId: '123456789012', apiId: 'abc', domainName: 'localhost', domainPrefix: 'localhost', requestId: 'r1', routeKey: 'GET /work-counts',
    stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
    http: { method: 'GET', path: '/work-counts', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
  },
});
const context = { awsRequestId: 'r1', functionName: 'authorize' } as Context;
const authorizeWith = (authorization?: string) => handler(authorizerEvent(authorization), context);

const staff: Account = { username: '13800000001', name: '李四', role: 'staff', region: '632500', phone: '13800000001', enabled: true, updatedAt: '2026-12-07T00:00:00Z' };

describe('the directory authorizer', () => {
  it("grants an account named by the issuer's claim what the directory says, in the caller's shape", async () => {
    await accounts.put(staff);
    await accounts.put({ ...staff, username: '13800000002', name: '王五', role: 'submitter', region: '632521', ministerId: 'm-632521-01' });
    expect(await authorizeWith(`Bearer ${tokenFor({ sub: 'kc-1', phone_number: '13800000001' })}`))
      .toEqual({ isAuthorized: true, context: { sub: 'kc-1', role: 'staff', region: '632500', name: '李四' } });
    expect(await authorizeWith(`Bearer ${tokenFor({ sub: 'kc-2', phone_number: '13800000002' })}`))
      .toEqual({ isAuthorized: true, context: { sub: 'kc-2', role: 'submitter', region: '632521', name: '王五', ministerId: 'm-632521-01' } });
  });

  it('refuses a person the directory does not have, a disabled account, and no or a forged token', async () => {
    await accounts.put({ ...staff, username: '13800000003', enabled: false });
    const refused = { isAuthorized: false, context: {} };
    expect(await authorizeWith(`Bearer ${tokenFor({ sub: 'kc-9', phone_number: '13900000000' })}`)).toEqual(refused);
    expect(await authorizeWith(`Bearer ${tokenFor({ sub: 'kc-3', phone_number: '13800000003' })}`)).toEqual(refused);
    expect(await authorizeWith()).toEqual(refused);
    expect(await authorizeWith('Basic dXNlcjpwYXNz')).toEqual(refused);
    const forged = tokenFor({ sub: 'kc-1', phone_number: '13800000001' }).replace(/\.[^.]+$/, '.AAAA');
    expect(await authorizeWith(`Bearer ${forged}`)).toEqual(refused);
  });

  it('sees a disabling at once: the next token of that person is refused', async () => {
    await accounts.put({ ...staff, username: '13800000004' });
    const token = `Bearer ${tokenFor({ sub: 'kc-4', phone_number: '13800000004' })}`;
    expect((await authorizeWith(token)).isAuthorized).toBe(true);
    await accounts.put({ ...staff, username: '13800000004', enabled: false });
    expect((await authorizeWith(token)).isAuthorized).toBe(false);
  });
});
