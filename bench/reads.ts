import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { COUNTY_CODES } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import type { Review, ReviewState } from '#schemas/form.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { type Problem, problemKind } from '#schemas/kinds/problem.ts';
import { type Visit, visitKind } from '#schemas/kinds/visit.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { addStoredCounts } from '#functions/repositories/work-counters.ts';
import { MINISTER_KIND, ministerIndexKeys } from '#functions/items/minister.ts';
import { recordItem } from '#functions/items/record.ts';
import { seededRandom } from '#local/random.ts';
import { writeItems } from './rollup.ts';
import type { BenchStack } from './stack.ts';
import { quantile } from './stats.ts';

/**
 * The desk's reads at a tenth of the history and at the whole (issue 22: ~11k and ~116k records,
 * 77 % visits and 23 % problems): each view's first screen as the desk asks for it (its requests
 * in parallel), timed end to end through the local API, with the bytes of the API's answers.
 * Records are loaded as the repository stores them (its own items, record items only: the change
 * entries are read by no list), by BatchWrite rather than 116k transactions, and counted into the
 * work lists' counters as their transactions would have; their 159 heads are stored too.
 */
export interface ReadFigures {
  records: number;
  /** Rounds timed per view (after two warm-up rounds), enough that p95 is not simply the slowest. */
  samples: number;
  /** The machine's 1-minute load average as the rounds began and as they ended. */
  loadAverage: [number, number];
  views: { view: string; requests: number; p50: number; p95: number; kb: number }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

const HEADS = Array.from({ length: 159 }, (_, i) => `m-bench-${i}`);

/** One seeded history of `n` records, dated over the last year, in the proportions of the issue's measurement. */
function historyOf(n: number, seed: number): { visits: Visit[]; problems: Problem[] } {
  const rnd = seededRandom(seed);
  const today = beijingDate();
  const at = new Date().toISOString();
  const reviewOf = (): Review => {
    const state: ReviewState = rnd.chance(0.26) ? 'received' : rnd.chance(0.94) ? 'approved' : rnd.pick(['has_issues', 'rejected'] as const);
    return state === 'received' ? { state } : { state, by: 'bench', at };
  };
  const visits: Visit[] = [];
  const problems: Problem[] = [];
  for (let i = 0; i < n; i++) {
    const countyCode = rnd.pick(COUNTY_CODES);
    const date = addDays(today, -rnd.int(365));
    const common = {
      id: randomUUID(), ministerId: rnd.pick(HEADS), version: 1, createdAt: at, updatedAt: at, review: reviewOf(),
      branch: { name: `支部${rnd.int(1000)}`, type: rnd.chance(0.9) ? 'village' as const : 'community' as const, countyCode },
    };
    if (rnd.chance(0.77)) {
      visits.push({
        ...common, date, sessions: ['party_lecture'], symposiums: 1, participants: 10 + rnd.int(30), status: rnd.chance(0.01) ? 'withdrawn' : 'submitted',
        suggestions: Array.from({ length: rnd.int(3) }, (_, s) => ({ id: randomUUID(), text: `建议${s}：增加学习资料`, channel: 'symposium' as const, status: rnd.pick(['pending', 'answered', 'resolved'] as const) })),
        ...(rnd.chance(0.008) ? { duplicateOf: randomUUID() } : {}),
      });
    } else {
      const status = rnd.chance(0.6) ? 'rectified' : rnd.chance(0.6) ? 'open' : 'rectifying';
      problems.push({
        ...common, description: '“三会一课”记录不全', category: 'organizational_life', foundBy: { source: 'other' }, foundOn: date,
        responsible: { unit: '村党支部', person: '张书记' }, deadline: addDays(date, 30 + rnd.int(60)), status,
        ...(status === 'rectified' ? { evidence: '已补齐记录', rectifiedOn: addDays(date, rnd.int(30)) } : {}),
      });
    }
  }
  return { visits, problems };
}

export async function load(stack: Pick<BenchStack, 'client' | 'tableName'>, n: number): Promise<void> {
  const records = recordRepository({ client: stack.client, tableName: stack.tableName });
  const { visits, problems } = historyOf(n, n);
  const at = new Date().toISOString();
  const change = { version: 1, action: 'create' as const, at, by: 'bench', requestId: 'bench', before: null };
  const recordOnly = (items: Record<string, unknown>[]) => items.filter((item) => item.sk === 'record');
  // Every record's head is stored, as a record's write requires: the lists show their names.
  const heads = HEADS.map((id, i) => ({ id, name: `部长${i}`, level: 'province' as const, regionCode: '630000', terms: [{ from: '2020-01-01', level: 'province' as const, regionCode: '630000' }], contactBranches: [], version: 1, createdAt: at, updatedAt: at }));
  await writeItems(stack.client, stack.tableName, [
    ...heads.map((head) => recordItem(MINISTER_KIND, head, ministerIndexKeys(head))),
    ...visits.flatMap((v) => recordOnly(records.storedItems(visitKind, v, { ...change, after: v }))),
    ...problems.flatMap((p) => recordOnly(records.storedItems(problemKind, p, { ...change, after: p }))),
  ]);
  await addStoredCounts(stack, visitKind, visits);
  await addStoredCounts(stack, problemKind, problems);
}

/** The first screen of each desk view for the province, as the desk asks for it (web/src/desk/views/). */
const VIEWS: { view: string; paths: string[] }[] = [
  { view: "overview (工作台): the work lists' counts", paths: ['/work-counts?region=630000'] },
  { view: 'review queue (待审核), every kind, first page', paths: KINDS.map((k) => `/${k.form.path}?review=received&limit=40`) },
  { view: 'problem ledger (问题整改台账): counts + first page', paths: ['/work-counts?region=630000', '/problems?open=true&limit=200'] },
  { view: 'suggestions ledger (意见建议台账), pending, first page', paths: ['/suggestions?status=pending&limit=200'] },
  { view: 'suspected duplicates (疑似重复), first page', paths: ['/visits?suspectedDuplicates=true&limit=50'] },
];

/** One round of a view as the desk asks for it: its requests in parallel; the time until the last answer, and their bytes. */
async function askView(stack: BenchStack, paths: readonly string[]): Promise<{ ms: number; bytes: number }> {
  const headers = { authorization: `Bearer ${stack.token}` };
  const started = performance.now();
  const answers = await Promise.all(paths.map(async (path) => {
    const res = await fetch(`${stack.url}${path}`, { headers });
    if (!res.ok) throw new Error(`reads bench: ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.arrayBuffer()).byteLength;
  }));
  return { ms: performance.now() - started, bytes: answers.reduce((sum, b) => sum + b, 0) };
}

/**
 * Every view `samples` times after two warm-up rounds (the handlers' first import and the JVM's first
 * queries are not the desk's), the views taking turns within each round, so that a burst of load
 * on a shared machine falls on all of them alike rather than on whichever view was being timed.
 */
async function timeViews(stack: BenchStack, samples: number): Promise<{ p50: number; p95: number; kb: number }[]> {
  const times = VIEWS.map(() => [] as number[]);
  const bytes = VIEWS.map(() => 0);
  for (let round = 0; round < samples + 2; round++) {
    for (const [i, { paths }] of VIEWS.entries()) {
      const { ms, bytes: b } = await askView(stack, paths);
      if (round >= 2) times[i].push(ms);
      bytes[i] = b;
    }
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return times.map((t, i) => ({ p50: round(quantile(t, 0.5)), p95: round(quantile(t, 0.95)), kb: Math.round(bytes[i] / 102.4) / 10 }));
}

export async function measureReads(stack: BenchStack, sizes: readonly number[], samples: number, log: (message: string) => void): Promise<ReadFigures[]> {
  const figures: ReadFigures[] = [];
  for (const n of sizes) {
    await stack.freshTable();
    const started = performance.now();
    await load(stack, n);
    log(`${n} records loaded in ${Math.round((performance.now() - started) / 1000)} s`);
    const loadBefore = loadavg()[0];
    const timed = await timeViews(stack, samples);
    const views = VIEWS.map(({ view, paths }, i) => ({ view, requests: paths.length, ...timed[i] }));
    const loadAverage = [round2(loadBefore), round2(loadavg()[0])] as [number, number];
    figures.push({ records: n, samples, loadAverage, views });
    log(`${n} records (load average ${loadAverage.join(' → ')}): ${views.map((v) => `${v.view.split(' ')[0]} p95 ${v.p95} ms`).join(', ')}`);
  }
  return figures;
}
