import * as z from 'zod/mini';
import { branchInputSchema, branchSchema, labelledEnum, nameTextSchema, pastDateSchema, queryDateSchema, ruleOnSound, slugIdSchema, textSchema, uuidSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { fieldRule } from '../errors.ts';
import { defineForm, queryFlagSchema, ruleIssue } from '../form.ts';
import { type Condition, defineKind, type Intent, type PlanContext, titleOf } from '../kind.ts';
import { addDays, beijingDate } from '../time.ts';
import { DEADLINE_LIGHTS, DUE_SOON_DAYS } from '../deadlines.ts';
import { type Inspection, inspectionKind, linkProblem } from './inspection.ts';
import { PROBLEM } from './names.ts';
import { visitKind } from './visit.ts';

/** 问题清单: a problem found at a branch, followed until it is rectified (督导整改落实). */

export const PROBLEM_CATEGORIES = {
  organizational_life: '组织生活不规范',
  team_building: '班子队伍建设',
  member_management: '党员教育管理',
  work_style: '作风建设',
  development: '发展致富',
  livelihood: '民生服务',
  other: '其他',
} as const;

/** Where the problem came to light. */
export const PROBLEM_SOURCES = { visit: '走访', inspection: '督查督导', other: '其他' } as const;

export const PROBLEM_STATUSES = { open: '待整改', rectifying: '整改中', rectified: '已整改' } as const;

/** A deadline may lie ahead, but not absurdly far: three years (Beijing time) covers any rectification plan. */
const latestDeadline = () => `${Number(beijingDate().slice(0, 4)) + 3}-12-31`;

export const problemForm = defineForm({
  kind: PROBLEM,
  path: 'problems',
  name: 'Problem',
  label: { zh: '问题清单', en: 'Problem' },
  fields: () => ({
    /** The head who follows the problem up (and whose target 解决问题 it counts for). */
    ministerId: slugIdSchema,
    branch: branchInputSchema,
    description: textSchema(2000),
    category: labelledEnum(PROBLEM_CATEGORIES),
    foundBy: z.strictObject({
      source: labelledEnum(PROBLEM_SOURCES),
      /** The visit or inspection it was found in. */
      id: z.optional(uuidSchema),
      /** For an inspection: which of its findings opened this problem. */
      findingId: z.optional(uuidSchema),
    }),
    foundOn: pastDateSchema,
    responsible: z.strictObject({ unit: nameTextSchema(100), person: z.optional(nameTextSchema(50)) }),
    /** 整改时限 */
    deadline: queryDateSchema.check(z.refine((d) => d <= latestDeadline(), ruleOnSound('date.tooLate'))),
    /** 整改情况: what was done, required once rectified. */
    evidence: z.optional(textSchema(4000)),
    rectifiedOn: z.optional(pastDateSchema),
    attachments: attachmentsField,
  }),
  immutable: ['foundBy'],
  storedFields: () => ({ branch: branchSchema }),
  statuses: {
    labels: PROBLEM_STATUSES,
    initial: ['open', 'rectifying', 'rectified'],
    moves: { open: ['rectifying', 'rectified'], rectifying: ['rectified'], rectified: [] },
  },
  ruleReads: ['foundBy', 'foundOn', 'deadline', 'evidence', 'rectifiedOn', 'status'],
  rules: (p, ctx) => {
    if (p.foundBy.source === 'other') {
      if (p.foundBy.id !== undefined) ruleIssue(ctx, ['foundBy', 'id'], 'reference.notAllowed');
    } else if (p.foundBy.id === undefined) {
      ruleIssue(ctx, ['foundBy', 'id'], 'reference.required');
    }
    if (p.foundBy.source === 'inspection' && p.foundBy.findingId === undefined) ruleIssue(ctx, ['foundBy', 'findingId'], 'reference.findingRequired');
    if (p.foundBy.source !== 'inspection' && p.foundBy.findingId !== undefined) ruleIssue(ctx, ['foundBy', 'findingId'], 'reference.notAllowed');
    if (p.deadline < p.foundOn) ruleIssue(ctx, ['deadline'], 'problem.deadlineBeforeFound');
    if (p.status === 'rectified') {
      if (p.evidence === undefined) ruleIssue(ctx, ['evidence'], 'problem.evidenceRequired');
      if (p.rectifiedOn === undefined) ruleIssue(ctx, ['rectifiedOn'], 'problem.rectifiedOnRequired');
    } else if (p.rectifiedOn !== undefined) {
      ruleIssue(ctx, ['rectifiedOn'], 'problem.notRectified');
    }
    if (p.rectifiedOn !== undefined && p.rectifiedOn < p.foundOn) ruleIssue(ctx, ['rectifiedOn'], 'problem.rectifiedBeforeFound');
  },
  filters: () => ({
    category: z.optional(labelledEnum(PROBLEM_CATEGORIES)),
    /** Past its deadline (Beijing time) and not rectified. */
    overdue: queryFlagSchema,
    /** Not rectified (待整改 or 整改中): the ledger's open problems. */
    open: queryFlagSchema,
    /** The ledger's light: not rectified, by where its deadline stands (红灯 逾期 · 黄灯 10 日内到期 · 绿灯 10 日以上), or 灰 已整改. */
    light: z.optional(labelledEnum({ ...DEADLINE_LIGHTS, grey: '灰 已整改' })),
  }),
  computedFields: () => ({
    /** Computed when read: past the deadline and neither rectified nor withdrawn. */
    overdue: z.boolean(),
  }),
});

export type Problem = z.output<typeof problemForm.schemas.stored>;

/** Past its deadline (the deadline day itself is in time) and still open or being rectified. */
const isOverdue = (p: Pick<Problem, 'status' | 'deadline'>, today: string) => p.deadline < today && (p.status === 'open' || p.status === 'rectifying');

/**
 * A problem opened from a visit names it; one opened from an inspection's finding is linked both
 * ways (either must be a record the writer may see: `read` answers nothing for any other): the problem names the finding (`foundBy`), and the finding lists the problem (`problemIds`),
 * written as the inspection's next version in the problem's own transaction. `foundBy` never
 * changes, so this happens once, when the problem is reported.
 */
async function foundByIntents(problem: Problem, { previous, read }: PlanContext<Problem>): Promise<Intent[]> {
  const { source, id, findingId } = problem.foundBy;
  if (previous || source === 'other' || !id) return [];
  if (source === 'visit') {
    // Read as the writer may see it (one they may not see reads the same as one never stored), and still there when written.
    const visit = await read(visitKind, id);
    if (!visit || visit.status === 'withdrawn') throw fieldRule('foundBy.id', 'reference.unknown');
    return [{ type: 'exists', target: { kind: visitKind, id }, onMissing: () => fieldRule('foundBy.id', 'reference.unknown') }];
  }
  const inspection: Inspection | undefined = await read(inspectionKind, id);
  if (!inspection || inspection.status === 'withdrawn') throw fieldRule('foundBy.id', 'reference.unknown');
  const linked = linkProblem(inspection, findingId, problem.id);
  return linked === inspection ? [] : [{ type: 'revise', kind: inspectionKind, before: inspection, after: linked, action: 'link' }];
}

export const problemKind = defineKind(problemForm, {
  branchFields: ['branch'],
  regionOf: (p) => p.branch.countyCode,
  dateOf: (p) => p.foundOn,
  // Rectification (整改) goes on after the month the problem was found in is reported: its status, its
  // evidence text and the day it was done are reported in the month they change, not locked with it.
  progress: ['status', 'evidence', 'rectifiedOn'],

  plan: async (next, context) => ({ record: next, intents: await foundByIntents(next, context) }),

  filters(query, today) {
    const filters: Condition[] = [];
    if (typeof query.category === 'string') filters.push({ field: 'category', eq: query.category });
    if (query.overdue !== undefined) {
      const overdue: Condition = { all: [{ field: 'deadline', lt: today }, { field: 'status', in: ['open', 'rectifying'] }] };
      filters.push(query.overdue ? overdue : { not: overdue });
    }
    const open: Condition = { field: 'status', in: ['open', 'rectifying'] };
    if (query.open !== undefined) filters.push(query.open ? open : { not: open });
    if (query.light !== undefined) {
      // The deadline day itself is in time; due soon ends DUE_SOON_DAYS later (schemas/deadlines.ts).
      const soonEnds = addDays(today, DUE_SOON_DAYS + 1);
      const stands: Record<string, Condition> = {
        red: { field: 'deadline', lt: today },
        yellow: { all: [{ not: { field: 'deadline', lt: today } }, { field: 'deadline', lt: soonEnds }] },
        green: { not: { field: 'deadline', lt: soonEnds } },
      };
      filters.push(query.light === 'grey' ? { field: 'status', eq: 'rectified' } : { all: [open, stands[String(query.light)]] });
    }
    return filters;
  },

  present: (p, today) => ({ ...p, overdue: isOverdue(p, today) }),

  /** By status; a problem not yet rectified also keeps its deadline, to count it overdue once past. */
  count: (p) => ({
    sums: { [p.status === 'rectified' ? 'problemsRectified' : p.status === 'rectifying' ? 'problemsRectifying' : 'problemsOpen']: 1 },
    ...(p.status !== 'rectified' ? { openDeadline: p.deadline } : {}),
  }),

  presentation: {
    title: (p) => titleOf(p.branch?.name, p.description?.slice(0, 20), p.foundOn),
    columns: [
      { key: 'foundOn', label: '发现日期', value: (p) => p.foundOn },
      { key: 'branch', label: '问题所在党组织', value: (p) => p.branch.name },
      { key: 'description', label: '问题描述', value: (p) => p.description },
      { key: 'category', label: '问题类别', value: (p) => PROBLEM_CATEGORIES[p.category] },
      { key: 'deadline', label: '整改时限', value: (p) => p.deadline },
      { key: 'responsible', label: '责任单位', value: (p) => p.responsible.unit },
    ],
    labels: {
      branch: { label: '问题所在党组织' },
      description: { label: '问题描述' },
      category: { label: '问题类别' },
      foundBy: { label: '问题来源' },
      'foundBy.source': { label: '发现途径' },
      'foundBy.id': { label: '来源记录', hint: '发现问题的那次走访或督查督导' },
      'foundBy.findingId': { label: '督查发现的问题', hint: '该次督查督导发现的哪一条问题' },
      foundOn: { label: '发现日期' },
      responsible: { label: '整改责任' },
      'responsible.unit': { label: '责任单位' },
      'responsible.person': { label: '责任人' },
      deadline: { label: '整改时限' },
      evidence: { label: '整改情况', hint: '整改完成时必填' },
      rectifiedOn: { label: '完成日期', hint: '整改完成时必填' },
      status: { label: '整改状态' },
      overdue: { label: '逾期' },
    },
  },
});
