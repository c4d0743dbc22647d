import type * as z from 'zod/mini';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { countingOf } from '#schemas/kinds/counting.ts';
import { KIND_REGISTRY } from '#schemas/kinds/index.ts';
import type { KindRegistry } from '#schemas/kinds/registry.ts';
import type { Minister } from '#schemas/minister.ts';
import { type scorecardSchema, targetScoresSchema } from '#schemas/scorecard.ts';
import { scoresOf, TARGET_LIST } from '#schemas/targets.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { branchKey, COUNTING_RULES, kindFiguresOf, NegativeStateError, totalsOf } from '#functions/rollup/figures.ts';
import { cardContribution, type CardTally, emptyTally, type HeadCard, latestIn, moveTally } from '#functions/rollup/card.ts';
import type { CardReader } from '#functions/ports/rollups.ts';
import { type CardMover, cardMover, levelsOf } from './card-moves.ts';
import { mapInFlight } from '../in-flight.ts';
import { headsOf } from '../ministers/heads-of.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { CardDeps, RecordDeps } from '../deps.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { maySee, maySeeScorecard, regionInReach } from '#functions/auth/policy.ts';
import type { RecordRepository, TrailEntry } from '#functions/ports/records.ts';

/**
 * `kinds`: the campaign's unless a test registers its own. `cards`: the heads' cards the nightly keeps;
 * without them every card is counted from the head's whole year trail.
 */
export type ScorecardDeps = Pick<RecordDeps, 'ministers' | 'branches' | 'clock'> & { records: Pick<RecordRepository, 'trail'>; kinds?: KindRegistry; cards?: CardReader };

const CAMPAIGN_COUNTING = countingOf(KIND_REGISTRY);

/**
 * Every record that was the head's and dated in `year` as of `end`, at its version then: the last
 * entry of each record in the head's trail of that year before `end`, unless that entry took it out
 * (to another head or another year). Paged queries of the head's own year, however long the history.
 */
async function versionsAsOf(deps: ScorecardDeps, kinds: KindRegistry, ministerId: string, year: number, end: string): Promise<{ kind: Kind; version: FormRecord }[]> {
  const byRecord = new Map<string, TrailEntry[]>();
  for (const entry of await deps.records.trail(ministerId, year, end)) {
    const key = `${entry.kind}#${entry.recordId}`;
    const entries = byRecord.get(key);
    if (entries) entries.push(entry);
    else byRecord.set(key, [entry]);
  }
  return [...byRecord.values()].flatMap((entries) => {
    const kind = kinds.named(entries[0].kind);
    const version = latestIn(entries);
    return kind && version ? [{ kind, version }] : [];
  });
}

/** Every version that counts on the head's card of a year as of `end`, with what it contributes. */
async function countedAsOf(deps: ScorecardDeps, kinds: KindRegistry, minister: Minister, year: number, end: string) {
  const levels = levelsOf(minister);
  return (await versionsAsOf(deps, kinds, minister.id, year, end)).flatMap(({ kind, version }) => {
    const contribution = cardContribution(kind, version, year, levels);
    return contribution ? [{ kind, version, contribution }] : [];
  });
}

/** The head's card of a year counted from every version that counts as of `end`. */
async function fullTally(deps: ScorecardDeps, kinds: KindRegistry, minister: Minister, year: number, end: string): Promise<CardTally> {
  const tally = emptyTally(kinds.list.map((kind) => kind.name));
  for (const { kind, contribution } of await countedAsOf(deps, kinds, minister, year, end)) moveTally(tally, kind.name, undefined, contribution);
  return tally;
}

/** A kept card stands for the head as now (same version, same counting rules) and can be moved to `end` (not after it). */
const cardFits = (card: HeadCard | undefined, minister: Minister, end: string): card is HeadCard =>
  !!card && card.minister.version === minister.version && card.minister.updatedAt === minister.updatedAt && card.countingRules === COUNTING_RULES && card.asOf <= end;

/** The card's tally as of `end`: the kept card moved, when it fits and moves soundly; else counted in full. */
async function tallyOf(deps: ScorecardDeps, kinds: KindRegistry, minister: Minister, year: number, end: string, card: HeadCard | undefined, mover: CardMover | undefined): Promise<CardTally> {
  if (mover && cardFits(card, minister, end)) {
    try {
      return await mover.move(minister);
    } catch (error) {
      // A card that is no base to move from (a state would go below zero) is counted anew.
      if (!(error instanceof NegativeStateError)) throw error;
    }
  }
  return fullTally(deps, kinds, minister, year, end);
}

/** The card's figures, targets and contact branches (联系点) from its tally, as of the day `asOf`. */
async function cardOf(deps: ScorecardDeps, kinds: KindRegistry, minister: Minister, year: number, asOf: string, tally: CardTally): Promise<Omit<Scorecard, 'records' | 'hiddenRecords'>> {
  const counting = deps.kinds ? countingOf(kinds) : CAMPAIGN_COUNTING;
  const counted: Record<string, number> = Object.fromEntries(kinds.list.map((kind) => [kind.name, tally.counted[kind.name] ?? 0]));
  // A contact branch is visited when a counted visit names it: the province's branches multiset.
  const contacts = (await Promise.all((minister.contactBranches ?? []).map((branch) => deps.branches.get(branch)))).flatMap((entry) =>
    (entry ? [{ id: entry.id, name: entry.name, countyCode: entry.countyCode, visited: (tally.state.branches[branchKey(entry)] ?? 0) > 0 }] : []));
  const figures = { ...totalsOf(tally.state, asOf), ...kindFiguresOf(tally.state, asOf, counting.figures) };
  return {
    minister: { id: minister.id, name: minister.name, level: minister.level, regionCode: minister.regionCode },
    year,
    asOf,
    ...targetScoresSchema.parse(Object.fromEntries(TARGET_LIST.map((t) => [t.key, scoresOf(t.lines, figures, counted)]))),
    // A kind's own part (none of the campaign's kinds has one), after the targets.
    ...Object.fromEntries(counting.targets.map((t) => [t.key, scoresOf(t.lines, figures, counted)])),
    contactBranches: { assigned: contacts.length, visited: contacts.filter((c) => c.visited).length, branches: contacts },
  };
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
  const kinds = deps.kinds ?? KIND_REGISTRY;
  const tally = emptyTally(kinds.list.map((kind) => kind.name));
  const records: Scorecard['records'] = [];
  const hiddenRecords: Scorecard['hiddenRecords'] = {};
  for (const { kind, version, contribution } of await countedAsOf(deps, kinds, minister, y, endOfBeijingDay(asOf))) {
    const date = kind.dateOf(version);
    if (!caller || maySee(caller, kind.regionOf(version), version)) records.push({ kind: kind.name, id: version.id, date, title: kind.presentation.title(version) });
    else hiddenRecords[kind.name] = (hiddenRecords[kind.name] ?? 0) + 1;
    moveTally(tally, kind.name, undefined, contribution);
  }
  records.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  return { ...(await cardOf(deps, kinds, minister, y, asOf, tally)), records, hiddenRecords };
}

/** At most this many heads' cards are counted at once. */
const CONCURRENT_CARDS = 16;

/** The kept cards of these heads that fit them as of `end` (the others are counted in full). */
const fittingCards = (heads: readonly Minister[], cards: ReadonlyMap<string, HeadCard>, end: string) =>
  heads.flatMap((head) => {
    const card = cards.get(head.id);
    return cardFits(card, head, end) ? [card] : [];
  });

/**
 * Every head of a region side by side for a year as of a day (总结讲评): each head's scorecard as
 * above, without the records behind it; the region within the caller's (403 outside it). Each head's
 * card kept by the nightly is moved to the end of that day (reading only what was received since);
 * a head with no card, one changed since, or a day before the card's is counted in full.
 */
export async function regionScorecards(deps: ScorecardDeps, region: string | undefined, year?: number, date?: string, caller?: Caller) {
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const code = caller ? regionInReach(caller, region) : (region ?? PROVINCE_CODE);
  const kinds = deps.kinds ?? KIND_REGISTRY;
  const end = endOfBeijingDay(asOf);
  const heads = await headsOf(deps, code);
  const cards = deps.cards ? await deps.cards.get(y, heads.map((head) => head.id)) : new Map<string, HeadCard>();
  const mover = deps.cards && (await cardMover(deps.cards, kinds, fittingCards(heads, cards, end), end));
  const items = await mapInFlight(heads, CONCURRENT_CARDS, async (head) => cardOf(deps, kinds, head, y, asOf, await tallyOf(deps, kinds, head, y, end, cards.get(head.id), mover)));
  return { region: code, year: y, asOf, items };
}

export type CardStepDeps = CardDeps & { kinds?: KindRegistry };

/**
 * The nightly's card step: every head's card of the day's year (and of the year before, in January,
 * when late corrections of December still arrive) moved to the end of `day`, from the kept card when
 * it fits, else counted in full. A card already there, or past it, stays: a rerun changes nothing.
 */
export async function moveCards(deps: CardStepDeps, day: string): Promise<{ moved: number; counted: number }> {
  const kinds = deps.kinds ?? KIND_REGISTRY;
  const end = endOfBeijingDay(day);
  const year = Number(day.slice(0, 4));
  const years = day.slice(5, 7) === '01' ? [year, year - 1] : [year];
  const heads = await headsOf(deps, PROVINCE_CODE);
  let moved = 0;
  let counted = 0;
  for (const y of years) {
    const cards = await deps.cards.get(y, heads.map((head) => head.id));
    const mover = await cardMover(deps.cards, kinds, fittingCards(heads, cards, end), end);
    const next = await mapInFlight(heads, CONCURRENT_CARDS, async (head): Promise<HeadCard[]> => {
      const card = cards.get(head.id);
      if (card && card.asOf >= end && cardFits(card, head, card.asOf)) return [];
      if (cardFits(card, head, end)) moved++;
      else counted++;
      const tally = await tallyOf(deps, kinds, head, y, end, card, mover);
      return [{ ministerId: head.id, year: y, asOf: end, minister: { version: head.version, updatedAt: head.updatedAt }, countingRules: COUNTING_RULES, ...tally }];
    });
    await deps.cards.put(next.flat());
  }
  return { moved, counted };
}
