import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '#local/random.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_REGIONS, canonicalRegionCode, COUNTY_CODES, parentOf, PROVINCE_CODE, REGION_CODE_ALIASES, type RegionLevel } from '#schemas/regions.ts';
import { SESSION_KINDS, SUGGESTION_CHANNELS } from '#schemas/kinds/visit.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { SAMPLES } from '../support/samples.ts';
import { scanKeys } from '../support/table-scan.ts';
import { api as apiClient, startTestApi } from './support/local-stack.ts';

/**
 * Exactly once, over HTTP against DynamoDB Local: 1,000 distinct visit reports from heads all over
 * the province, each sent three times at once (a phone retrying on a flaky connection), with a
 * bounded number of requests in flight. Each report is stored once (one 201, the retries 200 with
 * the same record), nothing is written twice (one record, one change entry, one slot, one pointer
 * per suggestion), what is stored is what was sent, and the rollup's totals equal the sums of the
 * bodies, computed here independently of the rollup.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
type Visit = ReturnType<typeof SAMPLES.visit.valid> & Body;

const VISITS = 1_000;
const COPIES = 3;
const IN_FLIGHT = 24;

/** The seed's own generator (local/random.ts), with an inclusive range: every run sends the same mix of visits. */
function prng(seed: number) {
  const random = seededRandom(seed);
  return { next: random.next, int: (min: number, max: number) => min + random.int(max - min + 1), pick: random.pick };
}

const PREFECTURES = ALL_REGIONS.filter((r) => r.level === 'prefecture').map((r) => r.code);
const countiesOf = (prefecture: string) => COUNTY_CODES.filter((c) => parentOf(c)?.code === prefecture);
/** Pre-2020 county codes a phone may still send, by their current code. */
const ALIAS_OF = new Map(Object.entries(REGION_CODE_ALIASES).map(([old, current]) => [current, old]));

interface Head {
  id: string;
  level: RegionLevel;
  regionCode: string;
}

/** A head for every county and prefecture, and two for the province. */
const HEADS: Head[] = [
  { id: 'm-630000-01', level: 'province', regionCode: PROVINCE_CODE },
  { id: 'm-630000-02', level: 'province', regionCode: PROVINCE_CODE },
  ...PREFECTURES.map((code): Head => ({ id: `m-${code}-01`, level: 'prefecture', regionCode: code })),
  ...COUNTY_CODES.map((code): Head => ({ id: `m-${code}-01`, level: 'county', regionCode: code })),
];

const PHRASES = ['建议增加学习资料', '希望延长党员活动室开放时间', '村道需要硬化', '建议开展电商培训', '希望解决饮水问题', '请加强对留守老人的照顾'];
const SESSION_KEYS = Object.keys(SESSION_KINDS);
const CHANNEL_KEYS = Object.keys(SUGGESTION_CHANNELS);

/** The i-th report: a head, a county within their reach, a branch of its own, and varied activity. */
function visitBody(i: number, random: ReturnType<typeof prng>, today: string): Visit {
  const head = random.next() < 0.55 ? random.pick(HEADS.filter((h) => h.level === 'county'))
    : random.next() < 0.75 ? random.pick(HEADS.filter((h) => h.level === 'prefecture'))
    : random.pick(HEADS.filter((h) => h.level === 'province'));
  const county = head.level === 'county' ? head.regionCode
    : head.level === 'prefecture' ? random.pick(countiesOf(head.regionCode))
    : random.pick(COUNTY_CODES);
  // Now and then an old county code (mapped on the way in), as older phones still send.
  const sentCounty = ALIAS_OF.has(county) && random.next() < 0.5 ? ALIAS_OF.get(county)! : county;
  const body = SAMPLES.visit.valid({ ministerId: head.id, countyCode: sentCounty, date: addDays(today, -random.int(0, 90)) }) as Visit;
  // Distinct branches by construction (none is a suspected duplicate of another).
  body.branch = { ...body.branch, name: `${i + 1}号${random.next() < 0.7 ? '村' : '社区'}党支部`, type: random.next() < 0.7 ? 'village' : 'community' };
  body.sessions = [...new Set(Array.from({ length: random.int(0, 4) }, () => random.pick(SESSION_KEYS)))];
  body.symposiums = random.int(body.sessions.length === 0 ? 1 : 0, 5);
  body.participants = random.int(0, 300);
  body.suggestions = Array.from({ length: random.int(0, 5) }, (_, n) => {
    const status = random.pick(['pending', 'answered', 'resolved']);
    return {
      id: randomUUID(),
      // Now and then padded with spaces: stored trimmed, and a retry is still a retry.
      text: `${random.next() < 0.1 ? '  ' : ''}${random.pick(PHRASES)}（第${n + 1}条）`,
      channel: random.pick(CHANNEL_KEYS),
      status,
      ...(status !== 'pending' && random.next() < 0.7 ? { response: `已答复第${n + 1}条` } : {}),
    };
  });
  if (random.next() < 0.3) body.notes = `走访备注 ${i + 1}`;
  return body;
}

/** What the stored visit must hold of a body: the body itself, texts trimmed and old county codes mapped. */
function expectedFields(body: Visit) {
  return {
    id: body.id,
    ministerId: body.ministerId,
    date: body.date,
    branch: { ...body.branch, countyCode: canonicalRegionCode(body.branch.countyCode) },
    sessions: body.sessions,
    symposiums: body.symposiums,
    participants: body.participants,
    suggestions: body.suggestions.map((s: Body) => ({ ...s, text: s.text.trim() })),
    ...(body.notes !== undefined ? { notes: body.notes } : {}),
    status: 'submitted',
    version: 1,
  };
}

/** The headline figures (and distinct branches) of a set of visits, as the rollup should count them. */
function sums(visits: readonly Visit[]) {
  return {
    ministers: new Set(visits.map((v) => v.ministerId)).size,
    sessions: visits.reduce((n, v) => n + v.sessions.length, 0),
    symposiums: visits.reduce((n, v) => n + v.symposiums, 0),
    participants: visits.reduce((n, v) => n + v.participants, 0),
    suggestions: visits.reduce((n, v) => n + v.suggestions.length, 0),
    suggestionsAnsweredOrResolved: visits.reduce((n, v) => n + v.suggestions.filter((s: Body) => s.status !== 'pending').length, 0),
    branchesVisited: {
      village: visits.filter((v) => v.branch.type === 'village').length,
      community: visits.filter((v) => v.branch.type === 'community').length,
    },
  };
}

/** Runs `tasks` with at most `limit` of them under way at any time; results in task order. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

let stack: Awaited<ReturnType<typeof startTestApi>>;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestApi();
  call = apiClient(stack.url);
  const answers = await pooled(HEADS.map((h) => () => call('PUT', `/ministers/${h.id}`, { name: `部长${h.id}`, level: h.level, regionCode: h.regionCode })), 8);
  expect(answers.map((a) => a.status)).toEqual(HEADS.map(() => 201));
});

afterAll(async () => stack?.close());

describe('1,000 visits, each sent three times at once', () => {
  it('stores each exactly once, as sent, and the rollup counts each exactly once', async () => {
    const today = beijingDate();
    const random = prng(20_261_120);
    const bodies = Array.from({ length: VISITS }, (_, i) => visitBody(i, random, today));
    expect(new Set(bodies.map((b) => `${b.ministerId}|${b.date}|${b.branch.countyCode}|${b.branch.name}`)).size).toBe(VISITS);

    // Copies of a visit sit next to each other in the queue, so they are in flight together.
    const started = performance.now();
    const answers = await pooled(bodies.flatMap((body) => Array.from({ length: COPIES }, () => () => call<Body>('POST', '/visits', body))), IN_FLIGHT);
    const sendMs = performance.now() - started;

    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    console.log(`exactly-once: ${answers.length} POSTs (${VISITS} visits × ${COPIES}, ${IN_FLIGHT} in flight) in ${Math.round(sendMs)} ms`
      + ` (${Math.round(answers.length / (sendMs / 1000))}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(Object.fromEntries(statuses), 'statuses of all answers').toEqual({ 201: VISITS, 200: VISITS * (COPIES - 1) });
    bodies.forEach((body, i) => {
      const copies = answers.slice(i * COPIES, (i + 1) * COPIES);
      expect(copies.filter((a) => a.status === 201), `one 201 for ${body.id}`).toHaveLength(1);
      // The retries answer the stored record: the very same one the first got.
      for (const a of copies) expect(a.body).toEqual(copies[0].body);
      expect(copies[0].body).toMatchObject(expectedFields(body));
      expect(copies[0].body.duplicateOf).toBeUndefined();
    });

    // What is stored, read back through the list route (page by page) and straight from the table.
    const listed: Body[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body?: Body } = await call<Body>('GET', `/visits?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed).toHaveLength(VISITS);
    const byId = new Map(listed.map((v) => [v.id, v]));
    expect(byId.size).toBe(VISITS);
    for (const body of bodies) {
      const record = byId.get(body.id);
      expect(record, body.id).toMatchObject(expectedFields(body));
      expect('notes' in record, `${body.id} notes`).toBe(body.notes !== undefined);
      expect(record.duplicateOf, body.id).toBeUndefined();
    }

    const keys = await scanKeys(stack.client, stack.tableName);
    const count = (test: (k: { pk: string; sk: string }) => boolean) => keys.filter(test).length;
    expect(count((k) => k.pk.startsWith('visit#') && k.sk === 'record'), 'visit records').toBe(VISITS);
    expect(count((k) => k.pk.startsWith('visit#') && k.sk.startsWith('change#')), 'change entries').toBe(VISITS);
    expect(count((k) => k.pk.startsWith('visit-slot#')), 'visit slots').toBe(VISITS);
    expect(count((k) => k.pk.startsWith('suggestion#')), 'suggestion pointers').toBe(bodies.reduce((n, b) => n + b.suggestions.length, 0));

    // The rollup's totals, against sums of the bodies computed here.
    const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
    const { rollupDeps } = await import('#functions/rollup-composition.ts');
    const outcome = await runRollup(rollupDeps(), beijingDate());
    // A run that spans Beijing midnight puts the visits on two days: the later one still holds them all.
    const { province } = beijingDate() === today ? outcome : await runRollup(rollupDeps(), beijingDate());
    expect(province.totals).toMatchObject(sums(bodies));
    for (const child of province.children) {
      const inPrefecture = bodies.filter((b) => parentOf(canonicalRegionCode(b.branch.countyCode))?.code === child.region.code);
      expect(child.totals, child.region.name).toMatchObject(sums(inPrefecture));
    }
    const levelOf = new Map(HEADS.map((h) => [h.id, h.level]));
    for (const level of ['province', 'prefecture', 'county'] as const) {
      const { ministers: _, branchesVisited: __, ...figures } = sums(bodies.filter((b) => levelOf.get(b.ministerId) === level));
      expect(province.totals.byMinisterLevel[level], level).toEqual(figures);
    }
  // 3,000 requests through the local stack took 51–154 s in full runs on a 2-core machine: the
  // limit only stops a hang.
  }, 400_000);
});
