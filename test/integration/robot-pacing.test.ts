import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { fileRobotSecrets } from '#functions/adapters/file-robot-secrets.ts';
import { fetchRobotPoster } from '#functions/adapters/robot-poster.ts';
import { maskRobotUrl } from '#functions/domain/robots.ts';
import { robotBacklog, robotBudget } from '#functions/repositories/robot-pacing-repository.ts';
import { deliveryLog, robotRepository } from '#functions/repositories/robot-repository.ts';
import type { RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { deliverToRobots, type RegionLine } from '#functions/use-cases/robots/deliver-to-robots.ts';
import { sweepRobotBacklogs } from '#functions/use-cases/robots/sweep-robot-backlogs.ts';
import { type RobotReceiver, startRobotReceiver } from '#local/robot-receiver.ts';
import { createTestTable } from './support/local-stack.ts';

/**
 * Two functions posting to one robot at once (two Lambda invocations of the decision notices, each
 * with its own client), sharing its budget through DynamoDB Local; the robot is the local receiver.
 */
const MAQIN = '632621';
let receiver: RobotReceiver;
const clients: ReturnType<typeof createDocumentClient>[] = [];
let now = Date.parse('2026-12-07T02:00:05.000Z');
let deliverers: RobotDeliveryDeps[];

const textOf = (body: unknown): string => JSON.stringify(body);
const line = (i: number, by: string): RegionLine => ({ id: `n-${by}-${i}`, regionCode: MAQIN, title: `记录被退回 ${by}№${i}·`, body: '请补充照片' });

beforeAll(async () => {
  const tableName = await createTestTable();
  receiver = await startRobotReceiver();
  const secrets = fileRobotSecrets(join(tmpdir(), `${tableName}-robots.json`));
  deliverers = [0, 1].map(() => {
    const client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
    clients.push(client);
    const store = { client, tableName };
    return {
      robots: robotRepository(store), deliveries: deliveryLog(store), secrets, post: fetchRobotPoster, budget: robotBudget(store), backlog: robotBacklog(store),
      clock: { now: () => new Date(now) }, sleep: async () => undefined,
    };
  });
  const url = `${receiver.origin}/cgi-bin/webhook/send?key=maqin`;
  await secrets.put(MAQIN, { url });
  await deliverers[0].robots.put({ regionCode: MAQIN, type: 'wecom', url: maskRobotUrl('wecom', url), secretSet: false, updatedAt: new Date(now).toISOString() });
});
afterAll(async () => {
  await receiver?.close();
  for (const client of clients) client.destroy();
});

describe("one robot's budget, shared by concurrent posters", () => {
  it('two deliverers posting 30 notices each at once stay within 20 posts of the minute together; the sweep brings the rest, each notice once', async () => {
    await Promise.all(deliverers.flatMap((deps, d) => Array.from({ length: 30 }, (_, i) => deliverToRobots(deps, '下基层 · 审核消息', [line(i, `d${d}`)]))));
    const inMinute = receiver.received.length;
    expect(inMinute).toBeLessThanOrEqual(20);
    expect(inMinute).toBeGreaterThan(0);
    expect(receiver.received.every((p) => p.status === 200)).toBe(true);

    // The next minute: one sweep from each deliverer at once; one of them takes the post kept for it.
    now = Date.parse('2026-12-07T02:01:02.000Z');
    const swept = (await Promise.all(deliverers.map(sweepRobotBacklogs))).flat();
    expect(swept).toMatchObject([{ regionCode: MAQIN, status: 'sent' }]);
    expect(receiver.received).toHaveLength(inMinute + 1);

    const texts = receiver.received.map((p) => textOf(p.body));
    for (const by of ['d0', 'd1']) {
      for (let i = 0; i < 30; i += 1) expect(texts.filter((t) => t.includes(`${by}№${i}·`)), `${by}№${i}`).toHaveLength(1);
    }
    // Nothing waits any more.
    now = Date.parse('2026-12-07T02:02:02.000Z');
    expect(await sweepRobotBacklogs(deliverers[0])).toEqual([]);
  });
});
