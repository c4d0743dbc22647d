import { beforeEach, describe, expect, it } from 'vitest';
import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { handlerWith as correctWith } from '#functions/handlers/records/correct.ts';
import { handlerWith as withdrawWith } from '#functions/handlers/records/withdraw.ts';
import { handlerWith as progressWith } from '#functions/handlers/suggestions/progress.ts';
import { visitForm } from '#schemas/kinds/visit.ts';
import { apiEvent, json, lambdaContext } from './support/events.ts';
import { visitBody } from './support/visits.ts';
import { mockedRecordDeps } from './support/deps.ts';

const { ddb, deps } = mockedRecordDeps();
const [correct, withdraw, progress] = [correctWith, withdrawWith, progressWith].map((make) => make(() => deps));

function storedVisit(overrides: Record<string, unknown> = {}) {
  const input = visitForm.schemas.input.parse(visitBody({ suggestions: [{ ...visitBody().suggestions[0], status: 'pending', response: undefined }] }));
  return { ...input, review: { state: 'received' }, version: 2, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-02T00:00:00.000Z', ...overrides };
}

const patchVisit = (id: string, body: unknown, ifMatch?: string) =>
  correct(apiEvent('PATCH /visits/{id}', { pathParameters: { id }, body, headers: ifMatch ? { 'if-match': ifMatch } : {} }), lambdaContext);

beforeEach(() => {
  ddb.reset();
  // Heads' names beside the answer are read in one batch; none stored here.
  ddb.on(BatchGetCommand).resolves({});
});

describe('corrections', () => {
  it('writes version n+1 with a before/after change entry, conditioned on version n', async () => {
    const visit = storedVisit();
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: visit });
    ddb.on(TransactWriteCommand).resolves({});
    const res = await patchVisit(visit.id, { participants: 50 }, '"2"');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.ETag).toBe('"3"');
    const items = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(items[0].Put?.ConditionExpression).toBe('version = :expected');
    expect(items[0].Put?.ExpressionAttributeValues).toEqual({ ':expected': 2 });
    expect(items[1].Put?.Item).toMatchObject({ sk: 'change#000003', action: 'correct', before: { participants: 42 }, after: { participants: 50 } });
  });

  it('412 on a stale If-Match, 428 without one, and nothing written', async () => {
    const visit = storedVisit();
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: visit });
    expect((await patchVisit(visit.id, { participants: 50 }, '"1"')).statusCode).toBe(412);
    expect((await patchVisit(visit.id, { participants: 50 })).statusCode).toBe(428);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('412 when another writer wins the race between read and write', async () => {
    const visit = storedVisit();
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: visit });
    ddb.on(TransactWriteCommand).rejects(new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }));
    expect((await patchVisit(visit.id, { participants: 50 }, '"2"')).statusCode).toBe(412);
  });

  it('checks the merged visit by the same rules as a new one (422)', async () => {
    const visit = storedVisit({ symposiums: 0 });
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: visit });
    const res = await patchVisit(visit.id, { sessions: [] }, '"2"');
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toEqual(['sessions']);
  });

  it('404 for an unknown visit or a malformed id', async () => {
    ddb.on(GetCommand).resolves({});
    expect((await patchVisit('0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11', { participants: 1 }, '"1"')).statusCode).toBe(404);
    expect((await patchVisit('../../etc', { participants: 1 }, '"1"')).statusCode).toBe(404);
  });
});

describe('withdrawal', () => {
  it('marks the visit withdrawn; a second withdrawal or a correction afterwards is a 409', async () => {
    const visit = storedVisit();
    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: visit });
    ddb.on(TransactWriteCommand).resolves({});
    const res = await withdraw(apiEvent('DELETE /visits/{id}', { pathParameters: { id: visit.id }, headers: { 'if-match': '"2"' } }), lambdaContext);
    expect(json(res)).toMatchObject({ status: 'withdrawn', version: 3 });

    ddb.on(GetCommand).resolves({}).on(GetCommand, { Key: { sk: 'record' } }).resolves({ Item: { ...visit, status: 'withdrawn', version: 3 } });
    const again = await withdraw(apiEvent('DELETE /visits/{id}', { pathParameters: { id: visit.id }, headers: { 'if-match': '"3"' } }), lambdaContext);
    expect(again.statusCode).toBe(409);
    expect((await patchVisit(visit.id, { participants: 1 }, '"3"')).statusCode).toBe(409);
  });
});

describe('suggestion progress', () => {
  const move = (id: string, body: unknown, ifMatch = '"2"') =>
    progress(apiEvent('PATCH /suggestions/{id}', { pathParameters: { id }, body, headers: { 'if-match': ifMatch } }), lambdaContext);

  it.each([
    ['pending', 'answered', 200], ['pending', 'resolved', 200], ['answered', 'resolved', 200],
    ['answered', 'pending', 409], ['resolved', 'answered', 409], ['resolved', 'resolved', 409], ['pending', 'pending', 409],
  ])('%s → %s answers %i', async (from, to, status) => {
    const visit = storedVisit();
    const suggestion = { ...visit.suggestions[0], status: from };
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: `suggestion#${suggestion.id}`, sk: 'pointer' } }).resolves({ Item: { visitId: visit.id } });
    ddb.on(GetCommand, { Key: { pk: `visit#${visit.id}`, sk: 'record' } }).resolves({ Item: { ...visit, suggestions: [suggestion] } });
    ddb.on(TransactWriteCommand).resolves({});
    const res = await move(suggestion.id, { status: to, response: '已解决' });
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(json(res).suggestions[0]).toMatchObject({ status: to, response: '已解决' });
  });

  it('404 when no visit holds the suggestion', async () => {
    ddb.on(GetCommand).resolves({});
    expect((await move('0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11', { status: 'resolved' })).statusCode).toBe(404);
  });
});
