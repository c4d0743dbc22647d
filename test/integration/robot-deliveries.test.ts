import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { fileRobotSecrets } from '#functions/adapters/file-robot-secrets.ts';
import { fetchRobotPoster } from '#functions/adapters/robot-poster.ts';
import { maskRobotUrl } from '#functions/domain/robots.ts';
import type { Delivery } from '#functions/ports/robots.ts';
import { deliveryLog, robotRepository } from '#functions/repositories/robot-repository.ts';
import { robotBacklog, robotBudget } from '#functions/repositories/robot-pacing-repository.ts';
import type { RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { deliverToRobots, type RegionLine } from '#functions/use-cases/robots/deliver-to-robots.ts';
import type { RobotType } from '#schemas/robots.ts';
import { type RobotReceiver, startRobotReceiver } from '#local/robot-receiver.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * Posting to robots end to end: the real poster against the local robot receiver (which checks
 * DingTalk's signature), robots and the delivery log in DynamoDB Local, credentials in a file.
 */
let client: ReturnType<typeof createDocumentClient>;
let receiver: RobotReceiver;
let deps: RobotDeliveryDeps;
const waits: number[] = [];

const MAQIN = '632621';
const GADE = '632623';
const GUOLUO = '632600';
const XINING = '630100';

async function robot(regionCode: string, type: RobotType, token: string, secret?: string) {
  const url = type === 'dingtalk' ? `${receiver.origin}/robot/send?access_token=${token}` : `${receiver.origin}/cgi-bin/webhook/send?key=${token}`;
  await deps.secrets.put(regionCode, secret === undefined ? { url } : { url, secret });
  await deps.robots.put({ regionCode, type, url: maskRobotUrl(type, url), secretSet: secret !== undefined, updatedAt: new Date().toISOString() });
}

const lines = (regionCode: string, n: number, tag: string): RegionLine[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}`, regionCode, title: `记录被退回 ${tag}${i}`, body: '请补充照片' }));
const postsTo = (token: string) => receiver.received.filter((p) => p.token === token);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const markdownOf = (body: any): string => body.markdown.text ?? body.markdown.content;

let deliveries: Delivery[];

beforeAll(async () => {
  const tableName = await createTestTable();
  client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
  receiver = await startRobotReceiver();
  const store = { client, tableName };
  deps = {
    robots: robotRepository(store), deliveries: deliveryLog(store), secrets: fileRobotSecrets(join(tmpdir(), `${tableName}-robots.json`)),
    post: fetchRobotPoster, clock: { now: () => new Date() }, sleep: async (ms) => { waits.push(ms); },
    budget: robotBudget(store), backlog: robotBacklog(store),
  };
  await robot(MAQIN, 'dingtalk', 'maqin', receiver.secret);
  await robot(GUOLUO, 'wecom', 'guoluo');
  await robot(GADE, 'dingtalk', 'gade-down', receiver.secret);
  await robot(XINING, 'dingtalk', 'xining-wrong-secret', 'SECnot-the-robots');
  receiver.answer('gade-down', 500);
  deliveries = await deliverToRobots(deps, '下基层 · 新消息', [...lines(MAQIN, 30, 'm'), ...lines(GADE, 2, 'g'), ...lines('632801', 1, 'h'), ...lines(XINING, 1, 'x')]);
});
afterAll(async () => {
  await receiver?.close();
  client?.destroy();
});

describe('posting notices to robots', () => {
  it('merges a county\'s 30 notices into one signed DingTalk markdown message (well under 20 a minute)', () => {
    const posts = postsTo('maqin');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ vendor: 'dingtalk', signatureValid: true, status: 200 });
    expect(posts[0].body).toMatchObject({ msgtype: 'markdown', markdown: { title: '下基层 · 新消息' } });
    const text = markdownOf(posts[0].body);
    for (let i = 0; i < 30; i += 1) expect(text).toContain(`记录被退回 m${i}`);
    expect(deliveries.find((d) => d.regionCode === MAQIN)).toMatchObject({ status: 'sent', attempts: 1, lastAnswer: expect.stringContaining('"errcode":0') });
  });

  it("gives a prefecture's WeCom robot its counties' notices in one message, and nothing of other prefectures", () => {
    const posts = postsTo('guoluo');
    expect(posts).toHaveLength(1);
    const text = markdownOf(posts[0].body);
    expect(text).toContain('记录被退回 g1');
    expect(text).not.toContain('h0');
    expect(text).not.toContain('x0');
    // 32 lines do not fit WeCom's 4,096 bytes whole: the rest are counted, not cut mid-line.
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4_096);
  });

  it('tries a robot that answers 500 three times, waiting longer each time, then logs it failed; the others are sent', () => {
    expect(postsTo('gade-down').map((p) => p.status)).toEqual([500, 500, 500]);
    expect(deliveries.find((d) => d.regionCode === GADE)).toMatchObject({ status: 'failed', attempts: 3, lastAnswer: expect.stringMatching(/^500 /) });
    expect(waits.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(waits)).toEqual(new Set([2_000, 10_000]));
    expect(deliveries.find((d) => d.regionCode === MAQIN)?.status).toBe('sent');
  });

  it('counts a refused signature as a failed post, as DingTalk would refuse it', () => {
    const posts = postsTo('xining-wrong-secret');
    expect(posts.map((p) => p.signatureValid)).toEqual([false, false, false]);
    expect(deliveries.find((d) => d.regionCode === XINING)).toMatchObject({ status: 'failed', lastAnswer: expect.stringContaining('310000') });
  });

  it('keeps the log: newest first, filtered by status, paged', async () => {
    const failed = await deps.deliveries.page({ status: 'failed', limit: 10 });
    expect(failed.items.map((d) => d.regionCode).sort()).toEqual([XINING, GADE]);
    const first = await deps.deliveries.page({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await deps.deliveries.page({ limit: 10, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((d) => d.regionCode).sort()).toEqual([XINING, GUOLUO, MAQIN, GADE]);
  });
});
