import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handlerWith } from '#functions/handlers/records/create.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import { visitForm } from '#schemas/kinds/visit.ts';
import { apiEvent, json, lambdaContext } from './support/events.ts';
import { visitBody } from './support/visits.ts';
import { mockedRecordDeps } from './support/deps.ts';

const { ddb, deps } = mockedRecordDeps();
const handler = handlerWith(() => deps);
const post = (body: unknown, headers: Record<string, string> = {}) => handler(apiEvent('POST /visits', { body, headers }), lambdaContext);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => {
  ddb.reset();
  // No other visit holds this head's branch and day.
  ddb.on(GetCommand).resolves({});
  // Heads' names beside the answer are read in one batch; none stored here.
  ddb.on(BatchGetCommand).resolves({});
});

describe('POST /{kind} handler, on visits', () => {
  it('stores visit, change entry, slot and suggestion pointer in one transaction guarded by the minister', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const body = visitBody();
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(res.headers?.ETag).toBe('"1"');
    expect(json(res)).toMatchObject({ id: body.id, version: 1, status: 'submitted', review: { state: 'received' } });
    const [call] = ddb.commandCalls(TransactWriteCommand);
    const items = call.args[0].input.TransactItems!;
    expect(items[0].Put?.Item).toMatchObject({ pk: `visit#${body.id}`, sk: 'record', gsi1pk: 'visit', gsi1sk: `630102#${body.date}#${body.id}` });
    expect(items[1].Put?.Item).toMatchObject({ pk: `visit#${body.id}`, sk: 'change#000001', action: 'create', before: null });
    expect(items[2].ConditionCheck?.Key).toEqual({ pk: 'minister#m-630102-01', sk: 'record' });
    expect(items[3].Put?.Item).toMatchObject({ kind: 'visit-slot', visitId: body.id });
    // The suggestion's pointer, beside the work lists' counter the write moves (work-counters.ts).
    expect(items.find((item) => item.Put?.Item?.pk === `suggestion#${body.suggestions[0].id}`)?.Put?.Item).toMatchObject({ visitId: body.id });
    expect(items.some((item) => item.Update !== undefined)).toBe(true);
  });

  it('flags a second visit of the same head, branch and day as a suspected duplicate of the first', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const first = '0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11';
    ddb.on(GetCommand, { Key: { sk: 'slot' } }).resolves({ Item: { visitId: first } });
    const res = await post(visitBody());
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ duplicateOf: first });
    const items = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(items.some((i) => i.Put?.Item?.kind === 'visit-slot')).toBe(false);
  });

  it('plans again when another visit takes the slot between read and write', async () => {
    const first = '0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11';
    ddb.on(GetCommand, { Key: { sk: 'slot' } }).resolvesOnce({}).resolves({ Item: { visitId: first } });
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'None', 'ConditionalCheckFailed', 'None')).resolves({});
    const res = await post(visitBody());
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ duplicateOf: first });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('answers a retry of the same body with the stored visit (200) and writes nothing new', async () => {
    const body = visitBody();
    const stored = { ...visitForm.schemas.input.parse(body), review: { state: 'received' }, version: 1, createdAt: 'x', updatedAt: 'x' };
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None', 'None', 'None'));
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: { ...stored, pk: 'p', sk: 'record', fingerprint: fingerprint(visitForm.schemas.input.parse(body)) } });
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual(stored);
  });

  it('answers 409 when the id is stored with a different body', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None', 'None', 'None'));
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: { id: 'x', version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', fingerprint: 'another' } });
    const res = await post(visitBody());
    expect(res.statusCode).toBe(409);
    expect(res.headers?.['Content-Type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 422 on ministerId when the minister does not exist', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None', 'None'));
    const res = await post(visitBody(), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(json(res).errors).toEqual([{ path: 'ministerId', message: 'No such minister' }]);
  });

  it('retries a transaction conflict and then succeeds', async () => {
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict', 'None', 'None', 'None')).resolves({});
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

  it('serves every kind of the catalogue from the one function, by route key', async () => {
    const res = await handler(apiEvent('POST /problems', { body: { id: 'nope' }, headers: { 'accept-language': 'en' } }), lambdaContext);
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toContain('description');
    const unknown = await handler(apiEvent('POST /nothing', { body: {} }), lambdaContext);
    expect(unknown.statusCode).toBe(404);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('POST /problems handler, linking a finding', () => {
  it('refuses a link that would grow the inspection past the size a record may reach, writing nothing', async () => {
    const inspectionId = randomUUID();
    const findingId = randomUUID();
    // An inspection whose one finding already lists more problems than a record may hold.
    const problemIds = Array.from({ length: 4300 }, () => randomUUID());
    const inspection = {
      id: inspectionId, ministerId: 'm-630000-01', type: 'special', methods: ['check'], regionCode: '630000', date: '2026-11-01',
      findings: [{ id: findingId, text: '会议记录不规范', problemIds }], status: 'submitted', review: { state: 'received' },
      version: 7, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z',
    };
    ddb.on(GetCommand, { Key: { pk: `inspection#${inspectionId}`, sk: 'record' } }).resolves({ Item: inspection });
    ddb.on(TransactWriteCommand).resolves({});
    const problem = {
      id: randomUUID(), ministerId: 'm-630000-01', branch: { name: '东关村党支部', type: 'village', countyCode: '630102' }, description: '会议记录不规范',
      category: 'organizational_life', foundBy: { source: 'inspection', id: inspectionId, findingId }, foundOn: '2026-11-02',
      responsible: { unit: '村党支部' }, deadline: '2026-12-31',
    };
    const res = await handler(apiEvent('POST /problems', { body: problem, headers: { 'accept-language': 'en' } }), lambdaContext);
    expect(res.statusCode).toBe(422);
    expect(json(res).detail).toBe('This record has grown too large to add more');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
