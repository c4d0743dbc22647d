import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { NewNotice } from '#functions/domain/notices.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The daily run meets the same standing conditions day after day (a problem overdue stays overdue):
 * delivering notices already made reads which ids are held, a hundred at a time, and writes none.
 */
let client: ReturnType<typeof createDocumentClient>;
let tableName: string;
const sent: string[] = [];

beforeAll(async () => {
  tableName = await createTestTable();
  client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
  client.middlewareStack.add((next, context) => async (args) => {
    sent.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize', name: 'countCommands' });
});
afterAll(() => client?.destroy());

const overdue = (i: number, createdAt: string): NewNotice => ({
  to: { head: `m-${i % 7}` }, rule: 'problem.overdue', subject: { kind: 'problem', id: `p-${i}` }, period: '2026-11-30',
  title: '红灯 逾期', body: '整改期限 2026-11-30 已过', createdAt,
});

describe('delivering the notices of standing conditions', () => {
  it('writes only the new ones: a day later, 250 made before cost three reads and no write', async () => {
    const notices = noticeRepository({ client, tableName });
    const first = Array.from({ length: 250 }, (_, i) => overdue(i, '2026-12-06T00:30:00.000Z'));
    expect(await notices.deliver(first)).toHaveLength(250);

    sent.length = 0;
    const nextDay = [...Array.from({ length: 250 }, (_, i) => overdue(i, '2026-12-07T00:30:00.000Z')), overdue(250, '2026-12-07T00:30:00.000Z')];
    expect(await notices.deliver(nextDay)).toHaveLength(1);
    expect(sent.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect(sent.filter((c) => c === 'BatchGetItemCommand')).toHaveLength(3);
  });
});
