import { describe, expect, it } from 'vitest';
import type { Visit } from '#schemas/visit.ts';
import { ALL_REGIONS, COUNTY_CODES, regionContains, type RegionLevel } from '#schemas/regions.ts';
import { emptyState, totalsOf } from '#functions/rollup/figures.ts';
import { foldDay, rebuild, type RollupState, type VisitChange } from '#functions/rollup/fold.ts';
import { seededRandom } from '#local/random.ts';

const random = seededRandom;

const MINISTERS: Record<string, RegionLevel> = { 'm-p': 'province', 'm-630100': 'prefecture', 'm-632600': 'prefecture', 'm-630102': 'county', 'm-632621': 'county' };
const levels = (id: string) => MINISTERS[id];
const COUNTIES = ['630102', '630103', '630202', '632621', '632622', '632857'];

function randomVisit(rnd: ReturnType<typeof random>, id: string, version: number, at: string): Visit {
  const suggestions = Array.from({ length: rnd.int(4) }, (_, i) => ({
    id: `${id}-s${i}`, text: '建议', channel: 'symposium' as const, status: rnd.pick(['pending', 'answered', 'resolved'] as const),
  }));
  return {
    id, ministerId: rnd.pick(Object.keys(MINISTERS)), date: '2026-11-01',
    branch: { name: `支部${rnd.int(3)}`, type: rnd.pick(['village', 'community'] as const), countyCode: rnd.pick(COUNTIES) },
    sessions: Array.from({ length: rnd.int(3) + 1 }, () => 'party_lecture' as const),
    symposiums: rnd.int(3), participants: rnd.int(80), suggestions,
    status: 'submitted', version, createdAt: at, updatedAt: at,
  };
}

/** Days of creations, corrections (incl. moving county), withdrawals and late arrivals. */
function randomHistory(seed: number, days: number): VisitChange[][] {
  const rnd = random(seed);
  const current = new Map<string, Visit>();
  const history: VisitChange[][] = [];
  for (let day = 0; day < days; day++) {
    const changes: VisitChange[] = [];
    const steps = rnd.int(12);
    for (let step = 0; step < steps; step++) {
      const at = new Date(Date.UTC(2026, 10, 1 + day, 0, step * 5 + rnd.int(5))).toISOString();
      const ids = [...current.keys()];
      const existing = ids.length && rnd.chance(0.5) ? current.get(rnd.pick(ids))! : undefined;
      if (!existing) {
        const visit = randomVisit(rnd, `v${seed}-${day}-${step}`, 1, at);
        current.set(visit.id, visit);
        changes.push({ recordId: visit.id, version: 1, at, before: null, after: visit });
      } else if (existing.status === 'withdrawn') {
        continue;
      } else {
        const next: Visit = rnd.chance(0.3)
          ? { ...existing, status: 'withdrawn', version: existing.version + 1, updatedAt: at }
          : { ...randomVisit(rnd, existing.id, existing.version + 1, at), createdAt: existing.createdAt };
        current.set(next.id, next);
        changes.push({ recordId: next.id, version: next.version, at, before: existing, after: next });
      }
    }
    history.push(changes);
  }
  return history;
}

/** An oracle that shares no code with the fold: totals straight from the records, region by region. */
function oracle(records: Visit[], region: string) {
  const counted = records.filter((v) => v.status !== 'withdrawn' && regionContains(region, v.branch.countyCode));
  const sum = (f: (v: Visit) => number) => counted.reduce((acc, v) => acc + f(v), 0);
  return {
    ministers: new Set(counted.map((v) => v.ministerId)).size,
    sessions: sum((v) => v.sessions.length),
    symposiums: sum((v) => v.symposiums),
    participants: sum((v) => v.participants),
    suggestions: sum((v) => v.suggestions.length),
    suggestionsAnsweredOrResolved: sum((v) => v.suggestions.filter((s) => s.status !== 'pending').length),
    villages: new Set(counted.filter((v) => v.branch.type === 'village').map((v) => `${v.branch.countyCode}#${v.branch.name}`)).size,
  };
}

const headline = (state: RollupState, region: string) => {
  const t = totalsOf(state.get(region));
  return {
    ministers: t.ministers, sessions: t.sessions, symposiums: t.symposiums, participants: t.participants,
    suggestions: t.suggestions, suggestionsAnsweredOrResolved: t.suggestionsAnsweredOrResolved, villages: t.branchesVisited.village,
  };
};

describe('rollup fold', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('incremental = full rebuild = oracle, every day, in every region (seed %i)', (seed) => {
    const history = randomHistory(seed, 8);
    let incremental: RollupState = new Map();
    const received: VisitChange[] = [];
    for (const day of history) {
      incremental = foldDay(incremental, day, levels);
      received.push(...day);
      const rebuilt = rebuild(received, levels);
      const latest = new Map<string, Visit>();
      for (const c of received) latest.set(c.recordId, c.after);
      for (const region of ALL_REGIONS.map((r) => r.code)) {
        expect(totalsOf(incremental.get(region)), region).toEqual(totalsOf(rebuilt.get(region)));
        expect(headline(incremental, region), region).toEqual(oracle([...latest.values()], region));
      }
    }
  });

  it('keeps additive figures additive: a prefecture is the sum of its counties, the province of its prefectures', () => {
    const history = randomHistory(99, 6).flat();
    const state = rebuild(history, levels);
    const province = totalsOf(state.get('630000'));
    const prefectures = ALL_REGIONS.filter((r) => r.level === 'prefecture').map((p) => totalsOf(state.get(p.code)));
    expect(prefectures.reduce((acc, p) => acc + p.participants, 0)).toBe(province.participants);
    const counties = COUNTY_CODES.filter((c) => c.startsWith('6301')).map((c) => totalsOf(state.get(c)));
    expect(counties.reduce((acc, c) => acc + c.sessions, 0)).toBe(totalsOf(state.get('630100')).sessions);
  });

  it('counts a head once per region however many visits, and stops counting a withdrawn visit', () => {
    const v = randomVisit(random(1), 'a', 1, '2026-11-01T01:00:00.000Z');
    const w = { ...v, id: 'b', suggestions: [] };
    let state = foldDay(new Map(), [
      { recordId: 'a', version: 1, at: v.createdAt, before: null, after: v },
      { recordId: 'b', version: 1, at: v.createdAt, before: null, after: w },
    ], levels);
    expect(totalsOf(state.get('630000')).ministers).toBe(1);
    state = foldDay(state, [{ recordId: 'a', version: 2, at: '2026-11-02T01:00:00.000Z', before: v, after: { ...v, status: 'withdrawn', version: 2 } }], levels);
    expect(totalsOf(state.get('630000'))).toMatchObject({ ministers: 1, sessions: w.sessions.length, suggestions: 0 });
    expect(totalsOf(state.get('632300'))).toEqual(totalsOf(emptyState()));
  });

  it('refuses to apply a change twice (state would go negative)', () => {
    const v = randomVisit(random(2), 'a', 1, '2026-11-01T01:00:00.000Z');
    const withdraw = { recordId: 'a', version: 2, at: '2026-11-02T00:00:00.000Z', before: v, after: { ...v, status: 'withdrawn' as const, version: 2 } };
    const state = foldDay(foldDay(new Map(), [{ recordId: 'a', version: 1, at: v.createdAt, before: null, after: v }], levels), [withdraw], levels);
    expect(() => foldDay(state, [withdraw], levels)).toThrow(/negative/);
  });
});
