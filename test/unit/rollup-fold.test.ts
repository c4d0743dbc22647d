import { describe, expect, it } from 'vitest';
import type { FormRecord } from '#schemas/form.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { ALL_REGIONS, COUNTY_CODES, regionContains, type RegionLevel } from '#schemas/regions.ts';
import { levelOn, nextTerms, type Term } from '#schemas/minister.ts';
import { addDays } from '#schemas/time.ts';
import { COUNTING_RULES, emptyState, normalizeState, normalizeTotals, type RegionState, storedState, totalsOf } from '#functions/rollup/figures.ts';
import type { BranchEntry } from '#schemas/branch.ts';
import { type Change, foldDay, rebuild, rebuilder, type RecordChange, type RegistryChange, type RollupState } from '#functions/rollup/fold.ts';
import { snapshotsOf } from '#functions/rollup/snapshot.ts';
import { seededRandom, type SeededRandom } from '#local/random.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';
import type { RollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { beijingDate, endOfBeijingDay } from '#schemas/time.ts';

const FORMS = KINDS.map((kind) => kind.form);

const MINISTERS: Record<string, RegionLevel> = { 'm-p': 'province', 'm-630100': 'prefecture', 'm-632600': 'prefecture', 'm-630102': 'county', 'm-632621': 'county' };
const levels = (id: string) => MINISTERS[id];
const COUNTIES = ['630102', '630103', '630202', '632621', '632622', '632857'];
/** Where a region-wide mechanism or inspection may apply: a county, a prefecture or the province. */
const ANY_LEVEL = [...COUNTIES, '630100', '632600', '630000'];
const FIRST_DAY = '2026-11-01';

/** A stored record: loosely typed, as the oracle reads fields by name. */
type Rec = FormRecord & Record<string, unknown>;
type Content = Record<string, unknown> & { ministerId: string; status: string };

/**
 * The registry as the history has made it so far: a record names an active registered branch half
 * the time (as the API lets it: an unknown or closed id is refused), else a branch typed in.
 */
let registryNow = new Map<string, BranchEntry>();
const branch = (rnd: SeededRandom) => {
  const active = [...registryNow.values()].filter((b) => b.status === 'active');
  if (active.length && rnd.chance(0.5)) {
    const { id, name, type, countyCode } = rnd.pick(active);
    return { id, name, type, countyCode };
  }
  return { name: `支部${rnd.int(3)}`, type: rnd.pick(['village', 'community'] as const), countyCode: rnd.pick(COUNTIES) };
};
/** A few registry ids per county, each of a fixed type (a branch keeps its county and type). */
const REGISTRY_IDS = COUNTIES.flatMap((county) => [0, 1, 2, 3].map((k) => ({ id: `reg-${county}-${k}`, countyCode: county, type: k % 2 ? ('community' as const) : ('village' as const) })));

/** A registry change: a branch registered, renamed, closed or reopened. */
function registryStep(rnd: SeededRandom, at: string): RegistryChange {
  const { id, countyCode, type } = rnd.pick(REGISTRY_IDS);
  const before = registryNow.get(id) ?? null;
  const base = { id, countyCode, type, aliases: [], createdAt: before?.createdAt ?? at, updatedAt: at, version: (before?.version ?? 0) + 1 };
  const op = rnd.next();
  const after: BranchEntry = !before
    ? { ...base, name: `名册支部${id}`, status: rnd.chance(0.85) ? 'active' : 'closed' }
    : op < 0.4
      ? { ...before, ...base, ...(before.status === 'active' ? { status: 'closed', closedOn: '2026-11-01' } : { status: 'active', closedOn: undefined }) }
      : { ...before, ...base, name: `${before.name}改` };
  if (after.closedOn === undefined) delete after.closedOn;
  registryNow.set(id, after);
  return { kind: 'branch', registry: true, recordId: id, version: after.version, at, before, after };
}
/** A record's date: any in the weeks around the history, or (`latest`) one on or before the day it is reported. */
const dateIn = (rnd: SeededRandom, latest?: string) => (latest ? addDays(latest, -rnd.int(12)) : addDays('2026-10-20', rnd.int(20)));

/** Random content of each kind of the catalogue; `status` is the initial one. */
const CONTENT: Record<string, (rnd: SeededRandom, id: string, latest?: string) => Content> = {
  visit: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), date: dateIn(rnd, latest), branch: branch(rnd),
    sessions: Array.from({ length: rnd.int(3) + 1 }, () => 'party_lecture'), symposiums: rnd.int(3), participants: rnd.int(80),
    suggestions: Array.from({ length: rnd.int(4) }, (_, i) => ({
      id: `${id}-s${i}`, text: '建议', channel: 'symposium', status: rnd.pick(['pending', 'answered', 'resolved']),
    })),
    status: 'submitted',
  }),
  problem: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), branch: branch(rnd), description: '问题', category: 'other', foundBy: { source: 'other' },
    foundOn: '2026-10-20', responsible: { unit: '村党支部' }, deadline: dateIn(rnd, latest), status: rnd.pick(['open', 'open', 'rectifying', 'rectified']),
  }),
  report: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), date: dateIn(rnd, latest), title: '调研', branches: [branch(rnd), branch(rnd)],
    highlights: '有', weakSpots: '有', remedies: '有', status: 'submitted',
  }),
  training: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), date: dateIn(rnd, latest), branch: branch(rnd), topic: '培训', format: 'lecture', trained: 1 + rnd.int(30), status: 'submitted',
  }),
  mechanism: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), title: '办法', area: 'other', regionCode: rnd.pick(ANY_LEVEL), adoptedOn: dateIn(rnd, latest), summary: '有', status: 'submitted',
  }),
  model: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), nominee: { type: 'branch', name: '示范支部', countyCode: rnd.pick(COUNTIES) }, date: dateIn(rnd, latest), reason: '有',
    status: 'nominated',
  }),
  inspection: (rnd, id, latest) => ({
    ministerId: rnd.pick(Object.keys(MINISTERS)), type: 'random', methods: ['look'], regionCode: rnd.pick(ANY_LEVEL), date: dateIn(rnd, latest),
    findings: Array.from({ length: rnd.int(4) }, (_, i) => ({ id: `${id}-f${i}`, text: '发现', problemIds: [] })),
    status: 'submitted',
  }),
};

/**
 * Status moves a correction may make (problems and models), and a selection sent back: a model
 * 已选树 or 未选树 whose nominee is corrected is 已推荐 again (correct-record.ts).
 */
const MOVES: Record<string, Record<string, string[]>> = {
  problem: { open: ['rectifying', 'rectified'], rectifying: ['rectified'], rectified: [] },
  model: { nominated: ['approved', 'rejected'], approved: ['nominated'], rejected: ['nominated'] },
};

interface Tracked { kind: string; record: Rec }

/** 验收 of a rectified problem (decide-acceptance.ts): 销号 of a waiting one, or 退回 to 整改中 without its date (an accepted one too). */
function acceptanceStep(rnd: SeededRandom, record: Rec, bump: Partial<Rec>, at: string): Rec {
  const accepted = (record.acceptance as { state?: string } | undefined)?.state === 'accepted';
  if (!accepted && rnd.chance(0.6)) return { ...record, ...bump, acceptance: { state: 'accepted', by: 'staff', at } };
  const { rectifiedOn: _, ...kept } = record;
  return { ...kept, ...bump, status: 'rectifying', acceptance: { state: 'returned', by: 'staff', at, reason: '退回' } } as Rec;
}

/**
 * Days of every kind's creations, corrections, status moves, reviews (some rejections),
 * suspected duplicate visits (some approved later), withdrawals and late arrivals. Some records are
 * stored without a review, as before reviews existed.
 */
function randomHistory(seed: number, days: number, options: { datedByReport?: boolean; datedAhead?: boolean } = {}): Change[][] {
  const rnd = seededRandom(seed);
  // 验收 is drawn from a stream of its own: the histories drawn before it existed stay as they were (the checks below count what they exercise).
  const decider = seededRandom(seed + 100_000);
  const kinds = Object.keys(CONTENT);
  const current = new Map<string, Tracked>();
  const history: Change[][] = [];
  registryNow = new Map();
  for (let day = 0; day < days; day++) {
    const changes: Change[] = [];
    const steps = rnd.int(16);
    for (let step = 0; step < steps; step++) {
      const at = new Date(Date.UTC(2026, 9, 31 + day, 16, step * 5 + rnd.int(5))).toISOString();
      if (rnd.chance(0.2)) {
        changes.push(registryStep(rnd, at));
        continue;
      }
      // Dated ahead: up to a week after the day received, as a replay with a fixed clock may send.
      const latest = options.datedByReport ? addDays(FIRST_DAY, day) : options.datedAhead ? addDays(FIRST_DAY, day + 7) : undefined;
      const keys = [...current.keys()];
      const existing = keys.length && rnd.chance(0.55) ? current.get(rnd.pick(keys))! : undefined;
      let next: Tracked;
      if (!existing) {
        const kind = rnd.pick(kinds);
        const id = `${kind}-${seed}-${day}-${step}`;
        const visits = [...current.values()].filter((t) => t.kind === 'visit');
        const record = {
          id, ...CONTENT[kind](rnd, id, latest), ...(rnd.chance(0.9) ? { review: { state: 'received' } } : {}), version: 1, createdAt: at, updatedAt: at,
          ...(kind === 'visit' && visits.length && rnd.chance(0.25) ? { duplicateOf: rnd.pick(visits).record.id } : {}),
        } as Rec;
        next = { kind, record };
      } else {
        const { kind, record } = existing;
        if (record.status === 'withdrawn') continue;
        const bump = { version: record.version + 1, updatedAt: at };
        const op = rnd.next();
        const moves = MOVES[kind]?.[record.status] ?? [];
        if (op < 0.2) {
          next = { kind, record: { ...record, ...bump, status: 'withdrawn' } };
        } else if (op < 0.5) {
          const state = rnd.pick(['approved', 'has_issues', 'rejected'] as const);
          next = { kind, record: { ...record, ...bump, review: { state, by: 'staff', at } } };
          if (kind === 'problem' && record.status === 'rectified' && decider.chance(0.5)) next = { kind, record: acceptanceStep(decider, record, bump, at) };
        } else if (op < 0.7 && moves.length) {
          const status = rnd.pick(moves);
          const rectified = status === 'rectified' ? { evidence: '已整改', rectifiedOn: '2026-11-01', acceptance: { state: 'waiting' } } : {};
          next = { kind, record: { ...record, ...bump, status, ...rectified } };
        } else {
          // A correction: new content, same status, back to review (a returned record counts again until reviewed).
          const { duplicateOf: _, ...kept } = record;
          const review = { state: 'received' as const };
          const dup = kind === 'visit' && record.duplicateOf !== undefined && rnd.chance(0.7) ? { duplicateOf: record.duplicateOf } : {};
          next = { kind, record: { ...kept, ...CONTENT[kind](rnd, record.id, latest), status: record.status, review, ...dup, ...bump } as Rec };
          if (kind === 'problem' && record.status === 'rectified' && decider.chance(0.8)) next = { kind, record: acceptanceStep(decider, record, bump, at) };
        }
      }
      const before = current.get(next.record.id)?.record ?? null;
      current.set(next.record.id, next);
      changes.push({ kind: next.kind, recordId: next.record.id, version: next.record.version, at, before, after: next.record });
    }
    history.push(changes);
  }
  return history;
}

/** An oracle that shares no code with the fold: totals straight from the records and the registry, region by region. */
function oracle(
  { records, registry }: Latest, region: string, asOf: string, levelOf: (ministerId: string, date: string) => RegionLevel = (id) => MINISTERS[id],
) {
  const place = ({ kind, record: r }: Tracked): string => {
    switch (kind) {
      case 'report': return (r.branches as { countyCode: string }[])[0].countyCode;
      case 'mechanism': case 'inspection': return r.regionCode as string;
      case 'model': return (r.nominee as { countyCode: string }).countyCode;
      default: return (r.branch as { countyCode: string }).countyCode;
    }
  };
  const counts = ({ kind, record: r }: Tracked) => {
    const review = r.review?.state ?? 'received';
    if (r.status === 'withdrawn' || review === 'rejected') return false;
    if (kind === 'visit' && r.duplicateOf !== undefined && review !== 'approved') return false;
    return !(kind === 'model' && r.status === 'rejected');
  };
  const counted = records.filter((t) => counts(t) && regionContains(region, place(t)));
  const of = (kind: string) => counted.filter((t) => t.kind === kind).map((t) => t.record);
  const sum = (rs: Rec[], f: (r: Rec) => number) => rs.reduce((acc, r) => acc + f(r), 0);
  const visits = of('visit');
  type V = { sessions: unknown[]; symposiums: number; participants: number; suggestions: { status: string }[] };
  const visitFigures = (vs: Rec[]) => ({
    sessions: sum(vs, (v) => (v as unknown as V).sessions.length),
    symposiums: sum(vs, (v) => (v as unknown as V).symposiums),
    participants: sum(vs, (v) => (v as unknown as V).participants),
    suggestions: sum(vs, (v) => (v as unknown as V).suggestions.length),
    suggestionsAnsweredOrResolved: sum(vs, (v) => (v as unknown as V).suggestions.filter((s) => s.status !== 'pending').length),
  });
  type B = { id?: string; type: string; countyCode: string; name: string };
  const branches = (type: string) => new Set(visits.map((v) => v.branch as B)
    .filter((b) => b.type === type).map((b) => (b.id ? `id:${b.id}` : `${b.countyCode}#${b.name}`))).size;
  const namedByVisits = new Set(visits.map((v) => (v.branch as B).id));
  const registered = (type: string) => registry.filter((b) => b.status === 'active' && b.type === type && regionContains(region, b.countyCode));
  const coverage = (type: string) => ({ registered: registered(type).length, visited: registered(type).filter((b) => namedByVisits.has(b.id)).length });
  const problems = of('problem');
  const inMonth = counted.filter(({ kind, record }) => dateOf(kind, record).slice(0, 7) === asOf.slice(0, 7));
  const withStatus = (rs: Rec[], status: string) => rs.filter((r) => r.status === status).length;
  return {
    ministers: new Set(visits.map((v) => v.ministerId)).size,
    ...visitFigures(visits),
    branchesVisited: { village: branches('village'), community: branches('community') },
    byMinisterLevel: {
      province: visitFigures(visits.filter((v) => levelOf(v.ministerId, v.date as string) === 'province')),
      prefecture: visitFigures(visits.filter((v) => levelOf(v.ministerId, v.date as string) === 'prefecture')),
      county: visitFigures(visits.filter((v) => levelOf(v.ministerId, v.date as string) === 'county')),
    },
    reports: of('report').length,
    problems: {
      open: withStatus(problems, 'open'),
      rectifying: withStatus(problems, 'rectifying'),
      rectified: withStatus(problems, 'rectified'),
      accepted: problems.filter((p) => p.status === 'rectified' && (p.acceptance as { state?: string } | undefined)?.state === 'accepted').length,
      overdue: problems.filter((p) => p.status !== 'rectified' && (p.deadline as string) < asOf).length,
    },
    trainings: of('training').length,
    peopleTrained: sum(of('training'), (t) => t.trained as number),
    mechanisms: of('mechanism').length,
    models: { nominated: withStatus(of('model'), 'nominated'), approved: withStatus(of('model'), 'approved') },
    inspections: of('inspection').length,
    inspectionFindings: sum(of('inspection'), (i) => (i.findings as unknown[]).length),
    coverage: { village: coverage('village'), community: coverage('community') },
    month: {
      visits: inMonth.filter((t) => t.kind === 'visit').length,
      sessions: sum(inMonth.filter((t) => t.kind === 'visit').map((t) => t.record), (v) => (v as unknown as V).sessions.length),
      late: inMonth.filter(({ kind, record }) => new Date(Date.parse(record.createdAt) + 8 * 3_600_000).toISOString().slice(0, 10) > addDays(dateOf(kind, record), 7)).length,
    },
    suggestionsWaiting: sum(visits.filter((v) => (v.date as string) < addDays(asOf, -30)), (v) => (v as unknown as V).suggestions.filter((s) => s.status === 'pending').length),
  };
}

/** A record's own date, by the field each kind dates it with. */
function dateOf(kind: string, r: Rec): string {
  return String(kind === 'problem' ? r.foundOn : kind === 'mechanism' ? r.adoptedOn : r.date);
}

interface Latest { records: Tracked[]; registry: BranchEntry[] }
const latestOf = (changes: readonly Change[]): Latest => {
  const records = new Map<string, Tracked>();
  const registry = new Map<string, BranchEntry>();
  for (const c of changes) {
    if ('registry' in c) registry.set(c.recordId, c.after);
    else records.set(`${c.kind}#${c.recordId}`, { kind: c.kind, record: c.after as Rec });
  }
  return { records: [...records.values()], registry: [...registry.values()] };
};

const fixedVisit = (id: string, seed: number) =>
  ({ id, ...CONTENT.visit(seededRandom(seed), id), review: { state: 'received' }, version: 1, createdAt: `${FIRST_DAY}T01:00:00.000Z`, updatedAt: `${FIRST_DAY}T01:00:00.000Z` }) as Rec;
const day = (n: number) => addDays(FIRST_DAY, n);
const change = (kind: string, before: Rec | null, after: Rec): RecordChange => ({ kind, recordId: after.id, version: after.version, at: after.updatedAt, before, after });

describe('rollup fold', () => {
  it('exercises every kind of the catalogue', () => {
    expect(Object.keys(CONTENT).sort()).toEqual(FORMS.map((f) => f.kind).sort());
    const kinds = new Set(randomHistory(7, 8).flat().map((c) => c.kind));
    expect([...kinds].sort()).toEqual([...FORMS.map((f) => f.kind), 'branch'].sort());
    // Registered branches are visited, closed and reopened: coverage has something to count.
    const totals = totalsOf(rebuild(randomHistory(7, 8).flat(), levels).get('630000'), day(8));
    expect(totals.coverage.village.visited + totals.coverage.community.visited).toBeGreaterThan(0);
    expect(totals.coverage.village.registered).toBeGreaterThan(totals.coverage.village.visited);
    // 验收 happens in the histories the property tests draw: problems accepted, and returned to 整改中.
    const decided = Array.from({ length: 40 }, (_, i) => randomHistory(i + 1, 10)).flat(2)
      .map((c) => ('registry' in c ? undefined : (c.after as Rec).acceptance as { state: string } | undefined)?.state);
    expect(decided.filter((state) => state === 'accepted').length).toBeGreaterThan(3);
    expect(decided.filter((state) => state === 'returned').length).toBeGreaterThan(3);
  });

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('incremental = full rebuild = oracle, every day, in every region (seed %i)', (seed) => {
    const history = randomHistory(seed, 10);
    let incremental: RollupState = new Map();
    const received: Change[] = [];
    history.forEach((changes, n) => {
      const asOf = day(n);
      incremental = foldDay(incremental, changes, levels);
      received.push(...changes);
      const rebuilt = rebuild(received, levels);
      const latest = latestOf(received);
      for (const region of ALL_REGIONS.map((r) => r.code)) {
        expect(totalsOf(incremental.get(region), asOf), region).toEqual(totalsOf(rebuilt.get(region), asOf));
        expect(totalsOf(incremental.get(region), asOf), region).toEqual(oracle(latest, region, asOf));
      }
    });
  });

  /**
   * The rebuild a page at a time, as a parallel scan hands it: records spread over segments in any
   * order, each record's changes together in version order, pages cut anywhere (inside a record too),
   * segments' pages interleaved. It gives what counting every record's latest version at once gives.
   */
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('rebuilds page by page as at once, however the scan cuts and interleaves its pages (seed %i)', (seed) => {
    const rnd = seededRandom(1000 + seed);
    const received = randomHistory(seed, 8).flat();
    const byRecord = new Map<string, Change[]>();
    for (const c of received) byRecord.set(`${c.kind}#${c.recordId}`, [...(byRecord.get(`${c.kind}#${c.recordId}`) ?? []), c]);
    const segments = 1 + rnd.int(4);
    const streams: Change[][] = Array.from({ length: segments }, () => []);
    for (const own of [...byRecord.values()].sort(() => rnd.next() - 0.5)) streams[rnd.int(segments)].push(...own.sort((a, b) => a.version - b.version));
    const pages = streams.map((stream) => {
      const cut: Change[][] = [];
      for (let i = 0; i < stream.length;) {
        const size = rnd.int(6);
        cut.push(stream.slice(i, i + size));
        i += size;
      }
      return cut;
    });
    const folding = rebuilder(levels);
    while (pages.some((p) => p.length)) {
      const segment = rnd.pick(pages.flatMap((p, i) => (p.length ? [i] : [])));
      folding.add(segment, pages[segment].shift()!.map((c) => ({ ...c, before: null })));
    }
    const paged = folding.finish();
    // Counted at once, as the rebuild did before it was paged: the latest version of each record, into an empty state.
    const whole: RollupState = new Map();
    for (const own of byRecord.values()) {
      const latest = own.reduce((a, b) => (b.version > a.version ? b : a));
      foldDay(whole, [{ ...latest, before: null }], levels).forEach((state, region) => whole.set(region, state));
    }
    const latest = latestOf(received);
    for (const region of ALL_REGIONS.map((r) => r.code)) {
      expect(totalsOf(paged.get(region), day(8)), region).toEqual(totalsOf(whole.get(region), day(8)));
      expect(totalsOf(paged.get(region), day(8)), region).toEqual(oracle(latest, region, day(8)));
    }
    expect(new Set(paged.keys())).toEqual(new Set(whole.keys()));
  });

  /**
   * Heads change level and region while the history runs, each change taking effect on its day (as
   * PUT /ministers does); every night folds with the terms known that night. A visit counts under the
   * level its head held on its date, in the nightly fold, the rebuild and the oracle alike.
   */
  function randomTerms(seed: number, days: number, perDay = 3): Record<string, Term[]> {
    const rnd = seededRandom(seed * 7919);
    const places: Record<RegionLevel, string[]> = { province: ['630000'], prefecture: ['630100', '632600', '632800'], county: COUNTIES };
    const terms: Record<string, Term[]> = Object.fromEntries(Object.entries(MINISTERS).map(([id, level]) => [id, [{ from: '2026-10-01', level, regionCode: places[level][0] }]]));
    for (let n = 0; n < days; n++) {
      for (let k = rnd.int(perDay); k > 0; k--) {
        const id = rnd.pick(Object.keys(MINISTERS));
        const level = rnd.pick(['province', 'prefecture', 'county'] as const);
        terms[id] = nextTerms(terms[id], { level, regionCode: rnd.pick(places[level]) }, day(n));
      }
    }
    return terms;
  }

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('incremental = full rebuild = oracle while heads change level and region (seed %i)', (seed) => {
    const history = randomHistory(seed, 10, { datedByReport: true });
    const terms = randomTerms(seed, 10);
    expect(Object.values(terms).some((t) => new Set(t.map((term) => term.level)).size > 1), 'some head changes level').toBe(true);
    /** The levels as known on night `n`: the terms that had begun by then. */
    const knownOn = (n: number) => (id: string, date: string) => levelOn(terms[id].filter((t) => t.from <= day(n)), date);
    let incremental: RollupState = new Map();
    const received: Change[] = [];
    history.forEach((changes, n) => {
      const asOf = day(n);
      incremental = foldDay(incremental, changes, knownOn(n));
      received.push(...changes);
      const rebuilt = rebuild(received, knownOn(n));
      const latest = latestOf(received);
      for (const region of ALL_REGIONS.map((r) => r.code)) {
        expect(totalsOf(incremental.get(region), asOf), region).toEqual(totalsOf(rebuilt.get(region), asOf));
        expect(totalsOf(incremental.get(region), asOf), region).toEqual(oracle(latest, region, asOf, knownOn(n)));
      }
    });
  });

  /**
   * The rollup's own store, in memory: closed days' states go through the stored form (packed), as
   * the repository keeps them; the changes and the heads' terms are what the history has made so far.
   */
  function memoryRollups(changes: readonly Change[], terms: () => Map<string, Term[]>) {
    const states = new Map<string, string>();
    const snapshots = new Map<string, Snapshot>();
    const keep = (list: Snapshot[]) => list.forEach((s) => snapshots.set(`${s.region.code}#${s.asOf}`, s));
    const store: Pick<RollupRepository, 'changesOfDay' | 'pageChangesBefore' | 'ministerTerms' | 'lastClosedDayBefore' | 'isClosed' | 'statesOf' | 'closeDay' | 'putProvisional' | 'snapshot'> = {
      changesOfDay: async (date) => changes.filter((c) => beijingDate(Date.parse(c.at)) === date),
      // As a scan hands them: two segments, pages of 7, each record's changes together and in version order.
      pageChangesBefore: async (end, _, onPage) => {
        const inKeyOrder = changes.filter((c) => c.at < end).sort((a, b) => `${a.kind}#${a.recordId}`.localeCompare(`${b.kind}#${b.recordId}`) || a.version - b.version);
        for (const segment of [0, 1]) {
          const own = inKeyOrder.filter((c) => c.recordId.length % 2 === segment);
          for (let i = 0; i < own.length; i += 7) onPage(segment, own.slice(i, i + 7).map((c) => ({ ...c, before: null })));
        }
      },
      ministerTerms: async () => terms(),
      lastClosedDayBefore: async (date) => {
        const last = [...states.keys()].filter((d) => d < date).sort().at(-1);
        return last === undefined ? undefined : { date: last, countingRules: COUNTING_RULES };
      },
      isClosed: async (date) => states.has(date),
      statesOf: async (date) => new Map(Object.entries(JSON.parse(states.get(date) ?? '{}') as Record<string, object>).map(([r, s]) => [r, normalizeState(s)])),
      closeDay: async (date, closed, list) => {
        states.set(date, JSON.stringify(Object.fromEntries([...closed].map(([r, s]) => [r, storedState(s)]))));
        keep(list);
      },
      putProvisional: async (list) => keep(list),
      snapshot: async (region, date) => snapshots.get(`${region}#${date}`),
    };
    return { rollups: store as RollupRepository, totals: (region: string, date: string) => snapshots.get(`${region}#${date}`)?.totals };
  }

  /** 01:00 Beijing time on the night after history day `n`, when the nightly run rolls it up. */
  const nightAfter = (n: number) => ({ now: () => new Date(Date.parse(`${day(n + 1)}T01:00:00+08:00`)) });

  /**
   * The nightly run (through the use case, onto the day before as stored) against a --rebuild of the
   * same day and an independent recount, while heads are promoted, demoted and moved between a visit
   * and its correction, and records are corrected the day their head changes level. Visits are dated
   * anywhere in the weeks around the history, some after the day they are received (as a client whose
   * clock runs ahead, or a replay through the use cases with a fixed clock, sends them).
   */
  it('draws histories where a counted visit is corrected the day its head changes level, and one dated on or after a change received before it', () => {
    let sameDay = 0;
    let datedAcross = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const terms = randomTerms(seed, 10, 3);
      const changedOn = (id: string, date: string) => terms[id].some((t, i) => i > 0 && t.from === date && t.level !== terms[id][i - 1].level);
      randomHistory(seed, 10, { datedAhead: true }).forEach((changes, n) => changes.forEach((c) => {
        if (c.kind !== 'visit' || !c.before) return;
        const before = c.before as Rec;
        if (changedOn(before.ministerId as string, day(n))) sameDay++;
        if (terms[before.ministerId as string].some((t) => t.from > beijingDate(Date.parse(before.updatedAt)) && t.from <= (before.date as string))) datedAcross++;
      }));
    }
    expect(sameDay, 'corrections the day their head changes level').toBeGreaterThan(5);
    expect(datedAcross, 'visits dated on or after a level change received before it').toBeGreaterThan(5);
  });

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('nightly run = --rebuild of the same day = recount while heads change level between a visit and its correction (seed %i)', async (seed) => {
    const history = randomHistory(seed, 10, { datedAhead: true });
    const terms = randomTerms(seed, 10, 3);
    let night = 0;
    const known = () => new Map(Object.entries(terms).map(([id, t]) => [id, t.filter((term) => term.from <= day(night))]));
    const received: Change[] = [];
    const nightly = memoryRollups(received, known);
    for (const [n, changes] of history.entries()) {
      night = n;
      received.push(...changes);
      await runRollup({ rollups: nightly.rollups, clock: nightAfter(n) }, day(n));
      const rebuilt = memoryRollups([...received], known);
      await runRollup({ rollups: rebuilt.rollups, clock: nightAfter(n) }, day(n), { rebuild: true });
      const levelOf = (id: string, date: string) => levelOn(known().get(id)!, date);
      const latest = latestOf(received);
      for (const region of ALL_REGIONS.map((r) => r.code)) {
        expect(nightly.totals(region, day(n)), `${day(n)} ${region}`).toEqual(rebuilt.totals(region, day(n)));
        expect(nightly.totals(region, day(n)), `${day(n)} ${region}`).toEqual(oracle(latest, region, day(n), levelOf));
      }
    }
  });

  it('counts one branch whatever its spacing, width, case or invisible characters', () => {
    // One head visits 柴达木X村党支部 in 大柴旦 on four days, spelled four ways.
    const spellings = ['柴达木X村党支部', '柴达木X　村党支部', '柴达木X 村党支部', '柴达木 X村党支部', '柴达木x\u200B村党支部', '柴达木Ｘ村党支部'];
    const changes = spellings.map((name, i) => change('visit', null, {
      ...fixedVisit(`v${i}`, i), ministerId: 'm-632621', date: day(i), branch: { name, type: 'village', countyCode: '632857' },
    } as Rec));
    const totals = totalsOf(rebuild(changes, levels).get('632857'), day(6));
    expect(totals.branchesVisited).toEqual({ village: 1, community: 0 });
    expect(totalsOf(foldDay(new Map(), changes, levels).get('630000'), day(6)).branchesVisited.village).toBe(1);
  });

  it('keeps additive figures additive; region-wide mechanisms and inspections count above the counties only', () => {
    const history = randomHistory(99, 8).flat();
    const state = rebuild(history, levels);
    const asOf = day(8);
    const additive = (t: ReturnType<typeof totalsOf>) => {
      const { ministers: _m, mechanisms: _me, inspections: _i, inspectionFindings: _f, ...rest } = t;
      return rest;
    };
    const add = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'number' ? v + (b[k] as number) : add(v as Record<string, unknown>, b[k] as Record<string, unknown>)]));
    const sumOf = (codes: string[]) => codes.map((c) => additive(totalsOf(state.get(c), asOf)) as Record<string, unknown>).reduce((a, b) => add(a, b));
    for (const prefecture of ALL_REGIONS.filter((r) => r.level === 'prefecture')) {
      expect(sumOf(COUNTY_CODES.filter((c) => regionContains(prefecture.code, c))), prefecture.code).toEqual(additive(totalsOf(state.get(prefecture.code), asOf)));
    }
    expect(sumOf(ALL_REGIONS.filter((r) => r.level === 'prefecture').map((r) => r.code))).toEqual(additive(totalsOf(state.get('630000'), asOf)));
    const wide = latestOf(history).records.filter((t) => ['mechanism', 'inspection'].includes(t.kind) && t.record.status !== 'withdrawn' && t.record.review?.state !== 'rejected');
    expect(wide.some((t) => (t.record.regionCode as string).endsWith('00')), 'the history has region-wide records').toBe(true);
  });

  describe('a mixed-kind campaign', () => {
    const meta = (id: string, at: string) => ({ id, review: { state: 'received' as const }, version: 1, createdAt: at, updatedAt: at });
    const next = (r: Rec, at: string, fields: Record<string, unknown>): Rec => ({ ...r, ...fields, version: r.version + 1, updatedAt: at });
    const review = (r: Rec, at: string, state: string) => next(r, at, { review: { state, by: 'staff', at } });
    const t1 = '2026-11-01T02:00:00.000Z';
    const t2 = '2026-11-02T02:00:00.000Z';
    const t4 = '2026-11-04T02:00:00.000Z';
    const t5 = '2026-11-05T02:00:00.000Z';
    const village = { name: '东关村党支部', type: 'village', countyCode: '630102' };
    const visitA = { ...meta('a', t1), ministerId: 'm-630102', date: '2026-11-01', branch: village, sessions: ['party_lecture'], symposiums: 1, participants: 20,
      suggestions: [{ id: 's1', text: '建议', channel: 'symposium', status: 'answered' }, { id: 's2', text: '建议', channel: 'symposium', status: 'pending' }], status: 'submitted' } as Rec;
    // The same head, branch and day under another id: a suspected duplicate.
    const visitB = { ...visitA, ...meta('b', t1), participants: 15, suggestions: [], duplicateOf: 'a' } as Rec;
    const problemP = { ...meta('p', t1), ministerId: 'm-630102', branch: village, description: '记录不全', category: 'other', foundBy: { source: 'other' },
      foundOn: '2026-10-30', responsible: { unit: '村党支部' }, deadline: '2026-11-03', status: 'open' } as Rec;
    const problemQ = { ...problemP, ...meta('q', t1), branch: { ...village, countyCode: '632621' }, deadline: '2026-11-10' } as Rec;
    const reportR = { ...meta('r', t1), ministerId: 'm-630100', date: '2026-10-31', title: '调研', branches: [{ ...village, countyCode: '630103' }],
      highlights: '有', weakSpots: '有', remedies: '有', status: 'submitted' } as Rec;
    const trainingT = { ...meta('t', t1), ministerId: 'm-630102', date: '2026-11-01', branch: village, topic: '培训', format: 'lecture', trained: 12, status: 'submitted' } as Rec;
    // For the whole of 西宁市: counts in 630100 and the province, in no county.
    const mechanismM = { ...meta('m', t1), ministerId: 'm-630100', title: '办法', area: 'other', regionCode: '630100', adoptedOn: '2026-11-01', summary: '有', status: 'submitted' } as Rec;
    const modelX = { ...meta('x', t1), ministerId: 'm-632621', nominee: { type: 'branch', name: '示范支部', countyCode: '632621' }, date: '2026-11-01', reason: '有', status: 'nominated' } as Rec;
    const inspectionI = { ...meta('i', t1), ministerId: 'm-p', type: 'special', methods: ['ask'], regionCode: '630000', date: '2026-11-01',
      findings: [{ id: 'f1', text: '发现', problemIds: [] }, { id: 'f2', text: '发现', problemIds: [] }], status: 'submitted' } as Rec;

    const pRectifying = next(problemP, t2, { status: 'rectifying' });
    const bApproved = review(visitB, t2, 'approved');
    const rRejected = review(reportR, t2, 'rejected');
    const xApproved = next(modelX, t2, { status: 'approved' });
    const pRectified = next(pRectifying, t5, { status: 'rectified', evidence: '已补齐', rectifiedOn: '2026-11-05' });
    const tWithdrawn = next(trainingT, t5, { status: 'withdrawn' });
    const days: [string, RecordChange[]][] = [
      [day(0), [
        change('visit', null, visitA), change('visit', null, visitB), change('problem', null, problemP), change('problem', null, problemQ),
        change('report', null, reportR), change('training', null, trainingT), change('mechanism', null, mechanismM), change('model', null, modelX),
        change('inspection', null, inspectionI),
      ]],
      [day(1), [change('problem', problemP, pRectifying), change('visit', visitB, bApproved), change('report', reportR, rRejected), change('model', modelX, xApproved)]],
      [day(2), []],
      [day(3), [change('visit', visitA, next(visitA, t4, { notes: '补充说明' }))]],
      [day(4), [change('problem', pRectifying, pRectified), change('training', trainingT, tWithdrawn)]],
    ];
    // Fold day by day, checking each day against a full rebuild of everything received so far.
    const states: Record<string, RollupState> = {};
    let incremental: RollupState = new Map();
    const received: RecordChange[] = [];
    for (const [asOf, changes] of days) {
      incremental = foldDay(incremental, changes, levels);
      received.push(...changes);
      states[asOf] = incremental;
    }
    const totals = (asOf: string, region: string) => totalsOf(states[asOf].get(region), asOf);

    it('agrees with the full rebuild every day, in every region', () => {
      const seen: RecordChange[] = [];
      for (const [asOf, changes] of days) {
        seen.push(...changes);
        const rebuilt = rebuild(seen, levels);
        for (const region of ALL_REGIONS.map((r) => r.code)) expect(totals(asOf, region), `${asOf} ${region}`).toEqual(totalsOf(rebuilt.get(region), asOf));
      }
    });

    it('counts a suspected duplicate once until staff approve it as distinct', () => {
      expect(totals(day(0), '630000')).toMatchObject({ ministers: 1, sessions: 1, participants: 20, suggestions: 2, suggestionsAnsweredOrResolved: 1, branchesVisited: { village: 1 } });
      expect(totals(day(1), '630000')).toMatchObject({ ministers: 1, sessions: 2, participants: 35, branchesVisited: { village: 1 } });
      expect(totals(day(1), '630102').byMinisterLevel.county.participants).toBe(35);
    });

    it('follows a problem open → rectifying → rectified, overdue only after its deadline day', () => {
      expect(totals(day(0), '630000').problems).toEqual({ open: 2, rectifying: 0, rectified: 0, accepted: 0, overdue: 0 });
      expect(totals(day(1), '630102').problems).toEqual({ open: 0, rectifying: 1, rectified: 0, accepted: 0, overdue: 0 });
      // Deadline 3 November: in time on the 3rd, overdue from the 4th.
      expect(totals(day(2), '630102').problems.overdue).toBe(0);
      expect(totals(day(3), '630102').problems).toEqual({ open: 0, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
      expect(totals(day(3), '630000').problems).toEqual({ open: 1, rectifying: 1, rectified: 0, accepted: 0, overdue: 1 });
      expect(totals(day(4), '630000').problems).toEqual({ open: 1, rectifying: 0, rectified: 1, accepted: 0, overdue: 0 });
      expect(totals(day(4), '632600').problems.open).toBe(1);
    });

    it('stops counting a rejected or withdrawn record, and counts models by status', () => {
      expect(totals(day(0), '630000')).toMatchObject({ reports: 1, trainings: 1, peopleTrained: 12, models: { nominated: 1, approved: 0 } });
      expect(totals(day(1), '630000')).toMatchObject({ reports: 0, models: { nominated: 0, approved: 1 } });
      expect(totals(day(1), '630103').reports).toBe(0);
      expect(totals(day(4), '630000')).toMatchObject({ trainings: 0, peopleTrained: 0 });
    });

    it('counts a prefecture-wide mechanism and a province-wide inspection in their region and above only', () => {
      expect(totals(day(0), '630100')).toMatchObject({ mechanisms: 1, inspections: 0 });
      expect(totals(day(0), '630000')).toMatchObject({ mechanisms: 1, inspections: 1, inspectionFindings: 2 });
      for (const county of COUNTY_CODES) expect(totals(day(0), county), county).toMatchObject({ mechanisms: 0, inspections: 0, inspectionFindings: 0 });
      expect(totals(day(0), '632600').mechanisms).toBe(0);
    });

    it("marks past months restated only when a change moved their figures", () => {
      const snapshot = (asOf: string, previous: string | undefined, changes: RecordChange[], region: string) =>
        snapshotsOf(states[asOf], asOf, false, t5, { previous: previous ? { asOf: previous, states: states[previous] } : undefined, dayChanges: changes })
          .find((s) => s.region.code === region)!;
      // Day 1: October's problem p (found 30 October) and report r (dated 31 October).
      expect(snapshot(day(0), undefined, days[0][1], '630000').restatedMonths).toEqual(['2026-10']);
      expect(snapshot(day(0), undefined, days[0][1], '630103').restatedMonths).toEqual(['2026-10']);
      expect(snapshot(day(0), undefined, days[0][1], '632621').restatedMonths).toEqual(['2026-10']);
      expect(snapshot(day(0), undefined, days[0][1], '630202').restatedMonths).toEqual([]);
      // A November visit's notes: nothing restated, and nothing since the day before.
      const notes = snapshot(day(3), day(2), days[3][1], '630000');
      expect(notes.restatedMonths).toEqual([]);
      expect(notes.sincePrevious?.figures).toEqual({ ministers: 0, sessions: 0, symposiums: 0, participants: 0, suggestions: 0, suggestionsAnsweredOrResolved: 0 });
    });
  });

  it('reads states stored before the new figures as empty in them, and folds on from there exactly', () => {
    const history = randomHistory(5, 6);
    const earlier = history.slice(0, 3).flat();
    // A state as stored before: only the visit figures, no problem deadlines.
    const visitsOnly = rebuild(earlier.filter((c) => c.kind === 'visit'), levels);
    const stored = new Map([...visitsOnly].map(([region, s]) => {
      const { figures, byMinisterLevel, ministers, branches } = JSON.parse(JSON.stringify(s)) as RegionState;
      const { sessions, symposiums, participants, suggestions, suggestionsAnsweredOrResolved } = figures;
      return [region, normalizeState({ figures: { sessions, symposiums, participants, suggestions, suggestionsAnsweredOrResolved } as RegionState['figures'], byMinisterLevel, ministers, branches })];
    }));
    for (const [region, s] of visitsOnly) expect(stored.get(region), region).toEqual(s);
    expect(normalizeState({})).toEqual(emptyState());
    // Folding the other kinds' earlier changes and every later day onto it gives the full rebuild.
    let state = foldDay(stored, earlier.filter((c) => c.kind !== 'visit'), levels);
    for (const changes of history.slice(3)) state = foldDay(state, changes, levels);
    const rebuilt = rebuild(history.flat(), levels);
    for (const region of ALL_REGIONS.map((r) => r.code)) expect(totalsOf(state.get(region), day(6)), region).toEqual(totalsOf(rebuilt.get(region), day(6)));
  });

  it('stores a county\'s registry packed, and reads it back the same, as it reads a multiset stored unpacked', () => {
    const state = rebuild(randomHistory(11, 10).flat(), levels);
    const counties = [...state].filter(([, s]) => Object.keys(s.registry).length > 0);
    expect(counties.length).toBeGreaterThan(0);
    for (const [region, s] of state) {
      const stored = JSON.stringify(storedState(s));
      expect(normalizeState(JSON.parse(stored)), region).toEqual(s);
      expect(normalizeState(JSON.parse(JSON.stringify(s))), region).toEqual(s);
    }
    const [, county] = counties[0];
    expect(JSON.stringify(storedState(county).registry).length).toBeLessThan(JSON.stringify(county.registry).length);
  });

  it('reads snapshot totals stored before the new figures with those at zero', () => {
    const old = { ministers: 2, sessions: 3, symposiums: 1, participants: 40, suggestions: 4, suggestionsAnsweredOrResolved: 2, branchesVisited: { village: 2, community: 0 } };
    const totals = normalizeTotals(old as never);
    expect(totals).toMatchObject({ ...old, reports: 0, problems: { open: 0, rectifying: 0, rectified: 0, overdue: 0 }, models: { nominated: 0, approved: 0 } });
    expect(totals.byMinisterLevel.county.participants).toBe(0);
    expect(Object.keys(totals)).toEqual(Object.keys(totalsOf(undefined, FIRST_DAY)));
  });

  it('counts a head once per region however many visits, and stops counting a withdrawn visit', () => {
    const v = fixedVisit('a', 1);
    const w = { ...v, id: 'b', suggestions: [] } as Rec;
    let state = foldDay(new Map(), [change('visit', null, v), change('visit', null, w)], levels);
    expect(totalsOf(state.get('630000'), FIRST_DAY).ministers).toBe(1);
    state = foldDay(state, [change('visit', v, { ...v, status: 'withdrawn', version: 2 })], levels);
    expect(totalsOf(state.get('630000'), FIRST_DAY)).toMatchObject({ ministers: 1, sessions: (w.sessions as unknown[]).length, suggestions: 0 });
    expect(totalsOf(state.get('632300'), FIRST_DAY)).toEqual(totalsOf(emptyState(), FIRST_DAY));
  });

  it('counts a model sent back to 已推荐 (its nominee corrected after 已选树) as nominated, no longer as selected', () => {
    const at = (n: number) => `${day(n)}T02:00:00.000Z`;
    const nominated = { id: 'sent-back', ministerId: 'm-632621', nominee: { type: 'member', name: '才让', countyCode: '632621' }, date: FIRST_DAY, reason: '有',
      status: 'nominated', review: { state: 'received' }, version: 1, createdAt: at(0), updatedAt: at(0) } as Rec;
    const selected = { ...nominated, status: 'approved', review: { state: 'approved' }, version: 2, updatedAt: at(1) } as Rec;
    const sentBack = { ...selected, nominee: { type: 'member', name: '卓玛', countyCode: '632621' }, status: 'nominated', review: { state: 'received' }, version: 3, updatedAt: at(2) } as Rec;
    let state = foldDay(new Map(), [change('model', null, nominated), change('model', nominated, selected)], levels);
    expect(totalsOf(state.get('632621'), day(1))).toMatchObject({ models: { nominated: 0, approved: 1 } });
    state = foldDay(state, [change('model', selected, sentBack)], levels);
    expect(totalsOf(state.get('632621'), day(2))).toMatchObject({ models: { nominated: 1, approved: 0 } });
    expect(totalsOf(state.get('630000'), day(2))).toMatchObject({ models: { nominated: 1, approved: 0 } });
  });

  it('keeps the month of each record\'s own date (本月) and the suggestions waiting, for the monthly 通报', () => {
    const base = { ...fixedVisit('m1', 3), ministerId: 'm-632621', branch: { name: '支部', type: 'village', countyCode: '632621' }, duplicateOf: undefined, review: { state: 'approved' } } as Rec;
    // Dated 2026-10-24, received 2026-11-01 (Beijing): 8 days after, so late; one on the 25th, 7 days after, is not.
    const late = { ...base, id: 'late', date: '2026-10-24', sessions: ['a', 'b'], suggestions: [{ id: 's1', text: '建议', channel: 'symposium', status: 'pending' }], createdAt: '2026-10-31T17:00:00.000Z' } as Rec;
    const inTime = { ...base, id: 'in-time', date: '2026-10-25', sessions: ['a'], suggestions: [], createdAt: '2026-10-31T17:00:00.000Z' } as Rec;
    const november = { ...base, id: 'nov', date: '2026-11-01', sessions: ['a'], suggestions: [], createdAt: '2026-11-01T02:00:00.000Z' } as Rec;
    let state = foldDay(new Map(), [late, inTime, november].map((v) => change('visit', null, v)), levels);
    expect(totalsOf(state.get('632621'), '2026-10-31').month).toEqual({ visits: 2, sessions: 3, late: 1 });
    expect(totalsOf(state.get('630000'), '2026-11-30').month).toEqual({ visits: 1, sessions: 1, late: 0 });
    // Waiting over 30 days: the 24th's suggestion on 2026-11-24 (31 days) and not on 2026-11-23 (30 days).
    expect(totalsOf(state.get('632600'), '2026-11-23').suggestionsWaiting).toBe(0);
    expect(totalsOf(state.get('632600'), '2026-11-24').suggestionsWaiting).toBe(1);
    // Answered, it waits no more; withdrawn, it leaves its month.
    const answered = { ...late, version: 2, suggestions: [{ id: 's1', text: '建议', channel: 'symposium', status: 'answered' }] } as Rec;
    state = foldDay(state, [change('visit', late, answered), change('visit', inTime, { ...inTime, version: 2, status: 'withdrawn' } as Rec)], levels);
    expect(totalsOf(state.get('632621'), '2026-12-31').suggestionsWaiting).toBe(0);
    expect(totalsOf(state.get('632621'), '2026-10-31').month).toEqual({ visits: 1, sessions: 2, late: 1 });
    // The state keeps the months after storage.
    expect(normalizeState(JSON.parse(JSON.stringify(storedState(state.get('632621')!)))).months).toEqual(state.get('632621')!.months);
  });

  it('refuses to apply a change twice (state would go negative)', () => {
    const v = fixedVisit('a', 2);
    const withdraw = change('visit', v, { ...v, status: 'withdrawn', version: 2 });
    const state = foldDay(foldDay(new Map(), [change('visit', null, v)], levels), [withdraw], levels);
    expect(() => foldDay(state, [withdraw], levels)).toThrow(/negative/);
    const report = { id: 'r', ministerId: 'm-p', date: FIRST_DAY, branches: [{ name: '支部', type: 'village', countyCode: '630102' }], status: 'submitted', version: 1 } as unknown as Rec;
    const gone = change('report', report, { ...report, status: 'withdrawn', version: 2 });
    const once = foldDay(foldDay(new Map(), [change('report', null, report)], levels), [gone], levels);
    expect(() => foldDay(once, [gone], levels)).toThrow(/negative/);
  });
});
