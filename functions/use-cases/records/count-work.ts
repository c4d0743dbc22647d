import { KINDS } from '#schemas/kinds/index.ts';
import { PROBLEM, VISIT } from '#schemas/kinds/names.ts';
import { ALL_REGIONS, childrenOf, findRegion, regionContains } from '#schemas/regions.ts';
import { deadlineLightOn } from '#schemas/deadlines.ts';
import { beijingDate } from '#schemas/time.ts';
import type { WorkCounts } from '#schemas/work-lists.ts';
import type { ListDeps } from '../deps.ts';

type Lights = WorkCounts['problems'];

const KIND_NAMES = KINDS.map((kind) => [kind.name, kind.form.path] as const);

const refOf = (code: string) => {
  const { name, level } = findRegion(code)!;
  return { code, name, level };
};

/**
 * How much waits in each of the desk's work lists of a region (the caller's reach checked by the
 * handler), from the counters the writes keep (functions/repositories/work-counters.ts):
 * 1. read the counters of every region code inside the region (its counties, and itself and its
 *    prefectures for records placed there);
 * 2. add them up for the region and for each child region: records awaiting review by kind,
 *    suspected duplicates, pending suggestions, problems by light (a deadline against today; rectified
 *    ones 待验收 or 已销号, and grey for both).
 */
export async function countWork(deps: Pick<ListDeps, 'lists' | 'clock'>, region: string): Promise<WorkCounts> {
  const lightOf = deadlineLightOn(beijingDate(deps.clock.now()));
  const codes = ALL_REGIONS.filter((r) => regionContains(region, r.code)).map((r) => r.code);
  const counters = await deps.lists.counts(codes);
  const within = (code: string) => [...counters].filter(([counted]) => regionContains(code, counted)).map(([, sums]) => sums);
  const sum = (of: readonly Map<string, number>[], attribute: string) => of.reduce((total, sums) => total + (sums.get(attribute) ?? 0), 0);
  const lightsOf = (of: readonly Map<string, number>[]): Lights => {
    const waiting = sum(of, `rectified#${PROBLEM}`);
    const accepted = sum(of, `accepted#${PROBLEM}`);
    const lights: Lights = { red: 0, yellow: 0, green: 0, grey: waiting + accepted, waiting, accepted };
    for (const sums of of) {
      for (const [attribute, n] of sums) if (attribute.startsWith('problems#')) lights[lightOf(attribute.slice('problems#'.length))] += n;
    }
    return lights;
  };
  const all = within(region);
  return {
    region: refOf(region),
    awaitingReview: Object.fromEntries(KIND_NAMES.map(([name, path]) => [path, sum(all, `review#${name}`)])),
    suspectedDuplicates: KIND_NAMES.reduce((total, [name]) => total + sum(all, `duplicates#${name}`), 0),
    pendingSuggestions: sum(all, `suggestions#${VISIT}`),
    problems: lightsOf(all),
    children: childrenOf(region).map((child) => {
      const inside = within(child.code);
      return { region: refOf(child.code), problems: lightsOf(inside), pendingSuggestions: sum(inside, `suggestions#${VISIT}`) };
    }),
  };
}
