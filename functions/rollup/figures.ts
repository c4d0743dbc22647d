import { createHash } from 'node:crypto';
import type { BranchEntry } from '#schemas/branch.ts';
import { BRANCH_KIND } from '#schemas/branch-names.ts';
import { type BranchType, branchIdentity } from '#schemas/common.ts';
import { type DatedKey, type FigureTree, FIGURES, isFigure, LATE_AFTER_DAYS, type Source, SUM_KEYS, type SumKey } from '#schemas/figures.ts';
import { type FormRecord, reviewStateOf } from '#schemas/form.ts';
import type { BranchRef, Kind, KindFigures } from '#schemas/kind.ts';
import type { RegionLevel } from '#schemas/regions.ts';
import { canonicalRegionCode, findRegion, parentOf, PROVINCE_CODE } from '#schemas/regions.ts';
import { type Totals, totalsSchema } from '#schemas/summary.ts';
import { addDays, beijingDate } from '#schemas/time.ts';

/**
 * The rollup's arithmetic, free of storage. A region's state holds additive sums plus multisets
 * (key → number of counted records) for the distinct counts and the problems' deadlines, so a change
 * is applied exactly by removing what its `before` contributed and adding what its `after`
 * contributes. The nightly run folds one day's changes into yesterday's state; a full rebuild folds
 * every record's latest version into an empty state; both must agree. What each kind counts for is
 * its own counting rule (`count` of its kind module); which figures exist is the table (figures.ts).
 */

/** Additive sums by key: the table's (SumKey), and those of figures a kind declares in its own module. */
export type Sums = Record<string, number>;

/** The sums kept per level of the visiting heads (`byMinisterLevel`): the visit figures. */
const LEVEL_SUMS = Object.values(FIGURES.byMinisterLevel.county).map((f) => f.source.sum);

/** The coverage sums of each branch type: active registered branches, and those of them visited. */
const COVERAGE_SUMS: Record<BranchType, { registered: SumKey; visited: SumKey }> = {
  village: { registered: FIGURES.coverage.village.registered.source.sum, visited: FIGURES.coverage.village.visited.source.sum },
  community: { registered: FIGURES.coverage.community.registered.source.sum, visited: FIGURES.coverage.community.visited.source.sum },
};

/** The type of a branch key (`village#…`). */
const typeOfKey = (key: string): BranchType => (key.startsWith('community#') ? 'community' : 'village');

/** What one counted version of a record (or an active entry of the registry) adds to its region and every region above it. */
export interface Contribution {
  /** Where it counts: a county, or a prefecture or the province for a region-wide mechanism or inspection. */
  regionCode: string;
  sums: Partial<Sums>;
  /** A counted visit: who made it, at what level, and to which branch (the distinct counts, byMinisterLevel). */
  visit?: { ministerId: string; ministerLevel: RegionLevel; branchKey: string };
  /** A counted problem not yet rectified: its deadline (整改时限), for `problems.overdue`. */
  openDeadline?: string;
  /** An active registered branch (its county's registry holds its key): for `coverage`. */
  registers?: string;
  /** What it adds to the month of its own date (本月: `month.*`). */
  dated?: { month: string; sums: Partial<Record<DatedKey, number>> };
  /** A counted visit's suggestions still waiting for an answer, and its date they wait from (`suggestionsWaiting`). */
  waiting?: { since: string; count: number };
}

export interface RegionState {
  figures: Sums;
  /** Heads' level → the visit figures of their visits (省/市州/县 heads). */
  byMinisterLevel: Record<RegionLevel, Partial<Sums>>;
  /** ministerId → counted visits. */
  ministers: Record<string, number>;
  /** `<type>#<hash>` → counted visits. */
  branches: Record<string, number>;
  /** Deadline (YYYY-MM-DD) → counted problems not yet rectified with that deadline. */
  problemDeadlines: Record<string, number>;
  /**
   * A county's active registered branches (branch key → 1); empty above counties, whose coverage is
   * the sum of their counties'. A county holds a few hundred keys at most, so states stay small.
   */
  registry: Record<string, number>;
  /** Month of the records' own date (YYYY-MM) → the dated sums (`month.*`): a few numbers a month. */
  months: Record<string, Partial<Record<DatedKey, number>>>;
  /** Visit date → suggestions of counted visits that day still waiting for an answer (`suggestionsWaiting`). */
  waiting: Record<string, number>;
}

/** The level a head held on a day (their visits of that day count under it). */
export type MinisterLevels = (ministerId: string, date: string) => RegionLevel;

/**
 * The edition of the counting rules, stamped on every closed day. Raise it whenever what counts
 * changes (a kind, a figure, a rule): a state closed under other rules is no base to fold onto (it
 * lacks what those rules did not count, and a later change would remove what it never added),
 * so the next run rebuilds instead. 2: every kind of the catalogue, reviews, suspected duplicates.
 * 3: a visit counts under the level its head held on its date; a branch is one branch whatever its
 * spacing, width, case or invisible characters. 4: the branch registry and coverage; a visit naming a
 * registered branch is that branch whatever its name. 5: problems accepted by the level above (验收销号);
 * the sums per month of the records' date (visits, sessions, late records) and the suggestions
 * waiting, for the monthly 通报.
 */
export const COUNTING_RULES = 5;

/** The change entries of the registry are those of the `branch` kind (here, not in fold.ts: the rollup repository reads it without the kinds). */
export const REGISTRY_KIND = BRANCH_KIND;

const zeroSums = (keys: readonly SumKey[]): Partial<Sums> => Object.fromEntries(keys.map((k) => [k, 0]));
const allZero = (): Sums => ({ ...Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) }) as Sums;

export const emptyState = (): RegionState => normalizeState();

/**
 * A state as stored, made whole: states stored before a figure existed lack it, and a missing
 * sum or multiset is an empty one (nothing of that kind was counted then).
 */
export function normalizeState(stored: StoredState = {}): RegionState {
  const levels = stored.byMinisterLevel;
  return {
    figures: { ...allZero(), ...stored.figures },
    byMinisterLevel: {
      province: { ...zeroSums(LEVEL_SUMS), ...levels?.province },
      prefecture: { ...zeroSums(LEVEL_SUMS), ...levels?.prefecture },
      county: { ...zeroSums(LEVEL_SUMS), ...levels?.county },
    },
    ministers: { ...stored.ministers },
    branches: { ...stored.branches },
    problemDeadlines: { ...stored.problemDeadlines },
    registry: unpackRegistry(stored.registry),
    months: Object.fromEntries(Object.entries(stored.months ?? {}).map(([month, sums]) => [month, { ...sums }])),
    waiting: { ...stored.waiting },
  };
}

/**
 * A county's registry as stored: for each type, the hashes of its keys run together (each
 * KEY_HASH_LENGTH characters), half the bytes of a multiset of keys, since every registered branch
 * counts once. States stored as a multiset read as well.
 */
type PackedRegistry = Partial<Record<BranchType, string>>;
export type StoredState = Partial<Omit<RegionState, 'figures' | 'registry' | 'byMinisterLevel' | 'months'>> & {
  months?: Record<string, Partial<Record<DatedKey, number>>>;
  figures?: Sums;
  byMinisterLevel?: Partial<RegionState['byMinisterLevel']>;
  /** Packed (see PackedRegistry), or a multiset as stored before packing. */
  registry?: Record<string, string | number>;
}

function unpackRegistry(stored: StoredState['registry'] = {}): Record<string, number> {
  const registry: Record<string, number> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value === 'number') registry[key] = value;
    else for (let i = 0; i < value.length; i += KEY_HASH_LENGTH) registry[`${key}#${value.slice(i, i + KEY_HASH_LENGTH)}`] = 1;
  }
  return registry;
}

/** A state as the rollup stores it: its registry packed (see PackedRegistry). */
export function storedState(state: RegionState): StoredState {
  const entries = Object.entries(state.registry);
  if (entries.some(([, n]) => n !== 1)) return state;
  const packed: PackedRegistry = {};
  for (const [key] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const type = typeOfKey(key);
    packed[type] = (packed[type] ?? '') + key.slice(type.length + 1);
  }
  return { ...state, registry: packed };
}

/**
 * `<type>#<hash of the branch's identity>` (county and name as compared, the same identity as a
 * visit's duplicate slot): short, so the province's multiset of up to 4,589 branches stays far below
 * DynamoDB's 400 KB item limit whatever the names' length.
 */
export function branchKey(branch: Pick<BranchRef, 'type' | 'countyCode' | 'name'> & { id?: string }): string {
  return `${branch.type}#${createHash('sha256').update(branchIdentity(branch)).digest('base64url').slice(0, KEY_HASH_LENGTH)}`;
}

/** The characters of a branch key's hash (96 bits). */
const KEY_HASH_LENGTH = 16;

/**
 * The contribution of a version of a record of `kind`, or undefined when it does not count: none,
 * withdrawn, rejected by review, or not counted by its kind's rule (an unresolved suspected duplicate,
 * a model not approved).
 */
export function contributionOf<T extends FormRecord>(kind: Kind<T>, record: T | null | undefined, levels: MinisterLevels): Contribution | undefined {
  if (!record || record.status === 'withdrawn' || reviewStateOf(record) === 'rejected') return undefined;
  const counted = kind.count(record);
  if (!counted) return undefined;
  const { visit, waiting, ...rest } = counted;
  const date = kind.dateOf(record);
  return {
    regionCode: canonicalRegionCode(kind.regionOf(record)),
    ...rest,
    ...(visit ? { visit: { ministerId: visit.ministerId, ministerLevel: levels(visit.ministerId, visit.date), branchKey: branchKey(visit.branch) } } : {}),
    dated: { month: date.slice(0, 7), sums: datedSums(counted, isLate(date, record.createdAt)) },
    ...(waiting && waiting.count > 0 ? { waiting } : {}),
  };
}

/**
 * Late (逾期报送): first received (its `createdAt`, kept by every later version) on a Beijing day more
 * than LATE_AFTER_DAYS days after its own date.
 */
export function isLate(date: string, createdAt: string | undefined): boolean {
  const at = createdAt === undefined ? NaN : Date.parse(createdAt);
  // A version without its receipt time (built in a test, never stored) was not seen late.
  return !Number.isNaN(at) && beijingDate(at) > addDays(date, LATE_AFTER_DAYS);
}

/** What a counted record adds to its month: a visit and its sessions; 1 to `late` when it came late. */
function datedSums(counted: { sums: Partial<Record<string, number>>; visit?: unknown }, late: boolean): Partial<Record<DatedKey, number>> {
  return {
    ...(counted.visit ? { visits: 1, sessions: counted.sums.sessions ?? 0 } : {}),
    ...(late ? { late: 1 } : {}),
  };
}

/**
 * What an entry of the registry contributes: an active branch is registered in its county (and so in
 * every region above), and covered there while a counted visit names it. A closed one contributes nothing.
 */
export function registrationOf(entry: BranchEntry | null | undefined): Contribution | undefined {
  if (!entry || entry.status !== 'active') return undefined;
  return { regionCode: canonicalRegionCode(entry.countyCode), sums: { [COVERAGE_SUMS[entry.type].registered]: 1 }, registers: branchKey(entry) };
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

/** A state that would go below zero: a change applied twice, out of order, or under other rules. */
export class NegativeStateError extends Error {
  constructor(readonly figure: string) {
    super(`rollup state went negative for ${figure}: a change was applied twice or out of order`);
  }
}

function count(multiset: Record<string, number>, key: string, sign: 1 | -1) {
  const next = (multiset[key] ?? 0) + sign;
  if (next < 0) throw new NegativeStateError(key);
  if (next === 0) delete multiset[key];
  else multiset[key] = next;
}

function addSums(target: Partial<Sums>, sums: Partial<Sums>, keys: readonly string[], sign: 1 | -1) {
  for (const key of keys) {
    const value = sums[key];
    if (value === undefined) continue;
    const next = (target[key] ?? 0) + sign * value;
    if (next < 0) throw new NegativeStateError(key);
    target[key] = next;
  }
}

function applyContribution(states: Map<string, RegionState>, c: Contribution, sign: 1 | -1) {
  const chain = regionsOf(c.regionCode);
  const stateOf = (region: string) => {
    let state = states.get(region);
    if (!state) states.set(region, (state = emptyState()));
    return state;
  };
  const home = stateOf(chain[0]);
  const visitedBefore = c.visit ? (home.branches[c.visit.branchKey] ?? 0) > 0 : false;
  for (const region of chain) {
    const state = stateOf(region);
    // Every sum the contribution names: its kind's `count` may only name the table's or its own figures' (typed).
    addSums(state.figures, c.sums, Object.keys(c.sums), sign);
    if (c.visit) {
      addSums(state.byMinisterLevel[c.visit.ministerLevel], c.sums, LEVEL_SUMS, sign);
      count(state.ministers, c.visit.ministerId, sign);
      count(state.branches, c.visit.branchKey, sign);
    }
    if (c.openDeadline !== undefined) count(state.problemDeadlines, c.openDeadline, sign);
    if (c.dated) addSums((state.months[c.dated.month] ??= {}), c.dated.sums, Object.keys(c.dated.sums), sign);
    if (c.waiting) addSums(state.waiting, { [c.waiting.since]: c.waiting.count }, [c.waiting.since], sign);
  }
  // Coverage moves when a registered branch gains its first counted visit or loses its last one, or
  // when a branch already visited is registered or leaves the registry.
  let covered: { key: string; by: 1 | -1 } | undefined;
  if (c.registers !== undefined) {
    count(home.registry, c.registers, sign);
    if ((home.branches[c.registers] ?? 0) > 0) covered = { key: c.registers, by: sign };
  } else if (c.visit && home.registry[c.visit.branchKey] && visitedBefore !== (home.branches[c.visit.branchKey] ?? 0) > 0) {
    covered = { key: c.visit.branchKey, by: sign };
  }
  if (covered) {
    const sum = COVERAGE_SUMS[typeOfKey(covered.key)].visited;
    for (const region of chain) addSums(stateOf(region).figures, { [sum]: 1 }, [sum], covered.by);
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

/** Suggestions waiting at the end of `asOf` more than `days` days after their visit. */
function waitingOver(waiting: Record<string, number>, asOf: string, days: number): number {
  const since = addDays(asOf, -days);
  let over = 0;
  for (const [date, n] of Object.entries(waiting)) if (date < since) over += n;
  return over;
}

function valueOf(source: Source, state: RegionState, asOf: string): number {
  if ('sum' in source) return (source.level ? state.byMinisterLevel[source.level] : state.figures)[source.sum as SumKey] ?? 0;
  if ('overdue' in source) return overdueOn(state.problemDeadlines, asOf);
  if ('dated' in source) return state.months[asOf.slice(0, 7)]?.[source.dated] ?? 0;
  if ('waitingOver' in source) return waitingOver(state.waiting, asOf, source.waitingOver);
  if (source.distinct === 'ministers') return Object.keys(state.ministers).length;
  return Object.keys(state.branches).filter((b) => b.startsWith(`${source.type}#`)).length;
}

/** Every figure of the table, from `pick`, in the table's shape. */
function valuesOf(tree: FigureTree, pick: (source: Source, path: string[]) => number, path: string[] = []): unknown {
  if (isFigure(tree)) return pick(tree.source, path);
  return Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, valuesOf(node, pick, [...path, key])]));
}

/** The published figures of a region's state as of the end of `asOf`, in the table's order. */
export function totalsOf(state: RegionState = emptyState(), asOf: string): Totals {
  return totalsSchema.parse(valuesOf(FIGURES, (source) => valueOf(source, state, asOf)));
}

/** The figures of the records dated in `month` (YYYY-MM) as a state holds them: `month.*` of the table, for any month. */
export function datedFiguresOf(state: RegionState = emptyState(), month: string): Totals['month'] {
  return totalsOf(state, `${month}-01`).month;
}

/** The figures a registry's kinds declare in their own modules (countingOf), from a region's state: beside its totals. */
export function kindFiguresOf(state: RegionState = emptyState(), asOf: string, figures: KindFigures): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([key, figure]) => [key, valueOf(figure.source, state, asOf)]));
}

/**
 * Totals as stored in a snapshot, made whole: snapshots stored before a figure existed lack it, and
 * nothing of that kind was counted then (0). Keys come in the table's order.
 */
export function normalizeTotals(stored: unknown): Totals {
  const at = (path: string[]) => {
    let node = stored;
    for (const key of path) node = node !== null && typeof node === 'object' ? Object.getOwnPropertyDescriptor(node, key)?.value : undefined;
    return typeof node === 'number' ? node : 0;
  };
  return totalsSchema.parse(valuesOf(FIGURES, (_, path) => at(path)));
}
