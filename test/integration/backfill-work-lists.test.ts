import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, BatchGetCommand, type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { type Visit, visitKind } from '#schemas/kinds/visit.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import type { StateList } from '#functions/ports/records.ts';
import { recordLists } from '#functions/repositories/record-lists.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { stateKeys } from '#functions/repositories/state-lists.ts';
import { countWork } from '#functions/use-cases/records/count-work.ts';
import { backfillWorkLists, LIST_ATTRIBUTES } from '#local/work-lists.ts';
import { SAMPLES } from '../support/samples.ts';
import { type TestApi, api, createTestTable, daysAgo, ifMatch, startTestApi } from './support/local-stack.ts';

/**
 * A table written before the work lists (issue 22): its record items lack the lists' keys and it
 * has no counters. Here it is the API's own table copied item by item with raw PutItem, the keys
 * and counters left out; after the backfill every list and count reads as on the original, written
 * by the current code throughout.
 */

let stack: TestApi;
let current: StoreDeps;
const today = beijingDate();
type Rec = { id: string; version: number };

const LISTS: readonly StateList[] = ['review', 'problems', 'rectified', 'suggestions', 'duplicates'];
const REGIONS = ['630000', '630100', '632600', '630102', '632621'];

/** Every list of every kind and the counts of every region, as the desk reads them. */
async function views(deps: StoreDeps) {
  const records = recordLists(deps);
  const lists: Record<string, string[]> = {};
  for (const list of LISTS) {
    // The problem ledger and the suggestions list each hold one kind (state-lists.ts).
    for (const kind of KINDS.filter((k) => (list === 'problems' || list === 'rectified' ? k.name === 'problem' : list === 'suggestions' ? k.name === 'visit' : true))) {
      for (const region of REGIONS) {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await records.page(list, kind, region, { limit: 3, cursor });
          ids.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (ids.length) lists[`${list} ${kind.name} ${region}`] = ids;
      }
    }
  }
  const counts = await Promise.all(REGIONS.slice(0, 3).map((region) => countWork({ lists: records, clock: { now: () => new Date() } }, region)));
  return { lists, counts };
}

async function itemsOf(deps: StoreDeps): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await deps.client.send(new ScanCommand({ TableName: deps.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

const review = TABLE_DEFINITION.indexes.find((index) => index.name === 'awaitingReview')!;
const reviewKeys = (keys: Record<string, string>) => ({ [review.partitionKey]: keys[review.partitionKey], [review.sortKey]: keys[review.sortKey] });

const isCounter = (item: Record<string, unknown>) => String(item.pk).startsWith('work-count#');

/** A new table holding the current one's items as the code before the work lists stored them. */
async function oldCopy(extra: (item: Record<string, unknown>) => Record<string, unknown> = (item) => item): Promise<StoreDeps> {
  const tableName = await createTestTable();
  const deps = { client: createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' }), tableName };
  const items = (await itemsOf(current)).filter((item) => !isCounter(item)).map((item) => {
    const old = { ...item };
    for (const attribute of LIST_ATTRIBUTES) delete old[attribute];
    return extra(old);
  });
  for (let i = 0; i < items.length; i += 25) {
    await deps.client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return deps;
}

/** A visit corrected through the repository, as a handler's write stores it (counters moved in the same transaction). */
async function correctVisit(deps: StoreDeps, id: string, change: (visit: Visit, at: string) => Visit) {
  const records = recordRepository(deps);
  const before = (await records.get(visitKind, id))!.record;
  const at = new Date().toISOString();
  const after: Visit = { ...change(before, at), version: before.version + 1, updatedAt: at };
  const requestId = `r-${id}-${after.version}`;
  const outcome = await records.write(visitKind, {
    record: after, expectedVersion: before.version, intents: [], at, by: 'test', requestId,
    change: { version: after.version, action: 'correct', at, by: 'test', requestId, before, after },
  });
  expect(outcome.ok).toBe(true);
}

const approve = (deps: StoreDeps, id: string) => correctVisit(deps, id, (v, at) => ({ ...v, review: { state: 'approved', by: 'test', at } }));
/** Moved to another prefecture's county: both regions' counters move. */
const move = (deps: StoreDeps, id: string) => correctVisit(deps, id, (v) => ({ ...v, branch: { ...v.branch, countyCode: '632621' } }));

/** A client that runs `hook` once, just before (or after) the first command `when` picks. */
function withHook(deps: StoreDeps, when: (input: Record<string, unknown>, name: string) => boolean, hook: () => Promise<void>, after = false): StoreDeps {
  let fired = false;
  const client = Object.create(deps.client) as DynamoDBDocumentClient;
  client.send = (async (command: { input: Record<string, unknown>; constructor: { name: string } }) => {
    const fire = !fired && when(command.input, command.constructor.name);
    if (fire) fired = true;
    if (fire && !after) await hook();
    const result = await (deps.client.send as (c: unknown) => Promise<unknown>)(command);
    if (fire && after) await hook();
    return result;
  }) as never;
  return { client, tableName: deps.tableName };
}

let receivedVisit: Rec;
let approvedVisit: Rec;

beforeAll(async () => {
  stack = await startTestApi();
  current = { client: stack.client, tableName: stack.tableName };
  const admin = api(stack.url);
  await admin('PUT', '/ministers/m-630102-bf', { name: '城东部长', level: 'county', regionCode: '630102' });
  await admin('PUT', '/ministers/m-632621-bf', { name: '玛沁部长', level: 'county', regionCode: '632621' });
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await admin<Rec>('POST', `/${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body!;
  };
  const xining = { ministerId: 'm-630102-bf', countyCode: '630102', date: daysAgo(3) };
  const golog = { ministerId: 'm-632621-bf', countyCode: '632621', date: daysAgo(8) };
  // Visits: awaiting review with pending suggestions, approved, withdrawn, a suspected duplicate.
  receivedVisit = await post('visits', SAMPLES.visit.valid(xining));
  await post('visits', SAMPLES.visit.valid(golog));
  approvedVisit = await post('visits', SAMPLES.visit.valid(golog));
  expect((await admin('PATCH', `/visits/${approvedVisit.id}/review`, { state: 'approved' }, ifMatch(approvedVisit.version))).status).toBe(200);
  const withdrawn = await post('visits', SAMPLES.visit.valid(xining));
  expect((await admin('DELETE', `/visits/${withdrawn.id}`, undefined, ifMatch(withdrawn.version))).status).toBe(200);
  const twice = SAMPLES.visit.valid(golog);
  await post('visits', twice);
  await post('visits', { ...twice, id: randomUUID(), suggestions: [] });
  // Problems by light, one rectified, one withdrawn.
  const problem = (deadline: string, status = 'open', where = golog) =>
    post('problems', { ...SAMPLES.problem.valid(where), deadline, status, ...SAMPLES.problem.statusFields!(status, where) });
  await problem(daysAgo(5));
  await problem(addDays(today, 3), 'open', xining);
  await problem(addDays(today, 30));
  await problem(daysAgo(2), 'rectified');
  const gone = await problem(addDays(today, 10));
  expect((await admin('DELETE', `/problems/${gone.id}`, undefined, ifMatch(gone.version))).status).toBe(200);
  // Every other kind, awaiting review.
  for (const kind of KINDS.filter((k) => k.name !== 'visit' && k.name !== 'problem')) await post(kind.form.path, SAMPLES[kind.name].valid(xining));
}, 120_000);
afterAll(async () => stack?.close());

describe('npm run backfill-work-lists', () => {
  it('gives a table written before the work lists every list and count the current code gives, and a second run changes nothing', async () => {
    const want = await views(current);
    // What the test is worth: the table as written holds each list, and the old copy shows none of them.
    for (const list of ['review visit 630000', 'review report 630000', 'problems problem 630000', 'rectified problem 630000', 'suggestions visit 630000', 'duplicates visit 630000']) {
      expect(want.lists[list], list).not.toHaveLength(0);
    }
    expect(want.counts[0].problems).toEqual({ red: 1, yellow: 1, green: 1, grey: 1, waiting: 1, accepted: 0 });
    // An approved visit carrying a review key it should not (say, approved by the old code after a first backfill).
    const old = await oldCopy((item) => (item.id === approvedVisit.id && item.sk === 'record'
      ? { ...item, ...reviewKeys(stateKeys(visitKind, { ...(item as unknown as Visit), review: { state: 'received' } })) }
      : item));
    const before = await views(old);
    expect(before.lists).toEqual({});
    expect(before.counts[0].awaitingReview.visits).toBe(0);

    const first = await backfillWorkLists(old);
    expect(first.keysSet).toBeGreaterThan(10);
    expect(first.writtenMeanwhile).toBe(0);
    expect(first.unsettled).toEqual([]);
    expect(new Set(first.differences.map((d) => d.region))).toEqual(new Set(['630102', '632621']));
    expect(await views(old)).toEqual(want);

    const stored = await itemsOf(old);
    const second = await backfillWorkLists(old);
    expect(second).toMatchObject({ keysSet: 0, writtenMeanwhile: 0, differences: [], unsettled: [] });
    expect(await itemsOf(old)).toEqual(stored);
    // Beside the counters, the items are the current code's, key for key.
    expect(stored.filter((item) => !isCounter(item))).toEqual((await itemsOf(current)).filter((item) => !isCounter(item)));
  });

  it('--check finds a counter put off on purpose, changes nothing, and exits 1; the backfill then puts it right', async () => {
    const old = await oldCopy();
    await backfillWorkLists(old);
    await old.client.send(new UpdateCommand({
      TableName: old.tableName, Key: { pk: 'work-count#632621', sk: 'shard#5' },
      UpdateExpression: 'ADD #a :n', ExpressionAttributeNames: { '#a': 'review#visit' }, ExpressionAttributeValues: { ':n': 2 },
    }));
    const stored = await itemsOf(old);
    const check = await backfillWorkLists(old, { check: true });
    const counted = (await views(current)).counts[0];
    expect(check.keysSet).toBe(0);
    expect(check.differences).toHaveLength(1);
    const [off] = check.differences;
    expect(off).toMatchObject({ region: '632621', attribute: 'review#visit' });
    expect(off.held).toBe(off.counted + 2);
    expect(await itemsOf(old)).toEqual(stored);

    const cli = await run(['--deployed', '--check'], old.tableName);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stdout).toContain(`632621 review#visit: records add up to ${off.counted}, counters hold ${off.held}`);
    expect(cli.stdout).toMatch(/1 regions whose counters differ/);

    expect((await backfillWorkLists(old)).differences).toHaveLength(1);
    expect((await views(old)).counts[0]).toEqual(counted);
    const clean = await run(['--deployed', '--check'], old.tableName);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/0 with list keys not as their state gives them; 0 regions whose counters differ/);
  }, 60_000);

  it('leaves a record corrected during the backfill its own keys, and counts it as it stands', async () => {
    const old = await oldCopy();
    const mine = `visit#${receivedVisit.id}`;
    // The correction lands between the backfill's read of the record and its update of the keys.
    const racing = withHook(old, (input, name) => name === 'UpdateCommand' && (input.Key as { pk?: string } | undefined)?.pk === mine,
      () => approve(old, receivedVisit.id));
    const outcome = await backfillWorkLists(racing);
    const [item] = (await old.client.send(new BatchGetCommand({ RequestItems: { [old.tableName]: { Keys: [{ pk: mine, sk: 'record' }] } } }))).Responses![old.tableName];
    expect(item.version).toBe(receivedVisit.version + 1);
    for (const attribute of LIST_ATTRIBUTES) expect(item[attribute], attribute).toBe(stateKeys(visitKind, item as unknown as Visit)[attribute]);
    expect(outcome.writtenMeanwhile).toBe(1);
    // Its region was written to between the first two scans: measured in the next round.
    expect(outcome.rounds).toBe(2);
    expect(outcome.unsettled).toEqual([]);
    // The same correction on the table written throughout by the current code: the same lists and counts.
    const mirror = await oldCopy();
    await backfillWorkLists(mirror);
    await approve(mirror, receivedVisit.id);
    expect(await views(old)).toEqual(await views(mirror));
    expect((await backfillWorkLists(old, { check: true })).differences).toEqual([]);
  }, 60_000);

  it.each([['approved', approve], ['moved to another prefecture', move]])('measures a region again when one of its records is %s while the counters are read', async (_, write) => {
    const old = await oldCopy();
    const mirror = await oldCopy();
    await backfillWorkLists(mirror);
    const counterRead = (input: Record<string, unknown>, name: string) => name === 'BatchGetCommand' && JSON.stringify(input).includes('work-count#');
    // Between the counters' read and the second scan: the scan sees the write, the counters hold what was before it.
    const racing = withHook(old, counterRead, () => write(old, receivedVisit.id), true);
    const outcome = await backfillWorkLists(racing);
    await write(mirror, receivedVisit.id);
    expect(await views(old)).toEqual(await views(mirror));
    expect((await backfillWorkLists(old, { check: true })).differences).toEqual([]);
    expect(outcome.rounds).toBe(2);
  }, 60_000);
});

describe('its command line', () => {
  it('--help prints its usage and exits 0; a bad --segments exits 2 in one line', async () => {
    const help = await run(['--help'], 'unused');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run backfill-work-lists/);
    const bad = await run(['--deployed', '--segments', 'many'], 'unused');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(2);
  });
});

/** The tool as `npm run backfill-work-lists -- …` runs it, against a table of DynamoDB Local named as the deployed functions name theirs. */
function run(args: string[], tableName: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/backfill-work-lists.ts', ...args], {
      env: { ...process.env, TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
