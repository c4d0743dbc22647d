import { describe, expect, it } from 'vitest';
import { totalsOf } from '#functions/rollup/figures.ts';
import { figureList, valueAt } from '#schemas/figures.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { scorecardSchema, targetScoresSchema } from '#schemas/scorecard.ts';
import { type Totals, totalsSchema } from '#schemas/summary.ts';
import { lineList, scoresOf, TARGET_LIST, TARGETS } from '#schemas/targets.ts';
import { targetLines } from '#web/src/dashboard/figures.ts';
import { SCORE_LINES, TARGETS as PAGE_TARGETS } from '#web/src/desk/heads.ts';

/** Totals with a different number in every figure, so a line reading the wrong figure shows. */
const totals = (): Totals => {
  let n = 1;
  const fill = (node: unknown): unknown => (typeof node === 'number' ? n++ : Object.fromEntries(Object.entries(node as object).map(([k, v]) => [k, fill(v)])));
  return totalsSchema.parse(fill(totalsOf(undefined, '2026-11-01')));
};

describe('the six targets, declared once (schemas/targets.ts)', () => {
  it('names registered kinds and figures of the table only', () => {
    const figures = new Set(figureList().map((f) => f.figure));
    for (const target of TARGET_LIST) {
      for (const kind of target.kinds) expect(KINDS.map((k) => k.name), target.key).toContain(kind);
      for (const { line } of lineList(target.lines)) if ('figure' in line.words) expect(figures.has(line.words.figure), target.key).toBe(true);
    }
  });

  it('gives the scorecard its parts: the schema, the heads\' page and the dashboard read the same lines', () => {
    const t = totals();
    const card = Object.fromEntries(TARGET_LIST.map((target) => [target.key, scoresOf(target.lines, t, { visit: 7, problem: 3 })]));
    expect(Object.keys(scorecardSchema.shape)).toEqual(['minister', 'year', 'asOf', ...Object.keys(TARGETS), 'contactBranches', 'records', 'hiddenRecords']);
    expect(targetScoresSchema.parse(card)).toEqual(card);
    expect(PAGE_TARGETS.map((p) => p.key)).toEqual(Object.keys(TARGETS));
    expect(SCORE_LINES.map((l) => l.path)).toContain('visits.branchesVisited.village');
    expect(card.visits).toMatchObject({ count: 7, sessions: t.sessions, branchesVisited: t.branchesVisited });
    expect(card.problemsSolved).toMatchObject({ found: t.problems.open + t.problems.rectifying + t.problems.rectified, overdue: t.problems.overdue });
    expect(card.suggestions).toMatchObject({ pending: t.suggestions - t.suggestionsAnsweredOrResolved });
    // The dashboard's target lines are the targets it names, after coverage, each figure's value as the totals hold it.
    const lines = targetLines(t).slice(2);
    expect(lines.map((l) => l.name)).toEqual(['调研报告', '问题清单', '行家里手培养', '制度机制', '先进典型', '督查督导']);
    expect(lines[1].parts.map((p) => [p.label, p.value])).toEqual([['待整改', valueAt(t, ['problems', 'open'])], ['整改中', t.problems.rectifying], ['已整改', t.problems.rectified], ['已销号', t.problems.accepted], ['逾期', t.problems.overdue]]);
  });
});
