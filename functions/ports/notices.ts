import type { Notice, NoticeRuleSetting } from '#schemas/notices.ts';
import type { NewNotice } from '#functions/domain/notices.ts';
import type { Page } from './records.ts';

/** A person reading notices: who (their token's subject) and the addressees whose notices they see (addresseeKey). */
export interface NoticeReader {
  sub: string;
  addressees: readonly string[];
}

/** What the notices engine stores and reads (repositories/notice-repository.ts). */
export interface NoticeRepository {
  /** Stores each notice whose id (derived from its cause) is new; answers the ids stored now. */
  deliver(notices: readonly NewNotice[]): Promise<string[]>;
  /** The reader's notices, newest first (`unread`: those they have not read). */
  page(reader: NoticeReader, request: { unread: boolean; limit: number; cursor?: string; now: string }): Promise<Page<Notice>>;
  unreadCount(reader: NoticeReader, now: string): Promise<number>;
  /** Marks these ids read for the reader (ids not theirs are passed over), or all of theirs when `ids` is absent. */
  markRead(reader: NoticeReader, ids: readonly string[] | undefined, now: string): Promise<void>;
  /** The time-based rules' settings as admins last put them (none before). */
  rules(): Promise<NoticeRuleSetting[]>;
  putRules(rules: readonly NoticeRuleSetting[], now: string): Promise<void>;
}
