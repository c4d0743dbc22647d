import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { changeItem } from '#functions/adapters/record-store.ts';
import { heldItems } from '#functions/repositories/held-items.ts';
import { stateKeys } from '#functions/repositories/state-lists.ts';
import { workCounters } from '#functions/repositories/work-counters.ts';
import { visitForm, visitKind } from '#schemas/kinds/visit.ts';
import { branchIdentity } from '#schemas/common.ts';
import type { HeldKey } from '#schemas/kind.ts';
import { quantile } from './stats.ts';
import { apiEvent, lambdaContext } from '../test/unit/support/events.ts';
import { visitBody as testVisitBody } from '../test/unit/support/visits.ts';

export interface LatencyFigure {
  p50: number;
  p99: number;
  mean: number;
}

export interface IntakeFigures {
  samples: number;
  /** Through the local HTTP adapter (the stand-in for API Gateway). */
  http: LatencyFigure;
  /** The Lambda handler invoked in-process with an API Gateway v2 event: what the goal is about. */
  handler: LatencyFigure;
  bareTransaction: LatencyFigure;
  handlerP50Ratio: number;
  handlerP99Ratio: number;
  httpP50Ratio: number;
  httpP99Ratio: number;
}

/** The create-visit Lambda handler, as the bench invokes it in-process. */
export type CreateVisitHandler = (event: ReturnType<typeof apiEvent>, context: typeof lambdaContext) => Promise<{ statusCode?: number }>;

/** The minister every bench visit is by (its record must exist: the create checks it). */
export const MINISTER = 'm-bench-630102';

let branches = 0;
/** Each visit to a branch of its own, as in the field: none is a suspected duplicate of another. */
export const visitBody = () => testVisitBody({ ministerId: MINISTER, branch: { name: `基准村${++branches}党支部`, type: 'village', countyCode: '630102' } });

/**
 * The storage work a POST /visits needs, issued directly: the read of the visit's slot (head, branch,
 * day) and the same six-item transaction (record with its work lists' keys, change entry, minister
 * check, slot, suggestion pointer, the work lists' counter) with the same conditions, so the ratio isolates what the handler, middleware and local
 * HTTP hop add.
 */
export async function bareTransaction(client: DynamoDBDocumentClient, tableName: string) {
  const v = visitBody();
  const at = new Date().toISOString();
  const record = { ...v, status: 'submitted', review: { state: 'received' }, version: 1, createdAt: at, updatedAt: at };
  const held = heldItems({ client, tableName });
  const slot: HeldKey = { space: 'visit-slot', ministerId: v.ministerId, date: v.date, branch: branchIdentity(v.branch) };
  await held.holderOf(slot);
  const stored = visitForm.schemas.record.parse(record);
  return client.send(new TransactWriteCommand({
    TransactItems: [
      held.hold(slot, v.id),
      { ConditionCheck: { TableName: tableName, Key: { pk: `minister#${MINISTER}`, sk: 'record' }, ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: tableName, Item: { ...record, pk: `visit#${v.id}`, sk: 'record', gsi1pk: 'visit', gsi1sk: `630102#${v.date}#${v.id}`, gsi2pk: `visit#${MINISTER}`, gsi2sk: `${v.date}#${v.id}`, ...stateKeys(visitKind, stored), fingerprint: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName, Item: changeItem('visit', v.id, { version: 1, action: 'create', at, by: 'bench', requestId: 'bench', before: null, after: record }), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName, Item: { pk: `suggestion#${v.suggestions[0].id}`, sk: 'pointer', visitId: v.id }, ConditionExpression: 'attribute_not_exists(pk) OR visitId = :v', ExpressionAttributeValues: { ':v': v.id } } },
      ...workCounters({ client, tableName }).parts(visitKind, null, stored),
    ],
  }));
}

export const jsonHeaders = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

/** Creates (or rewrites) the bench's minister through the API. */
export async function putMinister(api: { url: string; token: string }): Promise<void> {
  const put = await fetch(`${api.url}/ministers/${MINISTER}`, {
    method: 'PUT', headers: jsonHeaders(api.token), body: JSON.stringify({ name: '基准部长', level: 'county', regionCode: '630102' }),
  });
  await put.arrayBuffer();
  if (put.status >= 300) throw new Error(`minister setup failed: ${put.status}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const figure = (values: number[]): LatencyFigure => ({
  p50: round(quantile(values, 0.5)),
  p99: round(quantile(values, 0.99)),
  mean: round(values.reduce((a, b) => a + b, 0) / values.length),
});

/** Sequential requests, the three kinds interleaved so drift in the machine's load hits all alike. */
export async function measureIntake(
  api: { url: string; token: string }, handler: CreateVisitHandler, client: DynamoDBDocumentClient, tableName: string, samples = 1000,
): Promise<IntakeFigures> {
  const apiUrl = api.url;
  const headers = jsonHeaders(api.token);
  await putMinister(api);
  const post = async () => {
    const res = await fetch(`${apiUrl}/visits`, { method: 'POST', headers, body: JSON.stringify(visitBody()) });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST /visits answered ${res.status}`);
  };
  const invoke = async () => {
    const res = await handler(apiEvent('POST /visits', { body: visitBody() }), lambdaContext);
    if (res.statusCode !== 201) throw new Error(`handler answered ${res.statusCode}`);
  };
  for (let i = 0; i < 50; i++) {
    await post();
    await invoke();
    await bareTransaction(client, tableName);
  }
  const http: number[] = [];
  const direct: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < samples; i++) {
    http.push(await timed(post));
    direct.push(await timed(invoke));
    bare.push(await timed(() => bareTransaction(client, tableName)));
  }
  const [h, d, b] = [figure(http), figure(direct), figure(bare)];
  return {
    samples, http: h, handler: d, bareTransaction: b,
    handlerP50Ratio: round(d.p50 / b.p50), handlerP99Ratio: round(d.p99 / b.p99),
    httpP50Ratio: round(h.p50 / b.p50), httpP99Ratio: round(h.p99 / b.p99),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
