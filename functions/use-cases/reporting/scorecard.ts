import type { FormRecord } from '#schemas/form.ts';
import { FORMS } from '#schemas/forms.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { applyChange, contributionOf, totalsOf } from '#functions/rollup/figures.ts';
import type { RollupState } from '#functions/rollup/fold.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { RecordRepository } from '#functions/repositories/record-repository.ts';
import type { RecordDeps } from '../deps.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { withinReach } from '#functions/auth/policy.ts';

export type ScorecardDeps = Pick<RecordDeps, 'ministers' | 'records' | 'clock'>;

/** Every record of the head listed under the year, each at its version as of `end` (none if received later). */
async function versionsAsOf(repository: RecordRepository, ministerId: string, year: number, end: string): Promise<FormRecord[]> {
  const current: FormRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.list({ ministerId, from: `${year}-01-01`, to: `${year}-12-31`, limit: 500, cursor });
    current.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const versions = await Promise.all(current.map(async (record) => {
    if (record.updatedAt < end) return record;
    const trail = await repository.history(record.id);
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
export async function ministerScorecard(deps: ScorecardDeps, id: string, year?: number, date?: string, caller?: Caller) {
  const minister = await deps.ministers.get(id);
  if (!minister || (caller && !withinReach(caller, minister.regionCode))) throw new NotFoundError();
  const asOf = date ?? beijingDate(deps.clock.now());
  const y = year ?? Number(asOf.slice(0, 4));
  const end = endOfBeijingDay(asOf);
  const level = () => minister.level;

  const states: RollupState = new Map();
  /** Kind → records that count. */
  const counted: Record<string, number> = {};
  const byKind = await Promise.all(FORMS.map(async (form) => ({ form, versions: await versionsAsOf(deps.records[form.kind], id, y, end) })));
  for (const { form, versions } of byKind) {
    counted[form.kind] = 0;
    for (const version of versions) {
      // As of then, the record may have been another head's or dated in another year.
      if (version.ministerId !== id || Number(form.dateOf(version as never).slice(0, 4)) !== y) continue;
      const contribution = contributionOf(form.kind, version, level);
      if (!contribution) continue;
      counted[form.kind]++;
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
