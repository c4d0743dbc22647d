import { KINDS } from '#schemas/kinds/index.ts';
import { problemKind } from '#schemas/kinds/problem.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import { childrenOf, findRegion, regionContains } from '#schemas/regions.ts';
import { deadlineLight } from '#schemas/deadlines.ts';
import { beijingDate } from '#schemas/time.ts';
import type { WorkCounts } from '#schemas/work-lists.ts';
import type { ListEntry } from '#functions/repositories/state-lists.ts';
import type { RecordDeps } from '../deps.ts';

type Lights = WorkCounts['problems'];

const refOf = (code: string) => {
  const { name, level } = findRegion(code)!;
  return { code, name, level };
};

/**
 * How much waits in each of the desk's work lists of a region (the caller's reach checked by the
 * handler), each read from the list itself:
 * 1. records awaiting review and suspected duplicates: a COUNT of each kind's list;
 * 2. problems and pending suggestions: their lists' keys (deadline, region, how many pending),
 *    folded by light and by child region; ~100 bytes a record read, whatever the history holds.
 */
export async function countWork(deps: Pick<RecordDeps, 'records' | 'clock'>, region: string): Promise<WorkCounts> {
  const { lists } = deps.records;
  const today = beijingDate(deps.clock.now());
  const [review, duplicates, problems, rectified, suggestions] = await Promise.all([
    Promise.all(KINDS.map(async (kind) => [kind.form.path, await lists.count('review', kind.name, region)] as const)),
    Promise.all(KINDS.map((kind) => lists.count('duplicates', kind.name, region))),
    lists.entries('problems', problemKind.name, region),
    lists.entries('rectified', problemKind.name, region),
    lists.entries('suggestions', visitKind.name, region),
  ]);
  const lightsOf = (inside: (entry: ListEntry) => boolean): Lights => {
    const lights: Lights = { red: 0, yellow: 0, green: 0, grey: rectified.filter(inside).length };
    for (const entry of problems) if (inside(entry)) lights[deadlineLight(entry.order, today)] += 1;
    return lights;
  };
  const weightOf = (entries: readonly ListEntry[]) => entries.reduce((sum, entry) => sum + entry.weight, 0);
  const inside = (code: string) => (entry: ListEntry) => regionContains(code, entry.region);
  const everywhere = () => true;
  return {
    region: refOf(region),
    awaitingReview: Object.fromEntries(review),
    suspectedDuplicates: duplicates.reduce((sum, n) => sum + n, 0),
    pendingSuggestions: weightOf(suggestions),
    problems: lightsOf(everywhere),
    children: childrenOf(region).map((child) => ({
      region: refOf(child.code),
      problems: lightsOf(inside(child.code)),
      pendingSuggestions: weightOf(suggestions.filter(inside(child.code))),
    })),
  };
}
