import { describe, expect, inject, it, vi } from 'vitest';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { withHeadNames } from '#functions/use-cases/records/read-records.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * A head's name beside their records (every record answer, the trail's author) is read once for a
 * burst of writes, not once a write; a rename through the same repository shows at once.
 */
describe("heads' names beside records", () => {
  it('reads a name once for many answers, and shows a rename at once', async () => {
    const tableName = await createTestTable();
    const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
    const deps = makeRecordDeps({ client, tableName });
    const actor = { by: 'admin', requestId: 'r' };
    const head = await putMinister(deps, 'm-630102-01', { name: '王建国', level: 'county', regionCode: '630102', contactBranches: [] }, undefined, actor);

    const sent = vi.spyOn(client, 'send');
    const gets = () => sent.mock.calls.filter(([command]) => command instanceof BatchGetCommand).length;
    for (let i = 0; i < 5; i++) expect(await deps.ministers.nameOf('m-630102-01')).toBe('王建国');
    expect(gets()).toBe(1);
    expect(await deps.ministers.nameOf('m-630102-99')).toBeUndefined();

    await putMinister(deps, 'm-630102-01', { name: '王建华', level: 'county', regionCode: '630102', contactBranches: [] }, head.minister.version, actor);
    expect(await deps.ministers.nameOf('m-630102-01')).toBe('王建华');
    client.destroy();
  });

  it("reads a list's heads together, whatever their number: one call per 100 not kept", async () => {
    const tableName = await createTestTable();
    const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
    const deps = makeRecordDeps({ client, tableName });
    const actor = { by: 'admin', requestId: 'r' };
    const ids = Array.from({ length: 130 }, (_, i) => `m-630102-${String(i).padStart(3, '0')}`);
    for (const [i, id] of ids.entries()) await putMinister(deps, id, { name: `部长${i}`, level: 'county', regionCode: '630102', contactBranches: [] }, undefined, actor);
    const fresh = makeRecordDeps({ client, tableName });

    const sent = vi.spyOn(client, 'send');
    const records = [...ids, ...ids, 'm-630102-none'].map((ministerId) => ({ ministerId }));
    const named = await withHeadNames(fresh, records);
    expect(sent.mock.calls.map(([command]) => command.constructor.name)).toEqual(['BatchGetCommand', 'BatchGetCommand']);
    expect(named.slice(0, 130).map((r) => r.ministerName)).toEqual(ids.map((_, i) => `部长${i}`));
    expect(named.at(-1)).toEqual({ ministerId: 'm-630102-none' });
    // Kept now: the next page asks for none of them again.
    await withHeadNames(fresh, records.slice(0, 130));
    expect(sent).toHaveBeenCalledTimes(2);
    client.destroy();
  });
});
