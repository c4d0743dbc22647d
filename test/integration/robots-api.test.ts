import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApi } from './support/local-stack.ts';

/**
 * Group robots' settings through the local server: the URL is checked field by field, the
 * credential (webhook token, DingTalk's secret) is kept apart and never answered, and a DingTalk
 * robot keeps its secret when an admin changes only its URL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
let stack: Awaited<ReturnType<typeof startTestApi>>;
let admin: ReturnType<typeof api>;
const RECEIVER = 'http://127.0.0.1:45999';
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c';
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a31f6-7f9c-4bc4-97a0-0ec1eefa5898';
const secretsFile = () => join(tmpdir(), `${stack.tableName}-robot-secrets.json`);

beforeAll(async () => {
  stack = await startTestApi({ robots: { receiverOrigin: RECEIVER } });
  admin = api(stack.url);
});
afterAll(async () => stack?.close());

const issues = (body: Body) => (body.errors as { path: string }[]).map((e) => e.path);

describe('PUT /robots/{regionCode}', () => {
  it('stores a DingTalk robot: 201, the token masked, the secret set but never answered', async () => {
    const put = await admin<Body>('PUT', '/robots/632621', { type: 'dingtalk', url: DINGTALK, secret: 'SEC0123456789abcdef' });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ regionCode: '632621', type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=9f8e****', secretSet: true });
    expect(JSON.stringify(put.body)).not.toContain('SEC0123');
    const got = await admin<Body>('GET', '/robots/632621');
    expect(got.status).toBe(200);
    expect(got.body).toEqual(put.body);
    expect(JSON.stringify(got.body)).not.toMatch(/SEC0123|9f8e7d6c5b/);
  });

  it('keeps the credential outside the table, in a file only its owner reads', async () => {
    const scan = JSON.stringify((await stack.client.send(new ScanCommand({ TableName: stack.tableName }))).Items);
    expect(scan).not.toMatch(/SEC0123|9f8e7d6c5b/);
    expect(JSON.parse(await readFile(secretsFile(), 'utf8'))['632621']).toEqual({ url: DINGTALK, secret: 'SEC0123456789abcdef' });
    expect((await stat(secretsFile())).mode & 0o077).toBe(0);
  });

  it('keeps a DingTalk secret when the URL alone changes (200), and refuses a DingTalk robot without one', async () => {
    const other = DINGTALK.replace('9f8e', '1a2b');
    const put = await admin<Body>('PUT', '/robots/632621', { type: 'dingtalk', url: other });
    expect(put.status).toBe(200);
    expect(put.body.secretSet).toBe(true);
    expect(JSON.parse(await readFile(secretsFile(), 'utf8'))['632621']).toEqual({ url: other, secret: 'SEC0123456789abcdef' });
    const bare = await admin<Body>('PUT', '/robots/632622', { type: 'dingtalk', url: DINGTALK });
    expect(bare.status).toBe(422);
    expect(issues(bare.body)).toEqual(['secret']);
  });

  it('refuses URLs that are not the vendor\'s webhook, naming the field', async () => {
    const refused = [
      { type: 'wecom', url: 'not a url' },
      { type: 'wecom', url: WECOM.replace('https:', 'http:') },
      { type: 'wecom', url: WECOM.replace('qyapi.weixin.qq.com', 'qyapi.weixin.qq.com.evil.example') },
      { type: 'dingtalk', url: WECOM, secret: 'SECx' },
      { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
      { type: 'wecom', url: WECOM, secret: 'SECx' },
    ];
    for (const body of refused) {
      const res = await admin<Body>('PUT', '/robots/632622', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(issues(res.body), JSON.stringify(body)).toEqual([body.secret !== undefined && body.type === 'wecom' ? 'secret' : 'url']);
    }
    expect((await admin('PUT', '/robots/632622', { type: 'telegram', url: WECOM })).status).toBe(422);
    // An unknown region in the path is a resource that does not exist.
    expect((await admin('PUT', '/robots/999999', { type: 'wecom', url: WECOM })).status).toBe(404);
    expect((await admin('GET', '/robots/632622')).status).toBe(404);
  });

  it('accepts the local robot receiver in the vendor\'s place (npm start), on the vendor\'s path', async () => {
    const res = await admin<Body>('PUT', '/robots/632622', { type: 'wecom', url: `${RECEIVER}/cgi-bin/webhook/send?key=local-key` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'wecom', secretSet: false, url: `${RECEIVER}/cgi-bin/webhook/send?key=loca****` });
    expect((await admin('PUT', '/robots/632623', { type: 'wecom', url: `${RECEIVER}/elsewhere?key=local-key` })).status).toBe(422);
  });
});

describe('DELETE /robots/{regionCode}', () => {
  it('removes the setting and its credential; a second delete is a 404', async () => {
    expect((await admin('PUT', '/robots/632600', { type: 'wecom', url: WECOM })).status).toBe(201);
    expect((await admin('DELETE', '/robots/632600')).status).toBe(204);
    expect((await admin('GET', '/robots/632600')).status).toBe(404);
    expect(JSON.parse(await readFile(secretsFile(), 'utf8'))['632600']).toBeUndefined();
    expect((await admin('DELETE', '/robots/632600')).status).toBe(404);
  });
});

describe('GET /deliveries', () => {
  it('answers the log, filtered by status; a bad status or cursor is refused', async () => {
    const { deliveryLog } = await import('#functions/repositories/robot-repository.ts');
    const log = deliveryLog({ client: stack.client, tableName: stack.tableName });
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 8, minute)).toISOString();
    await log.put({ id: 'a', regionCode: '632621', status: 'sent', attempts: 1, lastAnswer: '200 {"errcode":0}', createdAt: at(1) });
    await log.put({ id: 'b', regionCode: '632622', status: 'failed', attempts: 3, lastAnswer: '500 down', createdAt: at(2) });
    const all = await admin<Body>('GET', '/deliveries');
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: Body) => d.id)).toEqual(['b', 'a']);
    expect((await admin<Body>('GET', '/deliveries?status=failed')).body.items).toEqual([
      { id: 'b', regionCode: '632622', status: 'failed', attempts: 3, lastAnswer: '500 down', createdAt: at(2) },
    ]);
    const first = await admin<Body>('GET', '/deliveries?limit=1');
    expect((await admin<Body>('GET', `/deliveries?limit=1&cursor=${first.body.nextCursor}`)).body.items.map((d: Body) => d.id)).toEqual(['a']);
    expect((await admin('GET', '/deliveries?status=lost')).status).toBe(400);
    expect((await admin('GET', '/deliveries?cursor=nonsense')).status).toBe(400);
  });
});
