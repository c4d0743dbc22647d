import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { addresseeKey, type NewNotice, noticeId } from '#functions/domain/notices.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import type { NoticeReader } from '#functions/ports/notices.ts';
import { createTestTable } from './support/local-stack.ts';

/** The notice store against DynamoDB Local: ids from causes, per-person reading, pages across addressees. */
let client: ReturnType<typeof createDocumentClient>;
let tableName: string;
let notices: ReturnType<typeof noticeRepository>;

beforeAll(async () => {
  tableName = await createTestTable();
  client = createDocumentClient({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), AWS_REGION: 'cn-northwest-1' });
  notices = noticeRepository({ client, tableName });
});
afterAll(() => client?.destroy());

const NOW = '2026-12-07T01:00:00.000Z';
const at = (minute: number) => `2026-12-07T00:${String(minute).padStart(2, '0')}:00.000Z`;
const returned = (head: string, record: string, minute: number, version = 2): NewNotice => ({
  to: { head }, rule: 'record.returned', subject: { kind: 'visit', id: record }, period: `v${version}`,
  title: '走访记录被退回', body: '审核意见：缺少照片', createdAt: at(minute),
});
const reader = (sub: string, ...addressees: NewNotice['to'][]): NoticeReader => ({ sub, addressees: addressees.map(addresseeKey) });

describe('delivering', () => {
  it('makes one notice of one cause, however often it is delivered or at what time', async () => {
    const first = returned('m-a', 'r-1', 1);
    expect(await notices.deliver([first])).toEqual([noticeId(first)]);
    // A redelivered stream event, a rerun an hour later: the same cause, nothing new.
    expect(await notices.deliver([first, { ...first, createdAt: at(50) }])).toEqual([]);
    const page = await notices.page(reader('head-a', { head: 'm-a' }), { unread: false, limit: 10, now: NOW });
    expect(page.items.map((n) => n.id)).toEqual([noticeId(first)]);
    // Returned again after a correction: another version, another notice.
    expect(await notices.deliver([returned('m-a', 'r-1', 2, 4)])).toHaveLength(1);
  });

  it('keeps the notice and its held id 180 days (the table\'s TTL attribute)', async () => {
    const notice = returned('m-ttl', 'r-9', 3);
    await notices.deliver([notice]);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `notice#${noticeId(notice)}`, sk: 'notice' } }));
    expect(Item?.expiresAt).toBe(Date.parse(notice.createdAt) / 1000 + 180 * 86_400);
  });
});

describe('reading', () => {
  const head = { head: 'm-b' };
  const region = { region: '632621' };

  beforeAll(async () => {
    await notices.deliver([1, 2, 3, 4, 5].map((m) => returned('m-b', `r-${m}`, m)));
    await notices.deliver([{ to: region, rule: 'review.waiting', subject: { view: 'review', region: '632621' }, period: '2026-12-07', title: '5 条记录待审核', body: '超过 3 天', createdAt: at(6) }]);
  });

  it('answers only the caller\'s addressees, newest first, merged across them, a page at a time', async () => {
    const both = reader('staff-with-head', head, region);
    const first = await notices.page(both, { unread: false, limit: 4, now: NOW });
    expect(first.items.map((n) => n.createdAt)).toEqual([at(6), at(5), at(4), at(3)]);
    const second = await notices.page(both, { unread: false, limit: 4, cursor: first.nextCursor!, now: NOW });
    expect(second.items.map((n) => n.createdAt)).toEqual([at(2), at(1)]);
    expect(second.nextCursor).toBeNull();
    const other = await notices.page(reader('someone', { head: 'm-other' }), { unread: false, limit: 10, now: NOW });
    expect(other.items).toEqual([]);
    await expect(notices.page(both, { unread: false, limit: 4, cursor: 'not-a-cursor', now: NOW })).rejects.toMatchObject({ status: 400 });
  });

  it('keeps reading per person: one colleague\'s read leaves it unread for the other', async () => {
    const headHimself = reader('head-b', head);
    const hisStaff = reader('staff-of-b', head);
    expect(await notices.unreadCount(headHimself, NOW)).toBe(5);
    const [newest, next] = (await notices.page(headHimself, { unread: true, limit: 2, now: NOW })).items;
    await notices.markRead(headHimself, [newest.id, next.id], NOW);
    expect(await notices.unreadCount(headHimself, NOW)).toBe(3);
    expect(await notices.unreadCount(hisStaff, NOW)).toBe(5);
    const unread = await notices.page(headHimself, { unread: true, limit: 10, now: NOW });
    expect(unread.items.map((n) => n.createdAt)).toEqual([at(3), at(2), at(1)]);
    const all = await notices.page(headHimself, { unread: false, limit: 10, now: NOW });
    expect(all.items.map((n) => n.readAt)).toEqual([NOW, NOW, null, null, null]);
    // Marking again changes nothing; another head's notice id is passed over.
    const foreign = noticeId(returned('m-a', 'r-1', 1));
    await notices.markRead(headHimself, [newest.id, foreign], '2026-12-07T02:00:00.000Z');
    expect((await notices.page(headHimself, { unread: false, limit: 1, now: NOW })).items[0].readAt).toBe(NOW);
    // The foreign notice stays unread for its own head (two notices of r-1: versions 2 and 4).
    expect(await notices.unreadCount(reader('head-a', { head: 'm-a' }), NOW)).toBe(2);
  });

  it('marks all read up to the newest notice there is, leaving later ones unread', async () => {
    const staff = reader('staff-all', head, region);
    expect(await notices.unreadCount(staff, NOW)).toBe(6);
    await notices.markRead(staff, undefined, NOW);
    expect(await notices.unreadCount(staff, NOW)).toBe(0);
    expect((await notices.page(staff, { unread: true, limit: 10, now: NOW })).items).toEqual([]);
    await notices.deliver([returned('m-b', 'r-6', 7)]);
    expect(await notices.unreadCount(staff, NOW)).toBe(1);
    const page = await notices.page(staff, { unread: false, limit: 2, now: NOW });
    expect(page.items.map((n) => n.readAt)).toEqual([null, NOW]);
  });

  it('counts no expired notice (TTL deletes late; the reads do not wait for it)', async () => {
    const later = new Date(Date.parse(at(1)) + 181 * 86_400_000).toISOString();
    expect(await notices.unreadCount(reader('head-b', head), later)).toBe(0);
  });
});

describe('rules', () => {
  it('stores what admins put', async () => {
    expect(await notices.rules()).toEqual([]);
    await notices.putRules([{ rule: 'problem.due_soon', days: 7, enabled: true }], NOW);
    expect(await notices.rules()).toEqual([{ rule: 'problem.due_soon', days: 7, enabled: true }]);
  });
});
