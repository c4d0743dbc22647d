import { createHash } from 'node:crypto';
import type { Form, FormRecord, ReviewState } from '#schemas/form.ts';
import { FORMS } from '#schemas/forms.ts';
import type { Inspection } from '#schemas/inspection.ts';
import type { Model } from '#schemas/model.ts';
import type { Problem } from '#schemas/problem.ts';
import type { Training } from '#schemas/training.ts';
import type { Visit } from '#schemas/visit.ts';
import type { RegionLevel } from '#schemas/regions.ts';
import { canonicalRegionCode, findRegion, parentOf, PROVINCE_CODE } from '#schemas/regions.ts';

/**
 * The rollup's arithmetic, free of storage. A region's state holds additive sums plus multisets
 * (key → number of counted records) for the distinct counts and the problems' deadlines, so a change
 * is applied exactly by removing what its `before` contributed and adding what its `after`
 * contributes. The nightly run folds one day's changes into yesterday's state; a full rebuild folds
 * every record's latest version into an empty state; both must agree.
 */

/** The visits' additive figures: five of the six headline figures (the sixth, `ministers`, is a distinct count). */
export const VISIT_FIGURES = ['sessions', 'symposiums', 'participants', 'suggestions', 'suggestionsAnsweredOrResolved'] as const;
export type VisitFigure = (typeof VISIT_FIGURES)[number];
export type VisitSums = Record<VisitFigure, number>;

/** Every additive sum a region's state keeps; `totalsOf` publishes them under their public names. */
export const SUMS = [
  ...VISIT_FIGURES,
  'reports',
  'problemsOpen', 'problemsRectifying', 'problemsRectified',
  'trainings', 'peopleTrained',
  'mechanisms',
  'modelsNominated', 'modelsApproved',
  'inspections', 'inspectionFindings',
] as const;
export type Sum = (typeof SUMS)[number];
export type Sums = Record<Sum, number>;

/** What one counted version of a record adds to its region and every region above it. */
export interface Contribution {
  /** Where it counts: a county, or a prefecture or the province for a region-wide mechanism or inspection. */
  regionCode: string;
  sums: Partial<Sums>;
  /** A counted visit: who made it, at what level, and to which branch (the distinct counts, byMinisterLevel). */
  visit?: { ministerId: string; ministerLevel: RegionLevel; branchKey: string };
  /** A counted problem not yet rectified: its deadline (整改时限), for `problems.overdue`. */
  openDeadline?: string;
}

export interface RegionState {
  figures: Sums;
  /** Heads' level → the visit figures of their visits (省/市州/县 heads). */
  byMinisterLevel: Record<RegionLevel, VisitSums>;
  /** ministerId → counted visits. */
  ministers: Record<string, number>;
  /** `<type>#<hash>` → counted visits. */
  branches: Record<string, number>;
  /** Deadline (YYYY-MM-DD) → counted problems not yet rectified with that deadline. */
  problemDeadlines: Record<string, number>;
}

export type MinisterLevels = (ministerId: string) => RegionLevel;

/**
 * The edition of the counting rules, stamped on every closed day. Raise it whenever what counts
 * changes (a kind, a figure, a rule): a state closed under other rules is no base to fold onto (it
 * lacks what those rules did not count, and a later change would remove what was never added),
 * so the next run rebuilds instead. 2: every kind of the catalogue, reviews, suspected duplicates.
 */
export const COUNTING_RULES = 2;

const zeroVisit = (): VisitSums => ({ sessions: 0, symposiums: 0, participants: 0, suggestions: 0, suggestionsAnsweredOrResolved: 0 });
const zeroSums = (): Sums => Object.fromEntries(SUMS.map((s) => [s, 0])) as Sums;

export const emptyState = (): RegionState => ({
  figures: zeroSums(),
  byMinisterLevel: { province: zeroVisit(), prefecture: zeroVisit(), county: zeroVisit() },
  ministers: {},
  branches: {},
  problemDeadlines: {},
});

/**
 * A state as stored, made whole: states stored before a figure existed lack it, and a missing
 * sum or multiset is an empty one (nothing of that kind was counted then).
 */
export function normalizeState(stored: Partial<RegionState> = {}): RegionState {
  const levels = stored.byMinisterLevel ?? ({} as Partial<Record<RegionLevel, Partial<VisitSums>>>);
  return {
    figures: { ...zeroSums(), ...stored.figures },
    byMinisterLevel: {
      province: { ...zeroVisit(), ...levels.province },
      prefecture: { ...zeroVisit(), ...levels.prefecture },
      county: { ...zeroVisit(), ...levels.county },
    },
    ministers: { ...stored.ministers },
    branches: { ...stored.branches },
    problemDeadlines: { ...stored.problemDeadlines },
  };
}

/**
 * `<type>#<hash of county and name>`: short, so the province's multiset of up to 4,589 branches
 * stays far below DynamoDB's 400 KB item limit whatever the names' length.
 */
function branchKey(branch: Visit['branch']): string {
  return `${branch.type}#${createHash('sha256').update(`${canonicalRegionCode(branch.countyCode)}#${branch.name}`).digest('base64url').slice(0, 16)}`;
}

/** Records stored before reviews existed have none: they await review like any new one. */
export const reviewStateOf = (record: { review?: { state: ReviewState } }): ReviewState => record.review?.state ?? 'received';

type Counted = Omit<Contribution, 'regionCode'> | undefined;
type CountingRule = (record: FormRecord, levels: MinisterLevels) => Counted;
const rule = <T>(count: (record: T, levels: MinisterLevels) => Counted) => count as unknown as CountingRule;

const PROBLEM_SUMS: Record<string, Sum> = { open: 'problemsOpen', rectifying: 'problemsRectifying', rectified: 'problemsRectified' };
const MODEL_SUMS: Record<string, Sum | undefined> = { nominated: 'modelsNominated', approved: 'modelsApproved' };

/**
 * What a version of each kind counts for, once it counts at all (not withdrawn, not rejected).
 * One rule per kind of the catalogue: a kind without one fails at load.
 */
const COUNTING: Record<string, CountingRule> = {
  /** A suspected duplicate (same head, branch and day as another visit) counts once staff approve it as distinct. */
  visit: rule<Visit>((v, levels) => (v.duplicateOf !== undefined && reviewStateOf(v) !== 'approved' ? undefined : {
    sums: {
      sessions: v.sessions.length,
      symposiums: v.symposiums,
      participants: v.participants,
      suggestions: v.suggestions.length,
      suggestionsAnsweredOrResolved: v.suggestions.filter((s) => s.status !== 'pending').length,
    },
    visit: { ministerId: v.ministerId, ministerLevel: levels(v.ministerId), branchKey: branchKey(v.branch) },
  })),
  /** By status; a problem not yet rectified also keeps its deadline, to count it overdue once past it. */
  problem: rule<Problem>((p) => ({ sums: { [PROBLEM_SUMS[p.status]]: 1 }, ...(p.status !== 'rectified' ? { openDeadline: p.deadline } : {}) })),
  report: rule(() => ({ sums: { reports: 1 } })),
  training: rule<Training>((t) => ({ sums: { trainings: 1, peopleTrained: t.trained } })),
  mechanism: rule(() => ({ sums: { mechanisms: 1 } })),
  /** A model not approved (status `rejected`) counts in neither. */
  model: rule<Model>((m) => {
    const sum = MODEL_SUMS[m.status];
    return sum ? { sums: { [sum]: 1 } } : undefined;
  }),
  inspection: rule<Inspection>((i) => ({ sums: { inspections: 1, inspectionFindings: i.findings.length } })),
};

const FORM_OF = new Map<string, Form>(FORMS.map((f) => [f.kind, f]));
if (FORMS.some((f) => !COUNTING[f.kind]) || Object.keys(COUNTING).length !== FORMS.length) {
  throw new Error('the rollup needs one counting rule per kind of schemas/forms.ts');
}

export function formOf(kind: string): Form {
  const form = FORM_OF.get(kind);
  if (!form) throw new Error(`no kind ${kind}`);
  return form;
}

/**
 * The contribution of a version of a record of `kind`, or undefined when it does not count: none,
 * withdrawn, rejected by review, or not counted by its kind's rule (an unresolved suspected duplicate,
 * a model not approved).
 */
export function contributionOf(kind: string, record: FormRecord | null | undefined, levels: MinisterLevels): Contribution | undefined {
  if (!record || record.status === 'withdrawn' || reviewStateOf(record) === 'rejected') return undefined;
  const form = formOf(kind);
  const counted = COUNTING[kind](record, levels);
  return counted && { regionCode: canonicalRegionCode(form.regionOf(record as never)), ...counted };
}

/** A region and every region above it, itself first: county → prefecture → province, prefecture → province. */
export function regionsOf(regionCode: string): string[] {
  const code = canonicalRegionCode(regionCode);
  if (!findRegion(code)) throw new Error(`unknown region ${regionCode}`);
  const chain = [code];
  for (let r = parentOf(code); r; r = parentOf(r.code)) chain.push(r.code);
  if (chain.at(-1) !== PROVINCE_CODE) throw new Error(`region ${regionCode} is outside the province`);
  return chain;
}

function count(multiset: Record<string, number>, key: string, sign: 1 | -1) {
  const next = (multiset[key] ?? 0) + sign;
  if (next < 0) throw new Error(`rollup state went negative for ${key}: a change was applied twice or out of order`);
  if (next === 0) delete multiset[key];
  else multiset[key] = next;
}

function addSums(target: Record<string, number>, sums: Partial<Sums>, keys: readonly Sum[], sign: 1 | -1) {
  for (const key of keys) {
    const value = sums[key];
    if (value === undefined) continue;
    const next = target[key] + sign * value;
    if (next < 0) throw new Error(`rollup state went negative for ${key}: a change was applied twice or out of order`);
    target[key] = next;
  }
}

function applyContribution(states: Map<string, RegionState>, c: Contribution, sign: 1 | -1) {
  for (const region of regionsOf(c.regionCode)) {
    let state = states.get(region);
    if (!state) states.set(region, (state = emptyState()));
    addSums(state.figures, c.sums, SUMS, sign);
    if (c.visit) {
      addSums(state.byMinisterLevel[c.visit.ministerLevel], c.sums, VISIT_FIGURES, sign);
      count(state.ministers, c.visit.ministerId, sign);
      count(state.branches, c.visit.branchKey, sign);
    }
    if (c.openDeadline !== undefined) count(state.problemDeadlines, c.openDeadline, sign);
  }
}

/** One change (before → after) applied to the states of every region it touches. */
export function applyChange(states: Map<string, RegionState>, before: Contribution | undefined, after: Contribution | undefined): void {
  if (before) applyContribution(states, before, -1);
  if (after) applyContribution(states, after, 1);
}

/**
 * Problems overdue at the end of `asOf`: not rectified and past their deadline, the deadline day
 * itself still being in time (`deadline < asOf`, as the problems list's `overdue` flag has it).
 */
function overdueOn(deadlines: Record<string, number>, asOf: string): number {
  let overdue = 0;
  for (const [deadline, n] of Object.entries(deadlines)) if (deadline < asOf) overdue += n;
  return overdue;
}

/** The published figures of a region's state as of the end of `asOf`: the six headline figures first. */
export function totalsOf(state: RegionState = emptyState(), asOf: string) {
  const branches = Object.keys(state.branches);
  const f = state.figures;
  return {
    ministers: Object.keys(state.ministers).length,
    sessions: f.sessions,
    symposiums: f.symposiums,
    participants: f.participants,
    suggestions: f.suggestions,
    suggestionsAnsweredOrResolved: f.suggestionsAnsweredOrResolved,
    branchesVisited: {
      village: branches.filter((b) => b.startsWith('village#')).length,
      community: branches.filter((b) => b.startsWith('community#')).length,
    },
    byMinisterLevel: state.byMinisterLevel,
    reports: f.reports,
    problems: { open: f.problemsOpen, rectifying: f.problemsRectifying, rectified: f.problemsRectified, overdue: overdueOn(state.problemDeadlines, asOf) },
    trainings: f.trainings,
    peopleTrained: f.peopleTrained,
    mechanisms: f.mechanisms,
    models: { nominated: f.modelsNominated, approved: f.modelsApproved },
    inspections: f.inspections,
    inspectionFindings: f.inspectionFindings,
  };
}

export type Totals = ReturnType<typeof totalsOf>;

type Nested = { [key: string]: number | Nested };
function fill(zero: Nested, stored: Partial<Nested> | undefined): Nested {
  return Object.fromEntries(Object.entries(zero).map(([key, z]) => {
    const value = stored?.[key];
    return [key, typeof z === 'number' ? (typeof value === 'number' ? value : z) : fill(z, value as Nested | undefined)];
  }));
}

/**
 * Totals as stored in a snapshot, made whole: snapshots stored before a figure existed lack it, and
 * nothing of that kind was counted then (0). Keys come in the order `totalsOf` gives them.
 */
export function normalizeTotals(stored: Partial<Totals>): Totals {
  return fill(totalsOf(emptyState(), '0000-00-00') as unknown as Nested, stored as unknown as Nested) as unknown as Totals;
}
