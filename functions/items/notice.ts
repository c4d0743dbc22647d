import * as z from 'zod/mini';
import { noticeRuleSchema, noticeRuleSettingSchema, noticeSubjectSchema, type Notice, type NoticeRuleSetting } from '#schemas/notices.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { addresseeKey, type NewNotice, noticeId } from '#functions/domain/notices.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLE_DEFINITION;

/**
 * Notices and who has read them, in the main table (no index: every read is by partition):
 * - `notices#<addressee>` / `<createdAt>#<id>`, item kind `notice`: an addressee's notices, newest
 *   last in key order, so a page newest first and "everything after a moment" are one key range each;
 * - `notice#<id>` / `notice`, item kind `notice-id`: the notice's id held, written in the same
 *   transaction on condition that it is new (a rerun or a redelivered event changes nothing), and
 *   where `POST /notices/read` finds an id's addressee and place;
 * - `reader#<sub>` / `cursor`, item kind `notice-cursor`: the person read everything up to `readTo`
 *   (a notice sort key; "mark all read" moves it);
 * - `reader#<sub>` / `read#<createdAt>#<id>`, item kind `notice-read`: one notice after the cursor
 *   read by the person, with its addressee.
 * So the unread of a person are their addressees' notices after the cursor less their marks after
 * it: two or three short range reads, whatever the history. Every item expires with its notice (TTL).
 */
export const NOTICE_TTL_DAYS = 180;

export const noticesPartition = (addressee: string) => `notices#${addressee}`;
export const noticeSortKey = (createdAt: string, id: string) => `${createdAt}#${id}`;
export const noticeIdKey = (id: string) => ({ [PK]: `notice#${id}`, [SK]: 'notice' });
export const readerPartition = (sub: string) => `reader#${sub}`;
export const readerCursorKey = (sub: string) => ({ [PK]: readerPartition(sub), [SK]: 'cursor' });
export const READ_MARK_PREFIX = 'read#';
export const readMarkSortKey = (noticeSk: string) => `${READ_MARK_PREFIX}${noticeSk}`;
/**
 * The least key bound above notice sort key `sk` (`BETWEEN` is inclusive): ids are of one length, so
 * no key extends another, and any key greater than `sk` is at least `sk` followed by `!`, the least
 * printable character. `~` sorts above every key (they start with a year's digit).
 */
export const keyAbove = (sk: string) => `${sk}!`;
export const KEY_TOP = '~';

const expiresAt = (createdAt: string) => Math.floor(Date.parse(createdAt) / 1000) + NOTICE_TTL_DAYS * 86_400;

/** The notice's own item and the item holding its id, to write together. */
export function noticeItems(notice: NewNotice): { notice: RawItem; held: RawItem; id: string } {
  const id = noticeId(notice);
  const addressee = addresseeKey(notice.to);
  const sk = noticeSortKey(notice.createdAt, id);
  const expiry = { [TTL]: expiresAt(notice.createdAt) };
  return {
    id,
    notice: {
      [PK]: noticesPartition(addressee), [SK]: sk, kind: 'notice', id, addressee,
      rule: notice.rule, title: notice.title, body: notice.body, subject: notice.subject, createdAt: notice.createdAt, ...expiry,
    },
    held: { ...noticeIdKey(id), kind: 'notice-id', addressee, noticeSk: sk, ...expiry },
  };
}

const storedNoticeSchema = z.object({
  [SK]: z.string(),
  id: z.string(),
  addressee: z.string(),
  rule: noticeRuleSchema,
  title: z.string(),
  body: z.string(),
  subject: noticeSubjectSchema,
  createdAt: z.string(),
  [TTL]: z.number(),
});

/** A stored notice: what the API answers (less whether the reader read it) and where it lies. */
export interface StoredNotice {
  notice: Omit<Notice, 'readAt'>;
  addressee: string;
  sk: string;
  expiresAt: number;
}

export function readNotice(raw: RawItem): StoredNotice {
  const item = parseItem('notice', storedNoticeSchema, raw);
  return {
    notice: { id: item.id, rule: item.rule, title: item.title, body: item.body, subject: item.subject, createdAt: item.createdAt },
    addressee: item.addressee, sk: item[SK], expiresAt: item[TTL],
  };
}

const heldNoticeSchema = z.object({ addressee: z.string(), noticeSk: z.string(), [TTL]: z.number() });

export function readHeldNotice(raw: RawItem): { addressee: string; sk: string; expiresAt: number } {
  const item = parseItem('notice-id', heldNoticeSchema, raw);
  return { addressee: item.addressee, sk: item.noticeSk, expiresAt: item[TTL] };
}

/** Everything up to notice sort key `readTo` read, when the person last marked all read (`readAt`). */
export interface ReadCursor {
  readTo: string;
  readAt: string | null;
}

export const readerCursorItem = (sub: string, cursor: ReadCursor): RawItem => ({ ...readerCursorKey(sub), kind: 'notice-cursor', ...cursor });

const cursorSchema = z.object({ readTo: z.string(), readAt: z.string() });
/** A person's cursor; before their first "mark all read", nothing is read by it. */
export const readCursorOf = (raw: RawItem | undefined): ReadCursor => (raw ? parseItem('notice-cursor', cursorSchema, raw) : { readTo: '', readAt: null });

/** A person's mark on one notice, expiring with it. */
export const readMarkItem = (sub: string, notice: { addressee: string; sk: string; expiresAt: number }, readAt: string): RawItem =>
  ({ [PK]: readerPartition(sub), [SK]: readMarkSortKey(notice.sk), kind: 'notice-read', addressee: notice.addressee, readAt, [TTL]: notice.expiresAt });

const readMarkSchema = z.object({ [SK]: z.string(), addressee: z.string(), readAt: z.string() });

export function readReadMark(raw: RawItem): { noticeSk: string; addressee: string; readAt: string } {
  const item = parseItem('notice-read', readMarkSchema, raw);
  return { noticeSk: item[SK].slice(READ_MARK_PREFIX.length), addressee: item.addressee, readAt: item.readAt };
}

/** The time-based rules' settings (`config` / `notice-rules`), as admins last put them. */
export const noticeRulesKey = { [PK]: 'config', [SK]: 'notice-rules' };
export const noticeRulesItem = (rules: NoticeRuleSetting[], at: string): RawItem => ({ ...noticeRulesKey, kind: 'notice-rules', rules, updatedAt: at });
export const readNoticeRules = (raw: RawItem): NoticeRuleSetting[] =>
  parseItem('notice-rules', z.object({ rules: z.array(noticeRuleSettingSchema) }), raw).rules;
