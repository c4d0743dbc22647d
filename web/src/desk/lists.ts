import { type FormRecord, type ReviewState, reviewStateOf } from '#schemas/form.ts';
import { findRegion, regionContains } from '#schemas/regions.ts';
import { daysBetween } from './lights.ts';
import type { Filters } from './route.ts';

/**
 * The desk's lists, as queries to the API and the order people read them in. No DOM.
 */

/** `region` of a list's filters as the API's `county` or `prefecture` (the province: neither). */
export function regionQuery(region: string | undefined): Record<string, string> {
  const found = region ? findRegion(region) : undefined;
  if (!found || found.level === 'province') return {};
  return found.level === 'county' ? { county: found.code } : { prefecture: found.code };
}

/** The query of one kind's list for the review queue's filters (`review` defaults to 待审核). */
export function recordQuery(filters: Filters, review: ReviewState | '' = 'received'): URLSearchParams {
  const query = new URLSearchParams({ limit: '500', ...regionQuery(filters.region) });
  const chosenReview = filters.review === 'all' ? '' : filters.review ?? review;
  if (chosenReview) query.set('review', chosenReview);
  if (filters.minister) query.set('ministerId', filters.minister);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  // A status is a kind's own: asked for only when one kind is chosen.
  if (filters.status && filters.kind) query.set('status', filters.status);
  return query;
}

/** Withdrawn records wait for no one: a list leaves them out unless they are asked for. */
export const shownInQueue = (record: Pick<FormRecord, 'status'>, filters: Filters): boolean =>
  filters.status === 'withdrawn' ? record.status === 'withdrawn' : record.status !== 'withdrawn';

/** Oldest first, by when the record was received (`createdAt`); ties by id, so the order is stable. */
export const oldestFirst = <T extends Pick<FormRecord, 'createdAt' | 'id'>>(records: readonly T[]): T[] =>
  [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** A suggestion as the ledger lists it (`GET /suggestions`). */
export interface SuggestionItem {
  id: string;
  text: string;
  channel: string;
  status: 'pending' | 'answered' | 'resolved';
  response?: string;
  visit: { id: string; version: number; date: string; ministerId: string; branch: { name: string; type: string; countyCode: string } };
}

/** Days since the visit it was collected on (Beijing dates). */
export const ageInDays = (item: Pick<SuggestionItem, 'visit'>, today: string): number => Math.max(0, daysBetween(item.visit.date, today));

const SUGGESTION_ORDER = { pending: 0, answered: 1, resolved: 2 } as const;

/** Pending first, the longest waiting at the top; then answered and resolved ones, newest visit first. */
export function suggestionsInOrder<T extends SuggestionItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SUGGESTION_ORDER[a.status] - SUGGESTION_ORDER[b.status]
    || (a.status === 'pending' ? a.visit.date.localeCompare(b.visit.date) : b.visit.date.localeCompare(a.visit.date))
    || a.id.localeCompare(b.id));
}

/** After a move, every suggestion of the same visit carries the visit's new version (its If-Match). */
export function withVisitVersion<T extends SuggestionItem>(items: readonly T[], visitId: string, version: number): T[] {
  return items.map((item) => (item.visit.id === visitId ? { ...item, visit: { ...item.visit, version } } : item));
}

/** The child regions a region's ledger counts by (a county: itself alone). */
export function countRegions(top: string, children: (code: string) => { code: string; name: string }[]): { code: string; name: string }[] {
  const kids = children(top);
  if (kids.length > 0) return kids;
  const self = findRegion(top);
  return self ? [{ code: self.code, name: self.name }] : [];
}

/** Groups things by the child region of `regions` they lie in. */
export function byRegion<T>(items: readonly T[], regions: readonly { code: string }[], regionOfItem: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>(regions.map((r) => [r.code, []]));
  for (const item of items) {
    const region = regions.find((r) => regionContains(r.code, regionOfItem(item)));
    if (region) groups.get(region.code)!.push(item);
  }
  return groups;
}

/* 我的填报 (a submitter's own records): the order they read them in. */

/** Returned and flagged records first (they wait for the submitter), then those awaiting review, then approved ones. */
const ATTENTION: Record<ReviewState, number> = { rejected: 0, has_issues: 1, received: 2, approved: 3 };

/** A record the submitter should look at again: returned (已退回) or flagged (有问题), and not withdrawn. */
export const needsAttention = (record: { status: string; review?: { state: ReviewState } }): boolean =>
  record.status !== 'withdrawn' && (reviewStateOf(record) === 'rejected' || reviewStateOf(record) === 'has_issues');

/** A submitter's records: what needs them first, then by review state, newest received first within each; ties by id. */
export function mineInOrder<T extends { record: { id: string; createdAt: string; status: string; review?: { state: ReviewState } } }>(rows: readonly T[]): T[] {
  const rank = (r: T) => (r.record.status === 'withdrawn' ? 4 : ATTENTION[reviewStateOf(r.record)]);
  return [...rows].sort((a, b) => rank(a) - rank(b) || b.record.createdAt.localeCompare(a.record.createdAt) || a.record.id.localeCompare(b.record.id));
}
