import { describe, expect, it } from 'vitest';
import { FIGURES, headerOf } from '#schemas/figures.ts';
import { scorecardSchema } from '#schemas/scorecard.ts';
import {
  collectionOf, dutyPeriod, headsInOrder, hiddenOf, nextHeadId, periodText, recordsOf, sameNamed, SCORE_LINES, type Scorecard, scoreAt,
  searchHeads, sideBySideColumns, TARGETS, termChangeNote, yearsUpTo,
} from '#web/src/desk/heads.ts';
import { mineInOrder, needsAttention } from '#web/src/desk/lists.ts';
import { hrefOf, parseRoute } from '#web/src/desk/route.ts';
import { tableOf, toCsv } from '#web/src/desk/table.ts';

/** The heads' own pages without DOM (web/src/desk/heads.ts), and their addresses. */

const card = (over: Partial<Scorecard> = {}): Scorecard => ({
  minister: { id: 'm-630102-01', name: '王建国', level: 'county', regionCode: '630102' },
  year: 2026,
  asOf: '2026-11-30',
  visits: { count: 4, sessions: 5, symposiums: 6, participants: 1234, branchesVisited: { village: 3, community: 1 } },
  suggestions: { collected: 9, answeredOrResolved: 7, pending: 2 },
  researchReports: { count: 2 },
  problemsSolved: { found: 5, open: 1, rectifying: 2, rectified: 2, accepted: 1, overdue: 1 },
  expertsCultivated: { trainings: 3, peopleTrained: 40 },
  mechanismsImproved: { count: 1 },
  typicalModels: { nominated: 2, approved: 1 },
  inspections: { count: 1, findings: 4 },
  contactBranches: { assigned: 2, visited: 1, branches: [] },
  records: [
    { kind: 'visit', id: 'v1', date: '2026-03-01', title: '走访甲' },
    { kind: 'report', id: 'r1', date: '2026-04-01', title: '报告甲' },
    { kind: 'visit', id: 'v2', date: '2026-05-01', title: '走访乙' },
  ],
  hiddenRecords: { visit: 2 },
  ...over,
});

/** Every numeric leaf of an object, as `a.b.c` paths. */
function numericPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [prefix];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => numericPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('the scorecard as the 述职 report reads it', () => {
  it('shows every figure of the scorecard exactly once (besides the year and the contact branches)', () => {
    const paths = numericPaths(card()).filter((p) => p !== 'year' && !p.startsWith('contactBranches') && !p.startsWith('hiddenRecords'));
    expect(SCORE_LINES.map((l) => l.path).sort()).toEqual(paths.sort());
    // The answer's schema has no figure the page leaves out.
    expect(() => scorecardSchema.parse(card())).not.toThrow();
  });

  it('names figures as the figures table does, with their units', () => {
    const sessions = SCORE_LINES.find((l) => l.path === 'visits.sessions')!;
    expect(headerOf(sessions)).toBe(headerOf(FIGURES.sessions));
    expect(SCORE_LINES.find((l) => l.path === 'problemsSolved.overdue')).toMatchObject({ name: FIGURES.problems.overdue.name, unit: '个' });
    expect(SCORE_LINES.find((l) => l.path === 'suggestions.pending')?.name).toBe('待答复');
  });

  it('reads a figure by its path, and lists the six targets between the visits and the inspections', () => {
    expect(scoreAt(card(), 'visits.branchesVisited.village')).toBe(3);
    expect(scoreAt(card(), 'visits.nothing')).toBe(0);
    expect(TARGETS.map((t) => t.key)).toEqual(['visits', 'researchReports', 'problemsSolved', 'expertsCultivated', 'suggestions', 'mechanismsImproved', 'typicalModels', 'inspections']);
  });

  it("groups the records behind the figures by their target's kinds", () => {
    const visits = TARGETS.find((t) => t.key === 'visits')!;
    expect(recordsOf(card(), visits).map((r) => r.id)).toEqual(['v1', 'v2']);
    expect(recordsOf(card(), TARGETS.find((t) => t.key === 'suggestions')!)).toEqual([]);
    expect(recordsOf(card({ records: undefined }), visits)).toEqual([]);
  });

  it("counts the records behind a target's figures that the reader may not open", () => {
    expect(hiddenOf(card(), TARGETS.find((t) => t.key === 'visits')!)).toBe(2);
    expect(hiddenOf(card(), TARGETS.find((t) => t.key === 'researchReports')!)).toBe(0);
    expect(hiddenOf(card({ hiddenRecords: undefined }), TARGETS.find((t) => t.key === 'visits')!)).toBe(0);
  });
});

describe('the year and day a report is as of', () => {
  const today = '2026-11-30';
  it('is this year as of today by default, an earlier year as of its last day', () => {
    expect(dutyPeriod({}, today)).toEqual({ year: 2026, date: today });
    expect(dutyPeriod({ year: '2025' }, today)).toEqual({ year: 2025, date: '2025-12-31' });
  });
  it('never runs past today nor before the year, and ignores nonsense', () => {
    expect(dutyPeriod({ date: '2026-12-31' }, today)).toEqual({ year: 2026, date: today });
    expect(dutyPeriod({ year: '2025', date: '2024-05-01' }, today)).toEqual({ year: 2025, date: '2025-12-31' });
    expect(dutyPeriod({ year: '2030', date: 'yesterday' }, today)).toEqual({ year: 2026, date: today });
    expect(dutyPeriod({ year: '2026', date: '2026-06-30' }, today)).toEqual({ year: 2026, date: '2026-06-30' });
  });
  it('offers the years up to this one, newest first', () => {
    expect(yearsUpTo(today, 2024)).toEqual([2026, 2025, 2024]);
  });
});

describe('总结讲评', () => {
  it('orders heads province, prefecture, county, then by region and name', () => {
    const heads = [
      card({ minister: { id: 'c2', name: '乙', level: 'county', regionCode: '630103' } }),
      card({ minister: { id: 'p1', name: '丙', level: 'province', regionCode: '630000' } }),
      card({ minister: { id: 'c1', name: '甲', level: 'county', regionCode: '630102' } }),
      card({ minister: { id: 'f1', name: '丁', level: 'prefecture', regionCode: '630100' } }),
    ];
    expect(headsInOrder(heads).map((c) => c.minister.id)).toEqual(['p1', 'f1', 'c1', 'c2']);
  });

  it('downloads a row per head with every figure as a number, the same as shown', () => {
    const table = tableOf('总结讲评', sideBySideColumns(() => '县级'), [card()]);
    const csv = toCsv(table).replace(/^\uFEFF/, '').split('\r\n');
    const header = csv[0].split(',');
    expect(header.slice(0, 3)).toEqual(['组织部长', '地区', '级别']);
    expect(header).toContain('党员参加（人次）');
    expect(header.at(-2)).toBe('联系点（个）');
    const values = csv[1].split(',');
    expect(values.slice(0, 3)).toEqual(['王建国', '城东区', '县级']);
    expect(values[header.indexOf('党员参加（人次）')]).toBe('1234');
    expect(values.at(-1)).toBe('1');
    expect(values).toHaveLength(3 + SCORE_LINES.length + 2);
  });
});

describe('我的填报', () => {
  const rec = (id: string, state: 'received' | 'approved' | 'has_issues' | 'rejected', createdAt: string, status = 'submitted') =>
    ({ record: { id, createdAt, status, review: { state } } });
  it('puts returned and flagged records first, then those in review, then approved, newest first within each', () => {
    const rows = [
      rec('a', 'approved', '2026-11-03T00:00:00Z'), rec('b', 'received', '2026-11-01T00:00:00Z'), rec('c', 'rejected', '2026-11-01T00:00:00Z'),
      rec('d', 'has_issues', '2026-11-05T00:00:00Z'), rec('e', 'received', '2026-11-04T00:00:00Z'), rec('f', 'rejected', '2026-11-02T00:00:00Z'),
      rec('w', 'rejected', '2026-11-09T00:00:00Z', 'withdrawn'),
    ];
    expect(mineInOrder(rows).map((r) => r.record.id)).toEqual(['f', 'c', 'd', 'e', 'b', 'a', 'w']);
  });
  it('marks returned and flagged records, not withdrawn ones', () => {
    expect(needsAttention({ status: 'submitted', review: { state: 'rejected' } })).toBe(true);
    expect(needsAttention({ status: 'open', review: { state: 'has_issues' } })).toBe(true);
    expect(needsAttention({ status: 'submitted', review: { state: 'received' } })).toBe(false);
    expect(needsAttention({ status: 'withdrawn', review: { state: 'rejected' } })).toBe(false);
  });
});

describe('部长名册', () => {
  const heads = [
    { id: 'm-630102-01', name: '王建国', level: 'county' as const, regionCode: '630102' },
    { id: 'm-630102-02', name: '王 建国', level: 'county' as const, regionCode: '630102' },
    { id: 'm-630103-01', name: '王建国', level: 'county' as const, regionCode: '630103' },
    { id: 'm-630100-01', name: '李卫东', level: 'prefecture' as const, regionCode: '630100' },
    { id: 'm-632521-01', name: '张海', level: 'county' as const, regionCode: '632521' },
  ];
  it('marks heads who share a name within one region (spacing set aside), not across regions', () => {
    expect([...sameNamed(heads)].sort()).toEqual(['m-630102-01', 'm-630102-02']);
    expect(sameNamed(heads.slice(2)).size).toBe(0);
  });
  it('searches by a part of the name, the region or the id, within a region', () => {
    expect(searchHeads(heads, '建国', undefined).map((h) => h.id)).toEqual(['m-630102-01', 'm-630102-02', 'm-630103-01']);
    expect(searchHeads(heads, '城中', undefined).map((h) => h.id)).toEqual(['m-630103-01']);
    expect(searchHeads(heads, undefined, '630100').map((h) => h.id)).toEqual(['m-630100-01', 'm-630102-01', 'm-630102-02', 'm-630103-01']);
    expect(searchHeads(heads, 'M-632521', undefined).map((h) => h.id)).toEqual(['m-632521-01']);
    expect(searchHeads(heads, '没有', undefined)).toEqual([]);
  });
  it("gives a new head the region's first free number", () => {
    expect(nextHeadId('630102', heads.map((h) => h.id))).toBe('m-630102-03');
    expect(nextHeadId('630104', heads.map((h) => h.id))).toBe('m-630104-01');
    expect(nextHeadId('630104', [])).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
  });
  it('says what a change of level or region does to earlier figures, and nothing otherwise', () => {
    const before = { level: 'county' as const, regionCode: '630102' };
    expect(termChangeNote(before, before)).toBeUndefined();
    expect(termChangeNote(undefined, before)).toBeUndefined();
    expect(termChangeNote(before, { level: 'prefecture', regionCode: '630100' })).toContain('以前的数据保持不变');
    expect(termChangeNote(before, { level: 'county', regionCode: '630103' })).toContain('新的任期');
  });
});

describe('调研报告集', () => {
  const report = (id: string, date: string, title: string, status = 'submitted') => ({ id, date, title, status, createdAt: `${date}T00:00:00Z` });
  it('holds every report once, withdrawn ones aside, oldest first', () => {
    const reports = [report('b', '2026-05-02', '乙'), report('a', '2026-05-01', '甲'), report('b', '2026-05-02', '乙'), report('w', '2026-05-01', '撤', 'withdrawn'), report('c', '2026-05-02', '丙')];
    const held = collectionOf(reports).map((r) => r.id);
    expect(held[0]).toBe('a');
    expect(held.sort()).toEqual(['a', 'b', 'c']);
  });
  it('says its period in words', () => {
    expect(periodText('2026-01-01', '2026-06-30')).toBe('2026-01-01 至 2026-06-30');
    expect(periodText('2026-01-01', undefined)).toBe('2026-01-01 以来');
    expect(periodText(undefined, '2026-06-30')).toBe('截至 2026-06-30');
    expect(periodText(undefined, undefined)).toBe('全部');
  });
});

describe('the new addresses', () => {
  it('round-trip, and refuse what names nothing', () => {
    for (const hash of ['#/mine?review=rejected', '#/duty', '#/duty/m-630102-01?year=2025&date=2025-12-31', '#/collection?region=630103&from=2026-01-01&to=2026-06-30', '#/roster?q=%E7%8E%8B', '#/roster/new']) {
      expect(hrefOf(parseRoute(hash))).toBe(hash);
    }
    expect(parseRoute('#/duty/m-1')).toEqual({ view: 'duty', id: 'm-1', filters: {} });
    expect(parseRoute('#/roster/bad%20id')).toEqual({ view: 'home' });
    expect(parseRoute('#/duty/a/b')).toEqual({ view: 'home' });
  });
});
