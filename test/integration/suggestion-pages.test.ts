import { randomUUID } from 'node:crypto';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { type Visit, visitKind } from '#schemas/kinds/visit.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { listSuggestions } from '#functions/use-cases/visits/list-suggestions.ts';
import { writeItems } from '../../bench/rollup.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * The pending suggestions ledger reads the visits whose suggestions fill its page, no more: each
 * visit's key in the work list says how many of its suggestions wait.
 */
describe("the suggestions ledger's pages", () => {
  it('read only the visits a page shows, and page on with none lost or repeated', async () => {
    const tableName = await createTestTable();
    const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
    const deps = makeRecordDeps({ client, tableName });
    const at = new Date().toISOString();
    const today = beijingDate();
    // 30 visits, two suggestions waiting on each (one answered beside them on every third).
    const visits: Visit[] = Array.from({ length: 30 }, (_, i) => ({
      id: randomUUID(), version: 1, createdAt: at, updatedAt: at, ministerId: 'm-630102-01', status: 'submitted', review: { state: 'received' },
      date: addDays(today, -1 - i), sessions: ['party_lecture'], symposiums: 1, participants: 12,
      branch: { name: `第${i}村党支部`, type: 'village', countyCode: '630102' },
      suggestions: [
        { id: randomUUID(), text: `建议${i}甲`, channel: 'symposium', status: 'pending' },
        { id: randomUUID(), text: `建议${i}乙`, channel: 'symposium', status: 'pending' },
        ...(i % 3 === 0 ? [{ id: randomUUID(), text: `建议${i}丙`, channel: 'symposium' as const, status: 'answered' as const, response: '已答复' }] : []),
      ],
    }));
    await writeItems(client, tableName, visits.flatMap((visit) => recordRepository({ client, tableName }).storedItems(visitKind, visit, {
      version: 1, action: 'create', at, by: 'test', requestId: 'bulk', before: null, after: visit,
    })));

    const sent = vi.spyOn(client, 'send');
    const first = await listSuggestions(deps, { status: 'pending', limit: 10 });
    const visitsRead = sent.mock.calls.flatMap(([command]) => (command instanceof BatchGetCommand ? Object.values(command.input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []) : []))
      .filter((key) => String(key.pk).startsWith('visit#'));
    expect(first.items).toHaveLength(10);
    expect(visitsRead).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();

    const seen = [...first.items];
    for (let cursor = first.nextCursor; cursor;) {
      const page = await listSuggestions(deps, { status: 'pending', limit: 7, cursor });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((s) => s.id).sort()).toEqual(visits.flatMap((v) => v.suggestions.filter((s) => s.status === 'pending').map((s) => s.id)).sort());
    client.destroy();
  });
});
