import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#local/paths.ts';
import { changeText, headline, type Summary, targetLines, type Totals } from '#web/src/dashboard/figures.ts';
import { coverageRows, rateText } from '#web/src/dashboard/coverage-rows.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { historyRange, placeQuery, readPlace, topRegion, trail, validDate } from '#web/src/dashboard/place.ts';
import { gapsOf, gapsSentence, gapText, ranking, scale, segmentsOf, seriesOf } from '#web/src/dashboard/series.ts';

const TODAY = '2026-11-25';

function totals(figures: Partial<Totals> = {}): Totals {
  const visit = { sessions: 0, symposiums: 0, participants: 0, suggestions: 0, suggestionsAnsweredOrResolved: 0 };
  return {
    ministers: 0, ...visit, branchesVisited: { village: 0, community: 0 },
    byMinisterLevel: { province: visit, prefecture: visit, county: visit },
    reports: 0, problems: { open: 0, rectifying: 0, rectified: 0, accepted: 0, overdue: 0 }, trainings: 0, peopleTrained: 0,
    mechanisms: 0, models: { nominated: 0, approved: 0 }, inspections: 0, inspectionFindings: 0,
    coverage: { village: { registered: 0, visited: 0 }, community: { registered: 0, visited: 0 } },
    month: { visits: 0, sessions: 0, late: 0 }, suggestionsWaiting: 0, ...figures,
  };
}

describe('dashboard place (the address)', () => {
  it('starts admins at the province and everyone else at their own region', () => {
    expect(topRegion({ role: 'admin', region: '630102' })).toBe('630000');
    expect(topRegion({ role: 'staff', region: '630100' })).toBe('630100');
    expect(topRegion({ role: 'staff', region: '630122' })).toBe('630106'); // a retired code
  });

  it('keeps the region within reach: unknown, foreign or higher regions fall back to the top', () => {
    expect(readPlace('?region=630102&date=2026-11-24', '630100', TODAY)).toEqual({ region: '630102', date: '2026-11-24' });
    expect(readPlace('?region=632700', '630100', TODAY)).toEqual({ region: '630100' });
    expect(readPlace('?region=630000', '630102', TODAY)).toEqual({ region: '630102' });
    expect(readPlace('?region=999999', '630000', TODAY)).toEqual({ region: '630000' });
    expect(readPlace('', '630000', TODAY)).toEqual({ region: '630000' });
  });

  it('takes only real past days as the snapshot date', () => {
    expect(validDate('2026-11-25', TODAY)).toBe('2026-11-25');
    expect(validDate('2026-11-26', TODAY)).toBeUndefined();
    expect(validDate('2026-02-30', TODAY)).toBeUndefined();
    expect(validDate('2015-12-31', TODAY)).toBeUndefined();
    expect(validDate('20261124', TODAY)).toBeUndefined();
    expect(validDate(null, TODAY)).toBeUndefined();
  });

  it('writes the place back as a query, the date only when one is chosen', () => {
    expect(placeQuery({ region: '630100' })).toBe('?region=630100');
    expect(placeQuery({ region: '630100', date: '2026-11-24' })).toBe('?region=630100&date=2026-11-24');
  });

  it('draws the breadcrumb from the top region down, never above it', () => {
    expect(trail('630000', '630102').map((r) => r.name)).toEqual(['青海省', '西宁市', '城东区']);
    expect(trail('630100', '630102').map((r) => r.code)).toEqual(['630100', '630102']);
    expect(trail('630102', '630102').map((r) => r.code)).toEqual(['630102']);
    expect(trail('632700', '630102').map((r) => r.code)).toEqual(['630102']);
  });

  it('asks for the 30 days ending on the snapshot, and shows times on the Beijing clock', () => {
    expect(historyRange('2026-11-24')).toEqual({ from: '2026-10-26', to: '2026-11-24' });
    expect(beijingDateTime('2026-11-24T17:00:04.512Z')).toBe('2026-11-25 01:00');
    expect(beijingDateTime('not a time')).toBe('not a time');
  });
});

describe('dashboard figures', () => {
  it('signs changes with a true minus and says 持平 for none', () => {
    const format = (n: number) => n.toLocaleString('en-US');
    expect(changeText(1234, format)).toBe('+1,234');
    expect(changeText(-3, format)).toBe('−3');
    expect(changeText(0, format)).toBe('持平');
  });

  it('gives each region the coverage its coverage table gives, from the registry, and branches not matched to it apart', () => {
    // 465 villages visited, 20 of them typed in and not matched: 445 of the 4,143 registered are covered.
    const t = totals({
      branchesVisited: { village: 465, community: 40 },
      coverage: { village: { registered: 4143, visited: 445 }, community: { registered: 446, visited: 38 } },
    });
    for (const region of [{ code: '630000', name: '青海省', level: 'province' as const }, { code: '630100', name: '西宁市', level: 'prefecture' as const }]) {
      const summary: Summary = { asOf: TODAY, provisional: false, generatedAt: '2026-11-24T17:00:00.000Z', region, totals: t, sincePrevious: null, restatedMonths: [], children: [], signOff: [] };
      const table = coverageRows(summary).at(-1)!;
      const [village, community] = targetLines(t);
      expect(village.parts[0]).toEqual({ label: '已走访', value: 445, unit: '个', of: { whole: 4143, rate: rateText(table.village) } });
      expect(rateText(table.village)).toBe('10.7%');
      expect(village.parts[1]).toEqual({ label: '未匹配名册', value: 20, unit: '个' });
      expect(community.parts.map((p) => [p.value, p.of?.whole, p.of?.rate])).toEqual([[38, 446, rateText(table.community)], [2, undefined, undefined]]);
    }
    // Nothing registered yet: no rate to speak of, and every visited branch is unmatched.
    const none = targetLines(totals({ branchesVisited: { village: 3, community: 0 } }))[0];
    expect(none.parts).toEqual([{ label: '已走访', value: 0, unit: '个', of: { whole: 0, rate: '—' } }, { label: '未匹配名册', value: 3, unit: '个' }]);
  });

  it('lists every other target once, problems by status', () => {
    const lines = targetLines(totals({ problems: { open: 1, rectifying: 2, rectified: 3, accepted: 1, overdue: 4 } }));
    expect(lines.map((l) => l.name)).toEqual(['村党支部走访覆盖', '社区党组织走访覆盖', '调研报告', '问题清单', '行家里手培养', '制度机制', '先进典型', '督查督导']);
    expect(lines[3].parts.map((p) => `${p.label}${p.value}`)).toEqual(['待整改1', '整改中2', '已整改3', '已销号1', '逾期4']);
  });

  it('falls back to a known headline for an unknown choice', () => {
    expect(headline('participants').name).toBe('党员参加');
    expect(headline('nonsense').key).toBe('sessions');
  });
});

describe('dashboard series', () => {
  const region = (code: string, name: string) => ({ code, name, level: 'prefecture' as const });

  it('ranks the children largest first, ties in region order', () => {
    const bars = ranking([
      { region: region('630100', '西宁市'), totals: totals({ sessions: 5 }) },
      { region: region('630200', '海东市'), totals: totals({ sessions: 9 }) },
      { region: region('632200', '海北州'), totals: totals({ sessions: 5 }) },
    ], 'sessions');
    expect(bars.map((b) => `${b.region.code}:${b.value}`)).toEqual(['630200:9', '630100:5', '632200:5']);
  });

  it('places each snapshot on its day of the range and finds the lowest and highest', () => {
    const items = [
      { asOf: '2026-11-24', provisional: true, totals: totals({ sessions: 30 }) },
      { asOf: '2026-10-26', provisional: false, totals: totals({ sessions: 10 }) },
      { asOf: '2026-11-01', provisional: false, totals: totals({ sessions: 10 }) },
      { asOf: '2026-10-01', provisional: false, totals: totals({ sessions: 1 }) }, // outside the range
    ];
    const series = seriesOf(items, 'sessions', '2026-10-26', '2026-11-24');
    expect(series.days).toBe(30);
    expect(series.points.map((p) => [p.day, p.value])).toEqual([[0, 10], [6, 10], [29, 30]]);
    expect(series.min?.date).toBe('2026-10-26');
    expect(series.max).toMatchObject({ date: '2026-11-24', value: 30, provisional: true });
    expect(seriesOf([], 'sessions', '2026-10-26', '2026-11-24')).toMatchObject({ points: [], min: undefined, max: undefined });
  });

  it('marks the days without a snapshot as gaps (runs of days), never as points of zero', () => {
    const items = [
      { asOf: '2026-11-20', provisional: false, totals: totals({ sessions: 0 }) },
      { asOf: '2026-11-21', provisional: false, totals: totals({ sessions: 4 }) },
      { asOf: '2026-11-24', provisional: false, totals: totals({ sessions: 6 }) },
      { asOf: '2026-11-25', provisional: true, totals: totals({ sessions: 7 }) },
    ];
    const series = seriesOf(items, 'sessions', '2026-11-18', '2026-11-25');
    // A known zero is a point; the missing days are not.
    expect(series.points.map((p) => [p.date, p.value])).toEqual([['2026-11-20', 0], ['2026-11-21', 4], ['2026-11-24', 6], ['2026-11-25', 7]]);
    expect(series.gaps).toEqual([
      { first: 0, last: 1, from: '2026-11-18', to: '2026-11-19', days: 2 },
      { first: 4, last: 5, from: '2026-11-22', to: '2026-11-23', days: 2 },
    ]);
    expect(segmentsOf(series.points).map((s) => s.map((p) => p.date))).toEqual([['2026-11-20', '2026-11-21'], ['2026-11-24', '2026-11-25']]);
    expect(gapsSentence(series)).toBe('4 天无统计快照（图中断开处，不是 0）：2026-11-18 至 2026-11-19（2 天）、2026-11-22 至 2026-11-23（2 天）。');
  });

  it('finds no gap in a full range, one gap over a range with no snapshot, and single missing days', () => {
    const days = (n: number) => Array.from({ length: n }, (_, day) => ({ day }));
    expect(gapsOf(days(30), 30, '2026-10-27')).toEqual([]);
    expect(gapsSentence({ gaps: [] })).toBe('');
    expect(gapsOf([], 30, '2026-10-27')).toEqual([{ first: 0, last: 29, from: '2026-10-27', to: '2026-11-25', days: 30 }]);
    const single = gapsOf([{ day: 0 }, { day: 2 }, { day: 4 }], 5, '2026-02-27');
    expect(single.map(gapText)).toEqual(['2026-02-28', '2026-03-02']);
    expect(segmentsOf([{ day: 0 }, { day: 2 }, { day: 3 }])).toEqual([[{ day: 0 }], [{ day: 2 }, { day: 3 }]]);
  });

  it('scales linearly, to the middle when every value is the same', () => {
    expect(scale(5, 0, 10, 0, 100)).toBe(50);
    expect(scale(10, 0, 10, 150, 10)).toBe(10);
    expect(scale(7, 7, 7, 0, 100)).toBe(50);
  });
});

describe('the dashboard and the shared header as Preact components', () => {
  const inFolder = (folder: string) => readdirSync(join(REPO_ROOT, folder)).map((name) => `${folder}/${name}`);
  const files = [...inFolder('web/src/dashboard'), ...inFolder('web/src/ui'), 'web/src/shell.ts', 'web/src/dashboard-page.tsx'];

  it('build no DOM by hand (web/src/dom.ts) and cast nothing to never, any or through unknown', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      expect(source, file).not.toMatch(/from '[./]*dom\.ts'/);
      expect(source, file).not.toMatch(/\bas (never|any|unknown as)\b/);
    }
  });
});
