import type * as z from 'zod/mini';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { countingOf } from '#schemas/kinds/counting.ts';
import { KIND_REGISTRY } from '#schemas/kinds/index.ts';
import type { KindRegistry } from '#schemas/kinds/registry.ts';
import { levelOn, type Minister } from '#schemas/minister.ts';
import { type scorecardSchema, targetScoresSchema } from '#schemas/scorecard.ts';
import { scoresOf, TARGET_LIST } from '#schemas/targets.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { applyChange, branchKey, contributionOf, kindFiguresOf, totalsOf } from '#functions/rollup/figures.ts';
import type { RollupState } from '#functions/rollup/fold.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { RecordDeps } from '../deps.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { maySee, maySeeScorecard, regionInReach } from '#functions/auth/policy.ts';
import type { TrailEntry } from '#functions/ports/records.ts';

/** `kinds`: the campaign's unless a test registers its own. */
export type ScorecardDeps = Pick<RecordDeps, 'ministers' | 'records' | 'branches' | 'clock'> & { kinds?: KindRegistry };

const CAMPAIGN_COUNTING = countingOf(KIND_REGISTRY);

/**
 * Every record that was the head's and dated in `year` as of `end`, at its version then: the last
 * entry of each record in the head's trail of that year before `end`, unless that entry took it out
 * (to another head or another year). Paged queries of the head's own year, however long the history.
 */
async function versionsAsOf(deps: ScorecardDeps, kinds: KindRegistry, ministerId: string, year: number, end: string): Promise<{ kind: Kind; version: FormRecord }[]> {
  const last = new Map<string, TrailEntry>();
  for (const entry of await deps.records.trail(ministerId, year, end)) {
    const key = `${entry.kind}#${entry.recordId}`;
    if ((last.get(key)?.version ?? 0) < entry.version) last.set(key, entry);
  }
  return [...last.values()].flatMap((entry) => {
    const kind = kinds.named(entry.kind);
    return kind && 'after' in entry ? [{ kind, version: entry.after }] : [];
  });
}

/**
 * One head's figures for a year, as of the end of a Beijing day.
 * 1. The head must exist and be the caller's to see: within their region, or their own head (404).
 * 2. Of every kind, take each record that was the head's as of that day, at its version then (from
 *    the head's own trail: a record handed to another head later still counts here as it was; one
 *    handed over before, or received later, does not), dated in the year (by the kind's date).
 * 3. Count them as the rollup does (withdrawn, rejected and unresolved suspected duplicates count
 *    nothing): the rollup's own contributions, folded into the province, so a head's card and the
 *    regions' snapshots count alike.
 * 4. A contact branch (联系点) is visited when one of those counted visits names it (by registry id).
 * 5. List only the records the caller may open (a head moved to another region leaves records behind
 *    that the new region's staff may not read; a reporting client reads figures only): the others
 *    count all the same, and are only counted as not shown.
 */
export type Scorecard = z.infer<typeof scorecardSchema>;

export async function ministerScorecard(deps: ScorecardDeps, id: string, year?: number, date?: string, caller?: Caller): Promise<Scorecard> {
  const minister = await deps.ministers.get(id);
  if (!minister || (caller && !maySeeScorecard(caller, minister))) throw new NotFoundError();
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const end = endOfBeijingDay(asOf);
  const level = (_: string, date: string) => levelOn(minister.terms, date);

  const kinds = deps.kinds ?? KIND_REGISTRY;
  const counting = deps.kinds ? countingOf(deps.kinds) : CAMPAIGN_COUNTING;
  const states: RollupState = new Map();
  /** Kind → records that count. */
  const counted: Record<string, number> = Object.fromEntries(kinds.list.map((kind) => [kind.name, 0]));
  const records: Scorecard['records'] = [];
  const hiddenRecords: Scorecard['hiddenRecords'] = {};
  const branchesVisited = new Set<string>();
  for (const { kind, version } of await versionsAsOf(deps, kinds, id, y, end)) {
    // Counted in the year of its own date (a visit's, a problem's foundOn, …): entries written before
    // trails were kept by year may be of another.
    const date = kind.dateOf(version);
    if (Number(date.slice(0, 4)) !== y) continue;
    const contribution = contributionOf(kind, version, level);
    if (!contribution) continue;
    counted[kind.name]++;
    if (!caller || maySee(caller, kind.regionOf(version), version)) records.push({ kind: kind.name, id: version.id, date, title: kind.presentation.title(version) });
    else hiddenRecords[kind.name] = (hiddenRecords[kind.name] ?? 0) + 1;
    applyChange(states, undefined, contribution);
    if (contribution.visit) branchesVisited.add(contribution.visit.branchKey);
  }
  const contacts = (await Promise.all((minister.contactBranches ?? []).map((branch) => deps.branches.get(branch)))).flatMap((entry) =>
    (entry ? [{ id: entry.id, name: entry.name, countyCode: entry.countyCode, visited: branchesVisited.has(branchKey(entry)) }] : []));
  records.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));

  const state = states.get(PROVINCE_CODE);
  const figures = { ...totalsOf(state, asOf), ...kindFiguresOf(state, asOf, counting.figures) };
  return {
    minister: { id: minister.id, name: minister.name, level: minister.level, regionCode: minister.regionCode },
    year: y,
    asOf,
    ...targetScoresSchema.parse(Object.fromEntries(TARGET_LIST.map((t) => [t.key, scoresOf(t.lines, figures, counted)]))),
    // A kind's own part (none of the campaign's kinds has one), after the targets.
    ...Object.fromEntries(counting.targets.map((t) => [t.key, scoresOf(t.lines, figures, counted)])),
    contactBranches: { assigned: contacts.length, visited: contacts.filter((c) => c.visited).length, branches: contacts },
    records,
    hiddenRecords,
  };
}

/** At most this many heads' trails are read at once. */
const CONCURRENT_CARDS = 8;

/**
 * Every head of a region side by side for a year as of a day (总结讲评): each head's scorecard as
 * above, without the records behind it; the region within the caller's (403 outside it).
 */
export async function regionScorecards(deps: ScorecardDeps, region: string | undefined, year?: number, date?: string, caller?: Caller) {
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const code = caller ? regionInReach(caller, region) : (region ?? PROVINCE_CODE);
  const heads: Minister[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.ministers.list({ region: code, limit: 500, cursor });
    heads.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const items: Omit<Scorecard, 'records' | 'hiddenRecords'>[] = [];
  for (let i = 0; i < heads.length; i += CONCURRENT_CARDS) {
    const cards = await Promise.all(heads.slice(i, i + CONCURRENT_CARDS).map((head) => ministerScorecard(deps, head.id, y, asOf)));
    for (const { records: _, hiddenRecords: __, ...card } of cards) items.push(card);
  }
  return { region: code, year: y, asOf, items };
}
