import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handler } from '#functions/handlers/visits/create.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { visitInputSchema } from '#schemas/visit.ts';
import { apiEvent, json, lambdaContext } from './support/events.ts';
import { visitBody } from './support/visits.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const post = (body: unknown, headers: Record<string, string> = {}) => handler(apiEvent('POST /visits', { body, headers }), lambdaContext);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => ddb.reset());

describe('POST /visits handler', () => {
  it('stores visit, change entry and suggestion pointer in one transaction guarded by the minister', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const body = visitBody();
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(res.headers?.ETag).toBe('"1"');
    expect(json(res)).toMatchObject({ id: body.id, version: 1, status: 'submitted' });
    const [call] = ddb.commandCalls(TransactWriteCommand);
    const items = call.args[0].input.TransactItems!;
    expect(items[0].ConditionCheck?.Key).toEqual({ pk: 'minister#m-630102-01', sk: 'record' });
    expect(items[1].Put?.Item).toMatchObject({ pk: `visit#${body.id}`, sk: 'record', gsi1pk: 'visit', gsi1sk: `630102#${body.date}#${body.id}` });
    expect(items[2].Put?.Item).toMatchObject({ pk: `visit#${body.id}`, sk: 'change#000001', action: 'create', before: null });
    expect(items[3].Put?.Item).toMatchObject({ pk: `suggestion#${body.suggestions[0].id}`, visitId: body.id });
  });

  it('answers a retry of the same body with the stored visit (200) and writes nothing new', async () => {
    const body = visitBody();
    const stored = { ...visitInputSchema.parse(body), status: 'submitted', version: 1, createdAt: 'x', updatedAt: 'x' };
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));
    ddb.on(GetCommand).resolves({ Item: { ...stored, pk: 'p', sk: 'record', fingerprint: fingerprint(visitInputSchema.parse(body)) } });
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual(stored);
  });

  it('answers 409 when the id is stored with a different body', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));
    ddb.on(GetCommand).resolves({ Item: { id: 'x', fingerprint: 'another' } });
    const res = await post(visitBody());
    expect(res.statusCode).toBe(409);
    expect(res.headers?.['Content-Type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 422 on ministerId when the minister does not exist', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'));
    const res = await post(visitBody(), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(json(res).errors).toEqual([{ path: 'ministerId', message: 'No such minister' }]);
  });

  it('retries a transaction conflict and then succeeds', async () => {
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict', 'None', 'None')).resolves({});
    const res = await post(visitBody());
    expect(res.statusCode).toBe(201);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('turns throttling into 503 with Retry-After and no internals', async () => {
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' });
    ddb.on(TransactWriteCommand).rejects(throttled);
    const res = await post(visitBody());
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['Retry-After']).toMatch(/^\d+$/);
    expect(res.body).not.toContain('throughput');
  });

  it('turns a timeout into 503', async () => {
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    expect((await post(visitBody())).statusCode).toBe(503);
  });

  it('turns an unexpected failure into a plain 500 that reveals nothing', async () => {
    ddb.on(TransactWriteCommand).rejects(new Error('ValidationException: secret table layout'));
    const res = await post(visitBody());
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/secret|ValidationException|stack/);
    expect(json(res)).toMatchObject({ status: 500, type: '/problems/internal' });
  });

  it('refuses before touching the database: 415, 413, 400, 422', async () => {
    const event = (init: Parameters<typeof apiEvent>[1]) => handler(apiEvent('POST /visits', init), lambdaContext);
    expect((await event({ rawBody: '{}', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(415);
    expect((await event({ rawBody: JSON.stringify({ notes: 'x'.repeat(70_000) }) })).statusCode).toBe(413);
    expect((await event({ rawBody: '{"id": ' })).statusCode).toBe(400);
    expect((await event({ body: { id: 'nope' } })).statusCode).toBe(422);
    expect(ddb.calls()).toHaveLength(0);
  });
});
