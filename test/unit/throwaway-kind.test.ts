import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { makeRecordDeps } from '#functions/composition.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { regionsCsv } from '#functions/rollup/csv.ts';
import { kindFiguresOf, totalsOf } from '#functions/rollup/figures.ts';
import { type Change, foldDay, rebuild } from '#functions/rollup/fold.ts';
import { ministerScorecard } from '#functions/use-cases/reporting/scorecard.ts';
import { branchInputSchema, branchSchema, intSchema, pastDateSchema, slugIdSchema, textSchema } from '#schemas/common.ts';
import { figure } from '#schemas/figures.ts';
import { defineForm, SUBMITTED_ONLY } from '#schemas/form.ts';
import { defineKind, titleOf } from '#schemas/kind.ts';
import { countingOf } from '#schemas/kinds/counting.ts';
import { KIND_REGISTRY } from '#schemas/kinds/index.ts';
import { withKinds } from '#schemas/kinds/registry.ts';
import { ministerSchema } from '#schemas/minister.ts';
import { findRegion } from '#schemas/regions.ts';
import { figureLine } from '#schemas/targets.ts';

/*
 * A kind is one module and one registration line (issue 22): this file is the whole of a new kind,
 * 讲党课 (a head gives a Party lecture), with its own counted figures declared in its module, and
 * a registry of the test's own (withKinds) — no other source file knows it, and the campaign's
 * registry stays as it was.
 */

// ---------------------------------------------------------------- the kind's module

const lectureForm = defineForm({
  kind: 'lecture',
  path: 'lectures',
  name: 'Lecture',
  label: { zh: '讲党课', en: 'Party lecture' },
  fields: () => ({ ministerId: slugIdSchema, date: pastDateSchema, branch: branchInputSchema, topic: textSchema(200), listeners: intSchema(1, 1000) }),
  statuses: SUBMITTED_ONLY,
  storedFields: () => ({ branch: branchSchema }),
});

type Lecture = z.output<typeof lectureForm.schemas.stored>;

const LECTURE_FIGURES = {
  lectures: figure('讲党课', '次', { sum: 'lectures' }),
  lectureListeners: figure('听党课党员', '人次', { sum: 'lectureListeners' }, { short: '听课党员' }),
};

const lectureKind = defineKind(lectureForm, {
  branchFields: ['branch'],
  regionOf: (l: Lecture) => l.branch.countyCode,
  dateOf: (l) => l.date,
  figures: LECTURE_FIGURES,
  count: (l) => ({ sums: { lectures: 1, lectureListeners: l.listeners } }),
  target: {
    key: 'lectures',
    title: '讲党课',
    kinds: ['lecture'],
    lines: { count: figureLine('lectures', LECTURE_FIGURES.lectures), listeners: figureLine('lectureListeners', LECTURE_FIGURES.lectureListeners) },
  },
  presentation: { title: (l) => titleOf(l.topic, l.date), columns: [], labels: { topic: { label: '党课题目' }, listeners: { label: '听课党员' } } },
});

// ---------------------------------------------------------------- its registration line

const kinds = withKinds(KIND_REGISTRY, { lecture: lectureKind });

// ---------------------------------------------------------------- what it counts for

const AT = '2026-11-02T02:00:00.000Z';
const stamp = { review: { state: 'received' as const }, version: 1, createdAt: AT, updatedAt: AT };
const lecture = (id: string, countyCode: string, listeners: number) => lectureKind.create(
  { id: `00000000-0000-4000-8000-00000000000${id}`, ministerId: 'm-lecturer', status: 'submitted', date: '2026-11-01', branch: { countyCode, type: 'village', name: `${id}号村党支部` }, topic: '学习党章', listeners },
  stamp,
);
const created = (record: Lecture): Change => ({ kind: 'lecture', recordId: record.id, version: 1, at: AT, before: null, after: record });

const CHENGDONG = '630102';
const CHENGZHONG = '630103';
const XINING = '630100';
const PROVINCE = '630000';
const one = lecture('1', CHENGDONG, 30);
const two = lecture('2', CHENGZHONG, 12);
const changes = [created(one), created(two)];
const levels = () => 'county' as const;
const counting = countingOf(kinds);
const figuresAt = (states: ReturnType<typeof rebuild>, region: string) => kindFiguresOf(states.get(region), '2026-11-02', counting.figures);

describe('a throw-away kind registered in a test', () => {
  it('is counted by the rollup and summed up the region tree, a withdrawal taking it out', () => {
    const states = rebuild(changes, levels, kinds);
    expect(figuresAt(states, CHENGDONG)).toEqual({ lectures: 1, lectureListeners: 30 });
    expect(figuresAt(states, CHENGZHONG)).toEqual({ lectures: 1, lectureListeners: 12 });
    expect(figuresAt(states, XINING)).toEqual({ lectures: 2, lectureListeners: 42 });
    expect(figuresAt(states, PROVINCE)).toEqual({ lectures: 2, lectureListeners: 42 });
    // The campaign's own figures are untouched by it.
    expect(totalsOf(states.get(PROVINCE), '2026-11-02').reports).toBe(0);

    const withdrawn = { ...one, status: 'withdrawn', version: 2 };
    const next = foldDay(states, [{ kind: 'lecture', recordId: one.id, version: 2, at: AT, before: one, after: withdrawn }], levels, kinds);
    expect(figuresAt(next, PROVINCE)).toEqual({ lectures: 1, lectureListeners: 12 });
    expect(figuresAt(next, CHENGDONG)).toEqual({ lectures: 0, lectureListeners: 0 });
  });

  it('is unknown to the campaign\'s registry (nothing leaked out of the test)', () => {
    expect(KIND_REGISTRY.named('lecture')).toBeUndefined();
    expect(() => rebuild(changes, levels)).toThrow('a change of an unknown kind: lecture');
  });

  it('has its columns in the CSV export, after the table\'s', () => {
    const states = rebuild(changes, levels, kinds);
    const row = (code: string) => ({ region: findRegion(code)!, totals: { ...totalsOf(states.get(code), '2026-11-02'), ...figuresAt(states, code) } });
    const [header, ...rows] = regionsCsv('2026-11-02', [row(XINING), row(CHENGDONG), row(CHENGZHONG)], counting.csvFigures).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(header.split(',').slice(-2)).toEqual(['讲党课（次）', '听党课党员（人次）']);
    expect(rows.map((r) => r.split(',').slice(-2))).toEqual([['2', '42'], ['1', '30'], ['1', '12']]);
  });

  it('has its part on its head\'s scorecard, after the six targets', async () => {
    const base = makeRecordDeps({ client: createDocumentClient({ TABLE_NAME: 'xiajiceng-unit', AWS_REGION: 'cn-northwest-1' }), tableName: 'xiajiceng-unit' });
    const minister = ministerSchema.parse({
      id: 'm-lecturer', name: '讲课部长', level: 'county', regionCode: CHENGDONG, terms: [{ from: '2020-01-01', level: 'county', regionCode: CHENGDONG }],
      version: 1, createdAt: AT, updatedAt: AT,
    });
    const deps = {
      ...base,
      clock: { now: () => new Date('2026-11-20T04:00:00Z') },
      ministers: { ...base.ministers, get: async () => minister },
      records: { ...base.records, trail: async () => [one, two].map((after) => ({ kind: 'lecture', recordId: after.id, version: 1, after })) },
      kinds,
    };
    const card = await ministerScorecard(deps, 'm-lecturer', 2026, '2026-11-20');
    expect(Object.keys(card)).toEqual(['minister', 'year', 'asOf', 'visits', 'researchReports', 'problemsSolved', 'expertsCultivated', 'suggestions', 'mechanismsImproved', 'typicalModels', 'inspections', 'lectures', 'contactBranches', 'records', 'hiddenRecords']);
    expect(card).toMatchObject({ lectures: { count: 2, listeners: 42 }, researchReports: { count: 0 } });
    expect(card.records.map((r) => [r.kind, r.title])).toEqual([['lecture', '学习党章 · 2026-11-01'], ['lecture', '学习党章 · 2026-11-01']]);
  });
});
