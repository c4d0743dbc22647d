import { REVIEW_STATES } from '#schemas/form.ts';
import { LIGHTS } from './lights.ts';
import { hrefOf } from './route.ts';

/**
 * 待我处理: what waits for the person now, each with where to act on it. A head: their records
 * returned (已退回) or flagged (有问题), their problems red or yellow, their suggestions waiting for an
 * answer, their unread notices. Staff: the records of their region awaiting review, the rectified
 * problems waiting for their 验收 (a prefecture's staff accept its counties'), the region's problems red or yellow, suggestions waiting, unread notices. Nothing waiting is not listed. No DOM here.
 */
export interface Waiting {
  returned?: number;
  flagged?: number;
  awaitingReview?: number;
  /** Rectified problems waiting for the person's 验收 (验收销号). */
  acceptanceWaiting?: number;
  red: number;
  yellow: number;
  pendingSuggestions: number;
  unread: number;
}

export interface ToDo {
  key: keyof Waiting;
  count: number;
  label: string;
  /** The list to act from; none: the inbox (消息), opened in place. */
  href?: string;
  /** The problem ledger's light, for its colour. */
  light?: 'red' | 'yellow';
}

export function toDoOf(waiting: Waiting): ToDo[] {
  const all: ToDo[] = [
    { key: 'returned', count: waiting.returned ?? 0, label: `记录${REVIEW_STATES.rejected}`, href: hrefOf({ view: 'mine', filters: { review: 'rejected' } }) },
    { key: 'flagged', count: waiting.flagged ?? 0, label: `记录${REVIEW_STATES.has_issues}`, href: hrefOf({ view: 'mine', filters: { review: 'has_issues' } }) },
    { key: 'awaitingReview', count: waiting.awaitingReview ?? 0, label: `记录${REVIEW_STATES.received}`, href: hrefOf({ view: 'queue', filters: {} }) },
    { key: 'acceptanceWaiting', count: waiting.acceptanceWaiting ?? 0, label: '问题待验收', href: hrefOf({ view: 'problems', filters: { light: 'waiting' } }) },
    { key: 'red', count: waiting.red, label: `问题${LIGHTS.red.name} ${LIGHTS.red.meaning}`, href: hrefOf({ view: 'problems', filters: { light: 'red' } }), light: 'red' },
    { key: 'yellow', count: waiting.yellow, label: `问题${LIGHTS.yellow.name} ${LIGHTS.yellow.meaning}`, href: hrefOf({ view: 'problems', filters: { light: 'yellow' } }), light: 'yellow' },
    { key: 'pendingSuggestions', count: waiting.pendingSuggestions, label: '意见建议待答复', href: hrefOf({ view: 'suggestions', filters: { status: 'pending' } }) },
    { key: 'unread', count: waiting.unread, label: '未读消息' },
  ];
  return all.filter((item) => item.count > 0);
}
