import type { Notice } from '#schemas/notices.ts';
import { addresseeKey, addresseesOf } from '#functions/domain/notices.ts';
import type { NoticeReader } from '#functions/ports/notices.ts';
import type { Page } from '#functions/ports/records.ts';
import type { Actor, NoticeDeps } from '../deps.ts';

/**
 * The caller as a reader of notices: their own addressees only, so nobody reads another's. Every
 * signed-in route has a caller; without one (the system acting) there is nobody to address.
 */
const readerOf = ({ by, caller }: Actor): NoticeReader => ({ sub: caller?.sub ?? by, addressees: caller ? addresseesOf(caller).map(addresseeKey) : [] });

/** The caller's notices, newest first (`unread`: only those they have not read). */
export function listNotices(deps: NoticeDeps, actor: Actor, query: { unread?: boolean; limit: number; cursor?: string }): Promise<Page<Notice>> {
  return deps.notices.page(readerOf(actor), { unread: query.unread ?? false, limit: query.limit, cursor: query.cursor, now: deps.clock.now().toISOString() });
}

export async function countUnread(deps: NoticeDeps, actor: Actor): Promise<{ count: number }> {
  return { count: await deps.notices.unreadCount(readerOf(actor), deps.clock.now().toISOString()) };
}

/** Marks notices read for the caller alone (colleagues' stay unread); all of theirs without `ids`; ids not theirs are passed over. */
export function markNoticesRead(deps: NoticeDeps, actor: Actor, ids: readonly string[] | undefined): Promise<void> {
  return deps.notices.markRead(readerOf(actor), ids, deps.clock.now().toISOString());
}
