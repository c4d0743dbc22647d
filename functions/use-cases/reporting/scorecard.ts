import type { Visit } from '#schemas/visit.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { applyChange, contributionOf, totalsOf } from '#functions/rollup/figures.ts';
import type { RollupState } from '#functions/rollup/fold.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { RecordDeps } from '../deps.ts';

export type ScorecardDeps = Pick<RecordDeps, 'ministers' | 'records' | 'clock'>;

/**
 * One head's figures for a year, as of the end of a Beijing day.
 * 1. The head must exist (404).
 * 2. Take every visit of the head dated in the year, each at its version as of that day: the
 *    stored one if unchanged since, else the latest from its change trail (none if received later).
 * 3. Leave out withdrawn visits; add up the rest.
 */
export async function ministerScorecard(deps: ScorecardDeps, id: string, year?: number, date?: string) {
  const minister = await deps.ministers.get(id);
  if (!minister) throw new NotFoundError();
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const end = endOfBeijingDay(asOf);

  const current: Visit[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.records.visit.list({ ministerId: id, from: `${y}-01-01`, to: `${y}-12-31`, limit: 500, cursor });
    current.push(...(page.items as Visit[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const asOfVersions = await Promise.all(current.map(async (visit) => {
    if (visit.updatedAt < end) return visit;
    const trail = await deps.records.visit.history(visit.id);
    return trail.filter((c) => c.at < end).at(-1)?.after as Visit | undefined;
  }));
  const counted = asOfVersions.filter((v): v is Visit => v !== undefined && v.status !== 'withdrawn' && v.ministerId === id);

  // The rollup's own arithmetic, so a head's card and the regions' snapshots count alike.
  const states: RollupState = new Map();
  for (const visit of counted) applyChange(states, undefined, contributionOf(visit, () => minister.level));
  const totals = totalsOf(states.get(PROVINCE_CODE));
  return {
    minister: { id: minister.id, name: minister.name, level: minister.level, regionCode: minister.regionCode },
    year: y,
    asOf,
    visits: {
      count: counted.length,
      sessions: totals.sessions,
      symposiums: totals.symposiums,
      participants: totals.participants,
      branchesVisited: totals.branchesVisited,
    },
    suggestions: {
      collected: totals.suggestions,
      answeredOrResolved: totals.suggestionsAnsweredOrResolved,
      pending: totals.suggestions - totals.suggestionsAnsweredOrResolved,
    },
    researchReports: null,
    problemsSolved: null,
    expertsCultivated: null,
    mechanismsImproved: null,
    typicalModels: null,
  };
}
