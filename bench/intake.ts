import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '#schemas/time.ts';
import { quantile } from './stats.ts';

export interface LatencyFigure {
  p50: number;
  p99: number;
  mean: number;
}

export interface IntakeFigures {
  samples: number;
  http: LatencyFigure;
  bareTransaction: LatencyFigure;
  p50Ratio: number;
  p99Ratio: number;
}

const MINISTER = 'm-bench-630102';

function visitBody() {
  return {
    id: randomUUID(),
    ministerId: MINISTER,
    date: beijingDate(Date.now() - 86_400_000),
    branch: { name: '城东区东关大街社区党委', type: 'community', countyCode: '630102' },
    sessions: ['branch_members_meeting', 'party_lecture'],
    symposiums: 1,
    participants: 42,
    suggestions: [{ id: randomUUID(), text: '希望延长党员活动室开放时间', channel: 'symposium', status: 'answered', response: '已延长' }],
  };
}

/**
 * The write a POST /visits needs, issued directly: the same four-item transaction (minister check,
 * record, change entry, suggestion pointer) with the same conditions, so the ratio isolates what
 * the handler, middleware and local HTTP hop add.
 */
function bareTransaction(client: DynamoDBDocumentClient, tableName: string) {
  const v = visitBody();
  const at = new Date().toISOString();
  const record = { ...v, status: 'submitted', version: 1, createdAt: at, updatedAt: at };
  return client.send(new TransactWriteCommand({
    TransactItems: [
      { ConditionCheck: { TableName: tableName, Key: { pk: `minister#${MINISTER}`, sk: 'record' }, ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: tableName, Item: { ...record, pk: `visit#${v.id}`, sk: 'record', gsi1pk: 'visit', gsi1sk: `630102#${v.date}#${v.id}`, gsi2pk: `visit#${MINISTER}`, gsi2sk: `${v.date}#${v.id}`, fingerprint: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName, Item: { pk: `visit#${v.id}`, sk: 'change#000001', version: 1, action: 'create', at, by: 'bench', before: null, after: record, gsi3pk: `day#${beijingDate()}`, gsi3sk: `${at}#visit#${v.id}#1` }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName, Item: { pk: `suggestion#${v.suggestions[0].id}`, sk: 'pointer', visitId: v.id }, ConditionExpression: 'attribute_not_exists(pk) OR visitId = :v', ExpressionAttributeValues: { ':v': v.id } } },
    ],
  }));
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

/** Sequential requests, the two kinds interleaved so drift in the machine's load hits both alike. */
export async function measureIntake(apiUrl: string, client: DynamoDBDocumentClient, tableName: string, samples = 1000): Promise<IntakeFigures> {
  const put = await fetch(`${apiUrl}/ministers/${MINISTER}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '基准部长', level: 'county', regionCode: '630102' }),
  });
  if (put.status >= 300) throw new Error(`minister setup failed: ${put.status}`);
  const post = async () => {
    const res = await fetch(`${apiUrl}/visits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(visitBody()) });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST /visits answered ${res.status}`);
  };
  for (let i = 0; i < 50; i++) {
    await post();
    await bareTransaction(client, tableName);
  }
  const http: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < samples; i++) {
    http.push(await timed(post));
    bare.push(await timed(() => bareTransaction(client, tableName)));
  }
  const h = figure(http);
  const b = figure(bare);
  return { samples, http: h, bareTransaction: b, p50Ratio: round(h.p50 / b.p50), p99Ratio: round(h.p99 / b.p99) };
}

const round = (n: number) => Math.round(n * 100) / 100;
