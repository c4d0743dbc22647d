import { describe, expect, it } from 'vitest';
import { dingTalkSignature, maskRobotUrl, robotMessageBody, robotPostUrl, robotUrlIssues } from '#functions/domain/robots.ts';
import { type SsmCall, SsmError, ssmRobotSecrets } from '#functions/adapters/ssm-robot-secrets.ts';
import { memoryPacing } from './support/robot-pacing.ts';

const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456';
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a31f6-7f9c';
const keys = (issues: ReturnType<typeof robotUrlIssues>) => issues.map((i) => `${i.path}:${String(i.issue.params?.key)}`);

describe("a robot's URL", () => {
  it("is its vendor's https webhook with its token", () => {
    expect(robotUrlIssues('dingtalk', DINGTALK)).toEqual([]);
    expect(robotUrlIssues('wecom', WECOM)).toEqual([]);
    expect(keys(robotUrlIssues('wecom', DINGTALK))).toEqual(['url:robot.wrongHost']);
    expect(keys(robotUrlIssues('dingtalk', 'https://oapi.dingtalk.com.example.net/robot/send?access_token=x'))).toEqual(['url:robot.wrongHost']);
    expect(keys(robotUrlIssues('dingtalk', 'https://user:pw@oapi.dingtalk.com/robot/send?access_token=x'))).toEqual(['url:robot.wrongHost']);
    expect(keys(robotUrlIssues('dingtalk', DINGTALK.replace('https', 'http')))).toEqual(['url:robot.notHttps']);
    expect(keys(robotUrlIssues('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token='))).toEqual(['url:robot.tokenMissing']);
    expect(keys(robotUrlIssues('dingtalk', 'oapi.dingtalk.com/robot/send'))).toEqual(['url:robot.urlInvalid']);
  });

  it('may be the local receiver on the vendor\'s path only when a receiver is named', () => {
    const local = 'http://127.0.0.1:4010/robot/send?access_token=t';
    expect(keys(robotUrlIssues('dingtalk', local))).toEqual(['url:robot.notHttps']);
    expect(robotUrlIssues('dingtalk', local, 'http://127.0.0.1:4010')).toEqual([]);
    expect(keys(robotUrlIssues('dingtalk', 'http://127.0.0.1:4011/robot/send?access_token=t', 'http://127.0.0.1:4010'))).toEqual(['url:robot.notHttps']);
  });

  it('is shown with its token masked', () => {
    expect(maskRobotUrl('dingtalk', DINGTALK)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abcd****');
    expect(maskRobotUrl('wecom', WECOM)).not.toContain('31f6');
  });
});

describe("DingTalk's signature", () => {
  // Computed apart (Python's hmac/base64/quote_plus) from the vendor's description: HMAC-SHA256 keyed by
  // the secret over timestamp + "\n" + secret, base64, then URL-encoded as a query parameter.
  it('matches the vendor\'s recipe, and is sent URL-encoded with its timestamp', () => {
    expect(dingTalkSignature('SECtest', 1_700_000_000_000)).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
    const url = robotPostUrl('dingtalk', DINGTALK, 'SECtest', 1_700_000_000_000);
    expect(url).toBe(`${DINGTALK}&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D`);
    expect(robotPostUrl('wecom', WECOM, undefined, 1)).toBe(WECOM);
  });

  it('puts markdown in each vendor\'s body', () => {
    expect(robotMessageBody('dingtalk', '消息', '## 标题')).toEqual({ msgtype: 'markdown', markdown: { title: '消息', text: '## 标题' } });
    expect(robotMessageBody('wecom', '消息', '## 标题')).toEqual({ msgtype: 'markdown', markdown: { content: '## 标题' } });
  });
});

describe("SSM's robot secrets", () => {
  it('put a SecureString per region, read it decrypted, and take a missing one as none', async () => {
    const stored = new Map<string, string>();
    const calls: string[] = [];
    const call: SsmCall = async (operation, input) => {
      const name = String(input.Name);
      calls.push(`${operation} ${name}`);
      if (operation === 'PutParameter') {
        expect(input).toMatchObject({ Type: 'SecureString', Overwrite: true });
        stored.set(name, String(input.Value));
        return {};
      }
      if (!stored.has(name)) throw new SsmError('ParameterNotFound', 400);
      if (operation === 'DeleteParameter') return stored.delete(name) && {};
      expect(input.WithDecryption).toBe(true);
      return { Parameter: { Value: stored.get(name) } };
    };
    const secrets = ssmRobotSecrets(call, '/xiajiceng/robots');
    await secrets.put('632621', { url: DINGTALK, secret: 'SECx' });
    expect(await secrets.get('632621')).toEqual({ url: DINGTALK, secret: 'SECx' });
    expect(await secrets.get('632622')).toBeUndefined();
    await secrets.delete('632621');
    await secrets.delete('632621');
    expect(calls).toContain('PutParameter /xiajiceng/robots/632621');
    await expect(ssmRobotSecrets(async () => { throw new SsmError('ThrottlingException', 400); }, '/p').get('1')).rejects.toThrow(/Throttling/);
  });
});

describe("the day's digest", () => {
  it("places each notice stored now in its region (a head's by the head's region) and posts one message per robot; a rerun posts none", async () => {
    const { postDailyDigest } = await import('#functions/use-cases/robots/post-digest.ts');
    const { noticeId } = await import('#functions/domain/notices.ts');
    type Notice = import('#functions/domain/notices.ts').NewNotice;
    const posts: string[] = [];
    const robotDelivery = {
      robots: {
        all: async () => [{ regionCode: '632621', type: 'wecom' as const, url: 'm', secretSet: false, updatedAt: '' }, { regionCode: '630100', type: 'wecom' as const, url: 'm', secretSet: false, updatedAt: '' }],
        get: async () => undefined, put: async () => undefined, delete: async () => false,
      },
      secrets: { get: async (r: string) => ({ url: `${WECOM}-${r}` }), put: async () => undefined, delete: async () => undefined },
      deliveries: { put: async () => undefined, page: async () => ({ items: [], nextCursor: null }) },
      post: async (url: string, body: unknown) => (posts.push(`${url} ${JSON.stringify(body)}`), { ok: true, answer: '200' }),
      clock: { now: () => new Date('2026-12-07T00:30:00Z') }, sleep: async () => undefined, ...memoryPacing(),
    };
    const ministers = { get: async (id: string) => (id === 'm-maqin' ? { regionCode: '632621' } : undefined) } as Parameters<typeof postDailyDigest>[0]['ministers'];
    const notice = (to: Notice['to'], title: string): Notice => ({ to, rule: 'review.waiting', subject: { view: 'review' }, period: title, title, body: '', createdAt: '2026-12-07T00:30:00Z' });
    const notices = [notice({ head: 'm-maqin' }, '问题逾期A'), notice({ region: '632621' }, '待审核B'), notice({ region: '630102' }, '待审核C'), notice({ region: '632300' }, '待审核D')];
    await postDailyDigest({ robotDelivery, ministers }, '2026-12-07', notices, notices.map(noticeId));
    expect(posts).toHaveLength(2);
    const maqin = posts.find((p) => p.includes('-632621'))!;
    expect(maqin).toMatch(/问题逾期A.*待审核B/);
    expect(maqin).toContain('2026-12-07 每日提醒');
    expect(posts.find((p) => p.includes('-630100'))).toContain('待审核C');
    expect(posts.join()).not.toContain('待审核D');
    await postDailyDigest({ robotDelivery, ministers }, '2026-12-07', notices, []);
    expect(posts).toHaveLength(2);
  });
});
