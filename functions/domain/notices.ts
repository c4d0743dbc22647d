import { createHash } from 'node:crypto';
import type { NoticeRule, NoticeSubject } from '#schemas/notices.ts';
import type { Caller } from '#functions/auth/caller.ts';

/**
 * Who a notice is addressed to: a head (组织部长; the head and the accounts carrying their
 * `ministerId` see it) or the staff of exactly one region (no region above or below sees it).
 */
export type Addressee = { head: string } | { region: string };

/** An addressee as one string (a key part): `head:<ministerId>`, `region:<code>`. */
export const addresseeKey = (to: Addressee): string => ('head' in to ? `head:${to.head}` : `region:${to.region}`);

/**
 * Whose notices a caller reads: their head's when their account carries one; their region's when
 * they are staff (admins: the region of their account, the province for most). Reporters read none.
 */
export function addresseesOf(caller: Caller): Addressee[] {
  const to: Addressee[] = [];
  if (caller.ministerId) to.push({ head: caller.ministerId });
  if (caller.role === 'staff' || caller.role === 'admin') to.push({ region: caller.region });
  return to;
}

/**
 * What makes a notice: who, by which rule, about what, for which period (the change's version of a
 * decision; the deadline, the month or the year of a time-based rule). The same cause is one notice.
 */
export interface NoticeCause {
  to: Addressee;
  rule: NoticeRule;
  subject: NoticeSubject;
  period: string;
}

/** The subject's parts in a fixed order (JSON keeps each part apart, whatever characters it holds). */
const subjectParts = (subject: NoticeSubject): string[] =>
  ('kind' in subject ? ['record', subject.kind, subject.id] : ['view', subject.view, subject.region ?? '', subject.month ?? '']);

/**
 * A notice's id, derived from its cause alone (22 base64url characters of a SHA-256): a redelivered
 * stream event or a second run of a day derives the same id, and the conditional write refuses it.
 */
export function noticeId(cause: NoticeCause): string {
  const text = JSON.stringify([addresseeKey(cause.to), cause.rule, ...subjectParts(cause.subject), cause.period]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** A notice ready to store: its cause, what it says, and when it was made. */
export interface NewNotice extends NoticeCause {
  title: string;
  body: string;
  createdAt: string;
}
