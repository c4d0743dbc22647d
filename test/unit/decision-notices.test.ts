import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { visitKind } from '#schemas/kinds/visit.ts';
import { problemKind } from '#schemas/kinds/problem.ts';
import type { FormRecord } from '#schemas/form.ts';
import { changeItem } from '#functions/items/change.ts';
import { decisionNotices, decisionRules } from '#functions/domain/decision-notices.ts';
import { changesOf } from '#functions/adapters/change-stream.ts';
import { notifyDecisions } from '#functions/use-cases/notices/notify-decisions.ts';
import { noticeId, type NewNotice } from '#functions/domain/notices.ts';
import type { NoticeRepository } from '#functions/ports/notices.ts';
import type { Delivery } from '#functions/ports/robots.ts';
import type { RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { memoryPacing } from './support/robot-pacing.ts';

const AT = '2026-12-07T02:00:00.000Z';
const visit = (over: Record<string, unknown> = {}): FormRecord => ({
  id: 'v-1', ministerId: 'm-1', date: '2026-12-01', status: 'submitted', review: { state: 'received' },
  branch: { countyCode: '632621', type: 'village', name: '东关村党支部' }, sessions: [], symposiums: 0, participants: 0, suggestions: [],
  version: 1, createdAt: AT, updatedAt: AT, ...over,
} as FormRecord);
const reviewed = (state: string, comment?: string) => ({ review: { state, ...(comment ? { comment } : {}), by: 'staff-1', at: AT } });

describe('the decision rules a change meets', () => {
  it('returned, flagged, confirmed a duplicate, suspected a duplicate: each once, when the state is entered', () => {
    expect(decisionRules({ version: 2, before: visit(), after: visit(reviewed('rejected', '缺照片')) })).toEqual(['record.returned']);
    expect(decisionRules({ version: 2, before: visit(), after: visit(reviewed('has_issues', '人数不符')) })).toEqual(['record.flagged']);
    expect(decisionRules({ version: 2, before: visit({ duplicateOf: 'v-0' }), after: visit({ duplicateOf: 'v-0', ...reviewed('rejected', '重复') }) }))
      .toEqual(['record.duplicate_confirmed']);
    expect(decisionRules({ version: 1, before: null, after: visit({ duplicateOf: 'v-0' }) })).toEqual(['record.suspected_duplicate']);
  });

  it('meets none when nothing was decided: an approval, a correction of a returned record, a withdrawal, a first report', () => {
    expect(decisionRules({ version: 2, before: visit(), after: visit(reviewed('approved')) })).toEqual([]);
    expect(decisionRules({ version: 3, before: visit(reviewed('rejected', 'x')), after: visit({ ...reviewed('rejected', 'x'), participants: 3 }) })).toEqual([]);
    expect(decisionRules({ version: 3, before: visit(), after: visit({ status: 'withdrawn', ...reviewed('rejected', 'x') }) })).toEqual([]);
    expect(decisionRules({ version: 1, before: null, after: visit() })).toEqual([]);
  });

  it('addresses the head with the reviewer\'s comment, the version as its period', () => {
    const [notice] = decisionNotices(visitKind, { version: 4, byName: '李四', before: visit(), after: visit(reviewed('rejected', '缺少走访照片')) }, AT);
    expect(notice).toMatchObject({ to: { head: 'm-1' }, rule: 'record.returned', subject: { kind: 'visit', id: 'v-1' }, period: 'v4', createdAt: AT });
    expect(notice.title).toBe('已退回 · 走访记录 · 东关村党支部 · 2026-12-01');
    expect(notice.body).toContain('审核意见：缺少走访照片');
    expect(notice.body).toContain('李四');
  });
});

describe('from the stream to the store', () => {
  const stored: NewNotice[] = [];
  const notices = { deliver: async (n: readonly NewNotice[]) => (stored.push(...n), n.map(noticeId)) } as Pick<NoticeRepository, 'deliver'> as NoticeRepository;
  const deps = { notices, clock: { now: () => new Date(AT) } };
  const streamRecord = (eventName: string, item: Record<string, unknown>) => ({ eventName, dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }) } });
  const change = (version: number, before: FormRecord | null, after: FormRecord) =>
    changeItem('visit', after.id, { version, action: 'review', at: AT, by: 'staff-1', byName: '李四', requestId: 'r', before, after });

  it('reads change entries only, of new items only, and stores their notices', async () => {
    const returned = visit({ ...reviewed('rejected', '缺照片'), version: 2 });
    const records = [
      streamRecord('INSERT', change(2, visit(), returned)),
      streamRecord('INSERT', { pk: 'visit#v-1', sk: 'record', kind: 'visit', ...returned }),
      streamRecord('MODIFY', change(2, visit(), returned)),
      streamRecord('INSERT', changeItem('problem', 'p-1', { version: 2, action: 'review', at: AT, by: 's', requestId: 'r', before: visit({ id: 'p-1' }), after: visit({ id: 'p-1', ...reviewed('has_issues', '期限不对') }) })),
    ];
    expect(changesOf(records).map((c) => [c.kind, c.recordId, c.version])).toEqual([['visit', 'v-1', 2], ['problem', 'p-1', 2]]);
    const ids = await notifyDecisions(deps, changesOf(records));
    expect(stored.map((n) => [n.rule, n.subject])).toEqual([['record.returned', { kind: 'visit', id: 'v-1' }], ['record.flagged', { kind: 'problem', id: 'p-1' }]]);
    expect(ids).toHaveLength(2);
    expect(stored[1].title.startsWith(`有问题 · ${problemKind.form.label.zh}`)).toBe(true);
  });
});

describe('to the group robots', () => {
  it("posts the notices stored now to the robots of their records' regions, one message per robot; a redelivered batch posts nothing", async () => {
    const held = new Set<string>();
    const notices = {
      deliver: async (n: readonly NewNotice[]) => n.map(noticeId).filter((id) => !held.has(id) && held.add(id)),
    } as Pick<NoticeRepository, 'deliver'> as NoticeRepository;
    const posts: { url: string; body: unknown }[] = [];
    const logged: Delivery[] = [];
    const robotDelivery: RobotDeliveryDeps = {
      robots: {
        all: async () => [
          { regionCode: '632600', type: 'wecom', url: 'masked', secretSet: false, updatedAt: AT },
          { regionCode: '632300', type: 'wecom', url: 'masked', secretSet: false, updatedAt: AT },
        ],
        get: async () => undefined, put: async () => undefined, delete: async () => false,
      },
      secrets: { get: async (region) => ({ url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${region}` }), put: async () => undefined, delete: async () => undefined },
      deliveries: { put: async (d) => { logged.push(d); }, page: async () => ({ items: [], nextCursor: null }) },
      post: async (url, body) => (posts.push({ url, body }), { ok: true, answer: '200 {"errcode":0}' }),
      clock: { now: () => new Date(AT) },
      sleep: async () => undefined,
      ...memoryPacing(),
    };
    const change = (id: string) => changeItem('visit', id, {
      version: 2, action: 'review', at: AT, by: 'staff-1', requestId: 'r', before: visit({ id }), after: visit({ id, ...reviewed('rejected', '缺照片'), version: 2 }),
    });
    const batch = changesOf([change('v-1'), change('v-2')].map((item) => ({ eventName: 'INSERT', dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }) } })));
    const deps = { notices, clock: { now: () => new Date(AT) }, robotDelivery };
    expect(await notifyDecisions(deps, batch)).toHaveLength(2);
    // 玛沁县 lies in 果洛州 (632600): its robot gets both notices in one message; 海北州's (632300) gets none.
    expect(posts.map((p) => p.url)).toEqual(['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=632600']);
    expect(JSON.stringify(posts[0].body).match(/已退回/g)).toHaveLength(2);
    expect(logged).toMatchObject([{ regionCode: '632600', status: 'sent', attempts: 1 }]);
    expect(await notifyDecisions(deps, batch)).toEqual([]);
    expect(posts).toHaveLength(1);
  });
});
