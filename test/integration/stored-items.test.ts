import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { branchNameKey } from '#schemas/common.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { attachmentRepository } from '#functions/repositories/attachment-repository.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import type { Change } from '#functions/rollup/fold.ts';
import { codeKey } from '#functions/repositories/branch-repository.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * A table written as the code before the item declarations (functions/items/) wrote it, item by
 * item with raw PutItem, reads back through the declarations as it did then: no data migration.
 * Ids and instants are fixed, so the items below are byte for byte what that code stored.
 */
const VISIT_ID = '0b6e4c1e-4c7f-4d58-9a43-3c1f0d9e8a01';
const SUGGESTION_ID = '5d0c1c8e-7a0e-4f49-b7a4-0c1f6f3c9a02';
const ATTACHMENT_ID = '8f1e2d3c-4b5a-4697-8877-665544332211';
const BRANCH_ID = 'c0ffee00-0000-4000-8000-000000000001';

const visitV1 = {
  id: VISIT_ID, ministerId: 'm-630102', date: '2026-11-01',
  branch: { countyCode: '630102', type: 'village', name: '东关村党支部' },
  sessions: ['party_lecture'], symposiums: 1, participants: 20,
  suggestions: [{ id: SUGGESTION_ID, text: '修一条路', channel: 'symposium', status: 'pending' }],
  status: 'submitted', review: { state: 'received' }, submittedBy: 'u-1',
  version: 1, createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:00:00.000Z',
};
/** Version 2 moved the visit to another head, leaving a hand-over marker in the first head's trail. */
const visitV2 = { ...visitV1, ministerId: 'm-630103', version: 2, updatedAt: '2026-11-02T03:00:00.000Z' };
/** A record stored before reviews existed: it still reads, as it did. */
const { review: _review, ...visitWithoutReview } = { ...visitV1, id: '0b6e4c1e-4c7f-4d58-9a43-3c1f0d9e8a09', date: '2026-10-01' };

const branch = {
  id: BRANCH_ID, countyCode: '630102', type: 'village', name: '东关村党支部', code: 'QH-0001', status: 'active', formerNames: [],
  version: 1, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z',
};
const minister = {
  id: 'm-630102', name: '张三', level: 'county', regionCode: '630102', contactBranches: [],
  version: 1, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z',
};
const attachment = {
  id: ATTACHMENT_ID, contentType: 'image/jpeg', size: 1234, status: 'stored', uploadedBy: 'u-1', fingerprint: 'f',
  objectKey: `attachments/${ATTACHMENT_ID}/a`, createdAt: '2026-11-01T01:00:00.000Z', updatedAt: '2026-11-01T01:05:00.000Z',
  verifiedAt: '2026-11-01T01:05:00.000Z', facts: { kind: 'image', capturedAt: '2026-11-01T09:00:00+08:00' },
};
const change = (version: number, before: object | null, after: object, at: string) => ({
  version, action: version === 1 ? 'create' : 'correct', at, by: 'u-1', requestId: `r-${version}`, before, after,
});
const totals = { ministers: 1, sessions: 3 };
const snapshot = {
  asOf: '2026-11-01', provisional: false, generatedAt: '2026-11-01T16:30:00.000Z',
  region: { code: '630102', name: '城东区', level: 'county' }, totals, sincePrevious: null, restatedMonths: [], children: [],
};
/** Stored before the day's comparison was kept (no sincePrevious, no restatedMonths), and before most figures existed. */
const { sincePrevious: _s, restatedMonths: _r, ...olderSnapshot } = { ...snapshot, asOf: '2026-10-31', generatedAt: '2026-10-31T16:30:00.000Z' };
const state = { figures: { visits: 1 }, ministers: { 'm-630102': 1 }, registry: { village: 'abcdefghijkl' } };

/** The items as the code before the declarations wrote them. */
const ITEMS: Record<string, unknown>[] = [
  {
    ...visitV2, gsi1pk: 'visit', gsi1sk: `630102#2026-11-01#${VISIT_ID}`, gsi2pk: 'visit#m-630103', gsi2sk: `2026-11-01#${VISIT_ID}`,
    listDate: '2026-11-01', pk: `visit#${VISIT_ID}`, sk: 'record', kind: 'visit', fingerprint: 'fp-visit',
  },
  {
    ...visitWithoutReview, gsi1pk: 'visit', gsi1sk: `630102#2026-10-01#${visitWithoutReview.id}`, gsi2pk: 'visit#m-630102', gsi2sk: `2026-10-01#${visitWithoutReview.id}`,
    listDate: '2026-10-01', pk: `visit#${visitWithoutReview.id}`, sk: 'record', kind: 'visit',
  },
  {
    pk: `visit#${VISIT_ID}`, sk: 'change#000001', kind: 'visit-change', recordId: VISIT_ID, ...change(1, null, visitV1, '2026-11-01T02:00:00.000Z'),
    gsi3pk: 'day#2026-11-01', gsi3sk: `2026-11-01T02:00:00.000Z#visit#${VISIT_ID}#1`, gsi2pk: 'changes#m-630102', gsi2sk: `2026-11-01T02:00:00.000Z#visit#${VISIT_ID}#000001`,
  },
  {
    pk: `visit#${VISIT_ID}`, sk: 'change#000002', kind: 'visit-change', recordId: VISIT_ID, ...change(2, visitV1, visitV2, '2026-11-02T03:00:00.000Z'), byName: '李四',
    gsi3pk: 'day#2026-11-02', gsi3sk: `2026-11-02T03:00:00.000Z#visit#${VISIT_ID}#2`, gsi2pk: 'changes#m-630103', gsi2sk: `2026-11-02T03:00:00.000Z#visit#${VISIT_ID}#000002`,
  },
  {
    pk: `visit#${VISIT_ID}`, sk: 'handover#000002', kind: 'visit-handover', recordId: VISIT_ID, version: 2, at: '2026-11-02T03:00:00.000Z', to: 'm-630103',
    gsi2pk: 'changes#m-630102', gsi2sk: `2026-11-02T03:00:00.000Z#visit#${VISIT_ID}#000002`,
  },
  { pk: `suggestion#${SUGGESTION_ID}`, sk: 'pointer', kind: 'suggestion-pointer', visitId: VISIT_ID },
  { ...branch, gsi1pk: 'branch', gsi1sk: `630102#东关村党支部#${BRANCH_ID}`, searchText: '东关村党支部', pk: `branch#${BRANCH_ID}`, sk: 'record', kind: 'branch' },
  {
    pk: `branch#${BRANCH_ID}`, sk: 'change#000001', kind: 'branch-change', recordId: BRANCH_ID, ...change(1, null, branch, '2026-10-01T00:00:00.000Z'),
    gsi3pk: 'day#2026-10-01', gsi3sk: `2026-10-01T00:00:00.000Z#branch#${BRANCH_ID}#1`,
  },
  { pk: `branch-code#${branchNameKey('QH-0001')}`, sk: 'code', kind: 'branch-code', branchId: BRANCH_ID },
  // A head stored before terms were kept.
  { ...minister, gsi1pk: 'minister', gsi1sk: '630102#m-630102', pk: 'minister#m-630102', sk: 'record', kind: 'minister', fingerprint: 'fp-m' },
  { ...attachment, pk: `attachment#${ATTACHMENT_ID}`, sk: 'attachment', kind: 'attachment' },
  { pk: `attachment#${ATTACHMENT_ID}`, sk: `heldby#visit#${VISIT_ID}`, kind: 'attachment-holder', recordId: VISIT_ID },
  { pk: 'rollup-state#2026-11-01', sk: '630102', kind: 'rollup-state', state: JSON.stringify(state) },
  { pk: 'rollup-days', sk: '2026-10-31', kind: 'rollup-day', closedAt: '2026-10-31T16:30:00.000Z' },
  { pk: 'rollup-days', sk: '2026-11-01', kind: 'rollup-day', closedAt: '2026-11-01T16:30:00.000Z', countingRules: 4 },
  { pk: 'snapshot#630102', sk: '2026-10-31', kind: 'snapshot', snapshot: JSON.stringify(olderSnapshot) },
  { pk: 'snapshot#630102', sk: '2026-11-01', kind: 'snapshot', snapshot: JSON.stringify(snapshot) },
];

describe('items stored by the code before the declarations', () => {
  let store: StoreDeps;

  beforeAll(async () => {
    const tableName = await createTestTable();
    store = { client: createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }), tableName };
    for (let i = 0; i < ITEMS.length; i += 25) {
      await store.client.send(new BatchWriteCommand({ RequestItems: { [tableName]: ITEMS.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  });

  it('reads records, their history, their trail and what they hold as before', async () => {
    const { records, lists } = makeRecordDeps(store);
    expect(await records.get(visitKind, VISIT_ID)).toEqual({ record: visitV2, fingerprint: 'fp-visit' });
    expect(await records.get(visitKind, visitWithoutReview.id)).toEqual({ record: visitWithoutReview });
    expect(await records.history(visitKind, VISIT_ID)).toEqual([
      change(1, null, visitV1, '2026-11-01T02:00:00.000Z'), { ...change(2, visitV1, visitV2, '2026-11-02T03:00:00.000Z'), byName: '李四' },
    ]);
    const page = await lists.list(visitKind, { county: '630102', limit: 10 });
    expect(page).toEqual({ items: [visitWithoutReview, visitV2], nextCursor: null });
    expect(await records.trail('m-630102', 2026, '2026-12-01')).toEqual([
      { kind: 'visit', recordId: VISIT_ID, version: 1, after: visitV1 },
      { kind: 'visit', recordId: VISIT_ID, version: 2, handedOver: true },
    ]);
    expect(await records.holderOf({ space: 'suggestion', id: SUGGESTION_ID })).toBe(VISIT_ID);
  });

  it('reads the registry, the heads and the attachments as before', async () => {
    const deps = makeRecordDeps(store);
    expect(await deps.branches.get(BRANCH_ID)).toEqual(branch);
    expect(await deps.branches.list({ region: '630102', limit: 10 })).toEqual({ items: [branch], nextCursor: null });
    expect(await deps.branches.holderOf(codeKey('QH-0001'))).toBe(BRANCH_ID);
    expect(await deps.ministers.get('m-630102')).toEqual({ ...minister, terms: expect.any(Array) });
    expect((await deps.ministers.list({ limit: 10 })).items).toHaveLength(1);
    const attachments = attachmentRepository(store);
    expect(await attachments.get(ATTACHMENT_ID)).toEqual(attachment);
    expect(await attachments.holders(ATTACHMENT_ID)).toEqual([{ kind: 'visit', recordId: VISIT_ID }]);
    expect((await rollupRepository(store).ministerTerms()).get('m-630102')).toEqual((await deps.ministers.get('m-630102'))?.terms);
  });

  it('reads the rollup\'s days, states, snapshots and changes as before', async () => {
    const rollups = rollupRepository(store);
    expect(await rollups.lastClosedDayBefore('2026-11-01')).toEqual({ date: '2026-10-31' });
    expect(await rollups.lastClosedDayBefore('9999-12-31')).toEqual({ date: '2026-11-01', countingRules: 4 });
    const states = await rollups.statesOf('2026-11-01');
    expect(states.get('630102')).toMatchObject({ figures: { visits: 1 }, ministers: { 'm-630102': 1 }, registry: { 'village#abcdefghijkl': 1 } });
    expect((await rollups.newestState('630102'))?.state).toEqual(states.get('630102'));
    const newest = await rollups.snapshot('630102');
    expect(newest).toMatchObject({ asOf: '2026-11-01', sincePrevious: null, restatedMonths: [], totals: { ministers: 1, sessions: 3, symposiums: 0 } });
    const [older] = await rollups.snapshots('630102', '2026-10-31', '2026-10-31');
    expect(older).toMatchObject({ asOf: '2026-10-31', totals: { ministers: 1, sessions: 3, symposiums: 0 } });
    const changes = await rollups.changesOfDay('2026-11-02', ['visit', 'branch']);
    expect(changes).toEqual([{ kind: 'visit', recordId: VISIT_ID, version: 2, at: '2026-11-02T03:00:00.000Z', before: visitV1, after: visitV2 }]);
    const all: Change[] = [];
    await rollups.pageChangesBefore('2026-12-01', ['visit', 'branch'], (_, page) => { all.push(...page); });
    expect(all).toHaveLength(3);
    expect(all.find((c) => c.kind === 'branch')).toEqual({ kind: 'branch', registry: true, recordId: BRANCH_ID, version: 1, at: '2026-10-01T00:00:00.000Z', before: null, after: branch });
  });

  it('answers a snapshot stored before the day\'s comparison was kept as the Summary schema says: none', async () => {
    const [older] = await rollupRepository(store).snapshots('630102', '2026-10-31', '2026-10-31');
    expect(older).toMatchObject({ asOf: '2026-10-31', sincePrevious: null, restatedMonths: [] });
  });

  it('refuses a malformed item with an internal error naming its key, never a silent cast', async () => {
    const id = '0b6e4c1e-4c7f-4d58-9a43-3c1f0d9e8aff';
    await store.client.send(new PutCommand({ TableName: store.tableName, Item: { pk: `visit#${id}`, sk: 'record', kind: 'visit', id, version: 'one' } }));
    await store.client.send(new PutCommand({ TableName: store.tableName, Item: { pk: 'snapshot#630103', sk: '2026-11-01', kind: 'snapshot', snapshot: '{"asOf":' } }));
    const { records } = makeRecordDeps(store);
    await expect(records.get(visitKind, id)).rejects.toThrow(`malformed visit item at {"pk":"visit#${id}","sk":"record"}: version`);
    await expect(rollupRepository(store).snapshot('630103')).rejects.toThrow('malformed snapshot item at {"pk":"snapshot#630103","sk":"2026-11-01"}: snapshot: not JSON');
  });
});
