import type * as z from 'zod/mini';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { scorecardSchema } from '#schemas/minister.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { applyChange, contributionOf, totalsOf } from '#functions/rollup/figures.ts';
import type { RollupState } from '#functions/rollup/fold.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { RecordDeps } from '../deps.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { withinReach } from '#functions/auth/policy.ts';

export type ScorecardDeps = Pick<RecordDeps, 'ministers' | 'records' | 'clock'>;

/** Every record of the head listed under the year, each at its version as of `end` (none if received later). */
async function versionsAsOf(deps: ScorecardDeps, kind: Kind, ministerId: string, year: number, end: string): Promise<FormRecord[]> {
  const current: FormRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.records.list(kind, { ministerId, from: `${year}-01-01`, to: `${year}-12-31`, limit: 500, cursor });
    current.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const versions = await Promise.all(current.map(async (record) => {
    if (record.updatedAt < end) return record;
    const trail = await deps.records.history(kind, record.id);
    return trail.filter((c) => c.at < end).at(-1)?.after;
  }));
  return versions.filter((v): v is FormRecord => v !== undefined);
}

/**
 * One head's figures for a year, as of the end of a Beijing day.
 * 1. The head must exist (404).
 * 2. Of every kind, take each record of the head dated in the year (by the kind's date), at its
 *    version as of that day: the stored one if unchanged since, else the latest from its change
 *    trail (none if received later).
 * 3. Count them as the rollup does (withdrawn, rejected and unresolved suspected duplicates count
 *    nothing): the rollup's own contributions, folded into the province, so a head's card and the
 *    regions' snapshots count alike.
 */
export type Scorecard = z.infer<typeof scorecardSchema>;

export async function ministerScorecard(deps: ScorecardDeps, id: string, year?: number, date?: string, caller?: Caller): Promise<Scorecard> {
  const minister = await deps.ministers.get(id);
  if (!minister || (caller && !withinReach(caller, minister.regionCode))) throw new NotFoundError();
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const end = endOfBeijingDay(asOf);
  const level = () => minister.level;

  const states: RollupState = new Map();
  /** Kind → records that count. */
  const counted: Record<string, number> = {};
  const byKind = await Promise.all(KINDS.map(async (kind) => ({ kind, versions: await versionsAsOf(deps, kind, id, y, end) })));
  for (const { kind, versions } of byKind) {
    counted[kind.name] = 0;
    for (const version of versions) {
      // As of then, the record may have been another head's or dated in another year.
      if (version.ministerId !== id || Number(kind.dateOf(version).slice(0, 4)) !== y) continue;
      const contribution = contributionOf(kind, version, level);
      if (!contribution) continue;
      counted[kind.name]++;
      applyChange(states, undefined, contribution);
    }
  }

  const totals = totalsOf(states.get(PROVINCE_CODE), asOf);
  const { problems } = totals;
  return {
    minister: { id: minister.id, name: minister.name, level: minister.level, regionCode: minister.regionCode },
    year: y,
    asOf,
    visits: {
      count: counted.visit,
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
    researchReports: { count: totals.reports },
    problemsSolved: { found: problems.open + problems.rectifying + problems.rectified, ...problems },
    expertsCultivated: { trainings: totals.trainings, peopleTrained: totals.peopleTrained },
    mechanismsImproved: { count: totals.mechanisms },
    typicalModels: totals.models,
    inspections: { count: totals.inspections, findings: totals.inspectionFindings },
  };
}
