import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { problemKind } from '#schemas/kinds/problem.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import type { TimedRule } from '#schemas/notices.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import type { NewNotice } from '#functions/domain/notices.ts';
import {
  contactDue, contactNotices, noVisitDue, noVisitNotices, problemNotices, reviewCutoff, reviewWaitingNotices, type RuleSettings, suggestionNotices,
} from '#functions/domain/timed-notices.ts';
import type { ListEntry, StateList } from '#functions/ports/records.ts';
import { mapInFlight } from '../in-flight.ts';
import { postDailyDigest } from '../robots/post-digest.ts';
import type { DailyNoticeDeps } from '../deps.ts';
import { readNoticeRules } from './notice-rules.ts';

/** Heads read a page at a time, and heads checked at once. */
const PAGE = 500;
/**
 * Records read a page at a time from a work list. A page filtered by `keep` reads up to 1 MB of keys
 * (about 8,000) whatever its limit, and the next page starts after the last record kept: pages of 500
 * read each key some 16 times (at 100,000 records, 119 pages took 219 of the run's seconds).
 */
const LIST_PAGE = 5_000;
const CONCURRENCY = 8;

export interface DailyNoticesOutcome {
  date: string;
  /** Notices the rules made, by rule (those made on an earlier run included). */
  made: Partial<Record<TimedRule, number>>;
  /** Of those, stored by this run: a rerun of the day stores none. */
  stored: number;
}

async function settingsOf(deps: DailyNoticeDeps): Promise<RuleSettings> {
  const { rules } = await readNoticeRules(deps);
  return Object.fromEntries(rules.map(({ rule, ...setting }) => [rule, setting])) as RuleSettings;
}

/** Every record of a work list across the province whose key passes `keep`, a page at a time. */
async function everyIn<T extends FormRecord>(deps: DailyNoticeDeps, list: StateList, kind: Kind<T>, keep: (entry: ListEntry) => boolean): Promise<T[]> {
  const records: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.lists.page(list, kind, PROVINCE_CODE, { limit: LIST_PAGE, cursor, keep });
    records.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}

/** Every head (组织部长) of the province, with their contact branches. */
async function everyHead(deps: DailyNoticeDeps): Promise<{ id: string; contactBranches: string[] }[]> {
  const heads: { id: string; contactBranches: string[] }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.ministers.list({ limit: PAGE, cursor });
    heads.push(...page.items.map((m) => ({ id: m.id, contactBranches: m.contactBranches ?? [] })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return heads;
}

/** The registered branches a head visited from `from` to `to` (their visits by the head's index). */
async function branchesVisited(deps: DailyNoticeDeps, ministerId: string, from: string, to: string): Promise<Set<string>> {
  const visited = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.lists.list(visitKind, { ministerId, from, to, limit: PAGE, cursor });
    for (const visit of page.items) if (visit.status !== 'withdrawn' && visit.branch.id) visited.add(visit.branch.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return visited;
}

/**
 * The day's time-based rules (at 08:30 Beijing time; `npm run notices -- --date` by hand):
 * 1. the rules' settings (defaults, with what admins put);
 * 2. what stands now, read from the work lists' sparse indexes (never every record): problems not
 *    rectified due within the threshold or overdue, visits with suggestions pending past it, records
 *    awaiting review received before the cut; and from the 20th, each head's visits of the month;
 * 3. the notices each rule makes of them, stored once each (ids from causes): a rerun stores nothing.
 */
export async function runDailyNotices(deps: DailyNoticeDeps, date: string): Promise<DailyNoticesOutcome> {
  const settings = await settingsOf(deps);
  const createdAt = deps.clock.now().toISOString();
  const notices: NewNotice[] = [];

  const soon = addDays(date, settings['problem.due_soon'].days ?? 10);
  for (const problem of await everyIn(deps, 'problems', problemKind, (entry) => entry.order <= soon)) {
    notices.push(...problemNotices({
      id: problem.id, ministerId: problem.ministerId, region: problemKind.regionOf(problem), deadline: problem.deadline, title: problemKind.presentation.title(problem),
    }, date, settings, createdAt));
  }

  const waitedSince = addDays(date, -(settings['suggestion.waiting'].days ?? 15));
  const visits = await everyIn(deps, 'suggestions', visitKind, (entry) => entry.order <= waitedSince);
  const headRegions = new Map<string, string | undefined>();
  for (const id of new Set(visits.map((v) => v.ministerId))) headRegions.set(id, (await deps.ministers.get(id))?.regionCode);
  for (const visit of visits) {
    notices.push(...suggestionNotices({
      visitId: visit.id, ministerId: visit.ministerId, headRegion: headRegions.get(visit.ministerId) ?? visitKind.regionOf(visit), date: visit.date,
      pending: visit.suggestions.filter((s) => s.status === 'pending').length, title: visitKind.presentation.title(visit),
    }, date, settings, createdAt));
  }

  // Received on or before the cut (a record's date is never after its receipt, so the key's date pre-filters soundly).
  const cutoff = reviewCutoff(date, settings);
  const waiting = new Map<string, number>();
  for (const kind of KINDS) {
    for (const record of await everyIn(deps, 'review', kind, (entry) => entry.order <= cutoff)) {
      if (beijingDate(Date.parse(record.createdAt)) > cutoff) continue;
      const region = kind.regionOf(record);
      waiting.set(region, (waiting.get(region) ?? 0) + 1);
    }
  }
  notices.push(...reviewWaitingNotices(waiting, date, settings, createdAt));

  const heads = noVisitDue(date, settings) || contactDue(date, settings) ? await everyHead(deps) : [];
  if (noVisitDue(date, settings)) {
    const from = `${date.slice(0, 7)}-01`;
    const idle = await mapInFlight(heads, CONCURRENCY, async ({ id }) =>
      ((await deps.lists.list(visitKind, { ministerId: id, from, to: date, limit: 1 })).items.length ? [] : [id]));
    notices.push(...noVisitNotices(idle.flat(), date, settings, createdAt));
  }
  if (contactDue(date, settings)) {
    const withContacts = heads.filter((head) => head.contactBranches.length);
    const found = await mapInFlight(withContacts, CONCURRENCY, async (head) => {
      const visited = await branchesVisited(deps, head.id, `${date.slice(0, 4)}-01-01`, date);
      const unvisited = head.contactBranches.filter((id) => !visited.has(id));
      const names = await Promise.all(unvisited.map(async (id) => ({ id, name: (await deps.branches.get(id))?.name ?? id })));
      return contactNotices(head.id, names, date, settings, createdAt);
    });
    notices.push(...found.flat());
  }

  const made: Partial<Record<TimedRule, number>> = {};
  for (const notice of notices) made[notice.rule as TimedRule] = (made[notice.rule as TimedRule] ?? 0) + 1;
  const stored = await deps.notices.deliver(notices);
  if (deps.robotDelivery) await postDailyDigest({ robotDelivery: deps.robotDelivery, ministers: deps.ministers }, date, notices, stored);
  return { date, made, stored: stored.length };
}
