import { createHash } from 'node:crypto';
import type { Visit } from '#schemas/visit.ts';
import type { RegionLevel } from '#schemas/regions.ts';
import { parentOf, PROVINCE_CODE } from '#schemas/regions.ts';

/**
 * The rollup's arithmetic, free of storage. A region's state holds additive sums plus multisets
 * (key → number of counted visits) for the distinct counts, so a change is applied exactly by
 * removing what its `before` contributed and adding what its `after` contributes. The nightly run
 * folds one day's changes into yesterday's state; a full rebuild folds every record's latest
 * version into an empty state; both must agree.
 */

export const ADDITIVE_FIGURES = ['sessions', 'symposiums', 'participants', 'suggestions', 'suggestionsAnsweredOrResolved'] as const;
export type AdditiveFigure = (typeof ADDITIVE_FIGURES)[number];
export type Additive = Record<AdditiveFigure, number>;

/** What one counted visit adds to its county and every region above it. */
export interface Contribution {
  countyCode: string;
  ministerId: string;
  ministerLevel: RegionLevel;
  /** A branch is identified within its county by type and name (名称). */
  branchKey: string;
  branchType: Visit['branch']['type'];
  figures: Additive;
}

export interface RegionState {
  figures: Additive;
  /** Heads' level → the additive figures of their visits (省/市州/县 heads). */
  byMinisterLevel: Record<RegionLevel, Additive>;
  /** ministerId → counted visits. */
  ministers: Record<string, number>;
  /** `<type>#<hash>` → counted visits. */
  branches: Record<string, number>;
}

export type MinisterLevels = (ministerId: string) => RegionLevel;

const zero = (): Additive => ({ sessions: 0, symposiums: 0, participants: 0, suggestions: 0, suggestionsAnsweredOrResolved: 0 });

export const emptyState = (): RegionState => ({
  figures: zero(),
  byMinisterLevel: { province: zero(), prefecture: zero(), county: zero() },
  ministers: {},
  branches: {},
});

/**
 * `<type>#<hash of county and name>`: short, so the province's multiset of up to 4,589 branches
 * stays far below DynamoDB's 400 KB item limit whatever the names' length.
 */
function branchKey(branch: Visit['branch']): string {
  return `${branch.type}#${createHash('sha256').update(`${branch.countyCode}#${branch.name}`).digest('base64url').slice(0, 16)}`;
}

/** The contribution of a visit version, or undefined when it does not count (withdrawn, or none). */
export function contributionOf(visit: Visit | null | undefined, levels: MinisterLevels): Contribution | undefined {
  if (!visit || visit.status === 'withdrawn') return undefined;
  return {
    countyCode: visit.branch.countyCode,
    ministerId: visit.ministerId,
    ministerLevel: levels(visit.ministerId),
    branchKey: branchKey(visit.branch),
    branchType: visit.branch.type,
    figures: {
      sessions: visit.sessions.length,
      symposiums: visit.symposiums,
      participants: visit.participants,
      suggestions: visit.suggestions.length,
      suggestionsAnsweredOrResolved: visit.suggestions.filter((s) => s.status !== 'pending').length,
    },
  };
}

/** The county and every region above it, county first. */
export function regionsOf(countyCode: string): string[] {
  const chain = [countyCode];
  for (let r = parentOf(countyCode); r; r = parentOf(r.code)) chain.push(r.code);
  if (chain.at(-1) !== PROVINCE_CODE) throw new Error(`county ${countyCode} is outside the province`);
  return chain;
}

function addTo(target: Additive, figures: Additive, sign: 1 | -1) {
  for (const f of ADDITIVE_FIGURES) target[f] += sign * figures[f];
}

function count(multiset: Record<string, number>, key: string, sign: 1 | -1) {
  const next = (multiset[key] ?? 0) + sign;
  if (next < 0) throw new Error(`rollup state went negative for ${key}: a change was applied twice or out of order`);
  if (next === 0) delete multiset[key];
  else multiset[key] = next;
}

function applyContribution(states: Map<string, RegionState>, c: Contribution, sign: 1 | -1) {
  for (const region of regionsOf(c.countyCode)) {
    let state = states.get(region);
    if (!state) states.set(region, (state = emptyState()));
    addTo(state.figures, c.figures, sign);
    addTo(state.byMinisterLevel[c.ministerLevel], c.figures, sign);
    count(state.ministers, c.ministerId, sign);
    count(state.branches, c.branchKey, sign);
  }
}

/** One change (before → after) applied to the states of every region it touches. */
export function applyChange(states: Map<string, RegionState>, before: Contribution | undefined, after: Contribution | undefined): void {
  if (before) applyContribution(states, before, -1);
  if (after) applyContribution(states, after, 1);
}

/** The published figures of a region's state: the six headline figures first. */
export function totalsOf(state: RegionState = emptyState()) {
  const branches = Object.keys(state.branches);
  return {
    ministers: Object.keys(state.ministers).length,
    ...state.figures,
    branchesVisited: {
      village: branches.filter((b) => b.startsWith('village#')).length,
      community: branches.filter((b) => b.startsWith('community#')).length,
    },
    byMinisterLevel: state.byMinisterLevel,
  };
}

export type Totals = ReturnType<typeof totalsOf>;
