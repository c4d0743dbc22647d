import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as decisions } from '#functions/handlers/notices/decisions.ts';
import { pollTableStream, type TableStreamPoller } from '#local/table-stream.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { SAMPLES } from '../support/samples.ts';
import { api, daysAgo, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * Decisions to notices through DynamoDB Local's stream, as `npm start` runs them: the review request
 * writes its record and change entry only, the poller hands the stream's records to the same function
 * module Lambda runs, and the head reads the notice within 10 seconds.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
let poller: TableStreamPoller;
const handedOver: Parameters<typeof decisions>[0]['Records'][number][] = [];
const COUNTY = '632621';
const HEAD = 'm-notice-1';

beforeAll(async () => {
  stack = await startTestApi({ stream: true });
  poller = await pollTableStream({
    endpoint: inject('dynamodbEndpoint'), tableName: stack.tableName, intervalMs: 500, log: (line) => console.error(line),
    onRecords: async (records) => {
      handedOver.push(...records);
      await decisions({ Records: records }, lambdaContext('notices-decisions', 60_000));
    },
  });
  expect((await api(stack.url)('PUT', `/ministers/${HEAD}`, { name: '王五', level: 'county', regionCode: COUNTY })).status).toBe(201);
});
afterAll(async () => {
  await poller?.stop();
  await stack?.close();
});

const head = () => api(stack.url, tokenFor({ sub: 'head-user', role: 'submitter', region: COUNTY, ministerId: HEAD }));
const staff = () => api(stack.url, tokenFor({ sub: 'staff-user', role: 'staff', region: COUNTY, name: '李四' }));

async function noticesWithin(ms: number, count: number): Promise<Body[]> {
  const until = Date.now() + ms;
  for (;;) {
    const items = (await head()<Body>('GET', '/notices')).body.items as Body[];
    if (items.length >= count || Date.now() > until) return items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a decision', () => {
  it('reaches the record\'s head within 10 seconds, with the reviewer\'s comment; a correction makes nothing, a second return does', async () => {
    const body = SAMPLES.visit.valid({ ministerId: HEAD, countyCode: COUNTY, date: daysAgo(2) });
    const created = await head()<Body>('POST', '/visits', body);
    expect(created.status).toBe(201);
    const decidedAt = Date.now();
    const returned = await staff()<Body>('PATCH', `/visits/${body.id}/review`, { state: 'rejected', comment: '缺少走访照片' }, ifMatch(1));
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);

    const [notice] = await noticesWithin(10_000, 1);
    const latency = Date.now() - decidedAt;
    console.info(`decision to notice: ${latency} ms`);
    expect(latency).toBeLessThan(10_000);
    expect(notice).toMatchObject({ rule: 'record.returned', subject: { kind: 'visit', id: body.id }, readAt: null });
    expect(notice.body).toContain('缺少走访照片');
    expect(notice.title).toContain('已退回');

    // Every record seen so far handed over again (a redelivered batch): nothing new.
    await poller.drained();
    await decisions({ Records: [...handedOver] }, lambdaContext('notices-decisions', 60_000));
    const corrected = await head()<Body>('PATCH', `/visits/${body.id}`, SAMPLES.visit.correction, ifMatch(2));
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    await poller.drained();
    expect(await noticesWithin(0, 2)).toHaveLength(1);

    const version = corrected.body.version;
    expect((await staff()<Body>('PATCH', `/visits/${body.id}/review`, { state: 'has_issues', comment: '人数对不上' }, ifMatch(version))).status).toBe(200);
    const after = await noticesWithin(10_000, 2);
    expect(after.map((n: Body) => n.rule)).toEqual(['record.flagged', 'record.returned']);
    expect((await head()<Body>('GET', '/notices/unread')).body).toEqual({ count: 2 });
  });
});
