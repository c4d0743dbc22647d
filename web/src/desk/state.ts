import { computed, signal } from '@preact/signals';
import type { Person } from '../auth.ts';
import type { Minister } from '../fields/context.ts';
import { topRegion } from '../dashboard/place.ts';
import { roleMay } from '#schemas/access.ts';
import type { Names } from './describe.ts';
import type { StoredRecord } from './data.ts';
import { recordHeads } from './record-heads.ts';
import { hrefOf, isListRoute, type ListRoute, parseRoute, type Route } from './route.ts';

/** What every view of the desk reads: who is signed in, the heads of their region, the route, and records just changed. */

export const person = signal<Person>({ sub: '', region: '', name: '' });
export const ministers = signal<Minister[]>([]);

/** Staff and admins review, withdraw and decide; a head (or their staff) sees their own records. */
export const mayReview = computed(() => !!person.value.role && roleMay(person.value.role, 'records.review'));
/** Admins, and staff within their region, keep the branch registry (支部名册). */
export const mayImport = computed(() => !!person.value.role && roleMay(person.value.role, 'branches.write'));
export const mayDecide = computed(() => !!person.value.role && roleMay(person.value.role, 'records.decide'));
/** Admins set the notice rules and the regions' group robots (消息设置). */
export const mayManageNotices = computed(() => !!person.value.role && roleMay(person.value.role, 'notices.rules') && roleMay(person.value.role, 'robots.manage'));
/** Admins, and staff within their region for heads and staff, keep the accounts (用户管理). */
export const mayManageAccounts = computed(() => !!person.value.role && roleMay(person.value.role, 'accounts.manage'));
/** The highest region the person's lists cover (admins: the province). */
export const top = computed(() => topRegion(person.value));

/**
 * Heads by name: those of the person's region (`GET /ministers`), and those the records they read
 * name; any other by a phrase, never by id. A change's author is named by the change itself
 * (`byName`); an older entry without one by a readable label, never by account id.
 */
export const names = computed<Names & { person(sub: string): string }>(() => {
  const byId = new Map(ministers.value.map((m) => [m.id, m.name]));
  const heads = recordHeads.value;
  const me = person.value.sub;
  return {
    minister: (id) => byId.get(id) ?? heads.get(id) ?? '本地区以外的部长',
    person: (sub) => (sub === me ? '本人' : '未记录姓名的账号'),
  };
});

export const route = signal<Route>(parseRoute(location.hash));
/** The list last shown: on a wide screen it stays beside the record opened from it. */
export const lastList = signal<ListRoute | undefined>(isListRoute(route.value) ? route.value : undefined);

/** A record the person just changed (reviewed, corrected, moved on, withdrawn): lists showing it update in place. */
export const changed = signal<{ kind: string; record: StoredRecord } | undefined>(undefined);

/** Shows a route: a new entry in the history, or (`replace`: a list's filters changed) the same one rewritten. */
export function navigate(next: Route, replace = false): void {
  const href = hrefOf(next);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  showRoute(parseRoute(href));
}

/** The route the address names, remembered as the last list when it is one. */
export function showRoute(next: Route): void {
  if (isListRoute(next)) lastList.value = next;
  route.value = next;
}
