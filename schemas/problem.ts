import * as z from 'zod/mini';
import { branchSchema, labelledEnum, pastDateSchema, queryDateSchema, slugIdSchema, textSchema, uuidSchema } from './common.ts';
import { defineForm, queryFlagSchema, ruleIssue } from './form.ts';
import type { RuleKey } from './messages.ts';

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

type ProblemShape = {
  foundBy: { source: keyof typeof PROBLEM_SOURCES; id?: string; findingId?: string };
  foundOn: string;
  deadline: string;
  evidence?: string;
  rectifiedOn?: string;
  status: string;
};

/** A deadline may lie ahead, but not absurdly far: three years covers any rectification plan. */
const latestDeadline = () => `${Number(new Date().toISOString().slice(0, 4)) + 3}-12-31`;

function checkProblemRules(raw: Record<string, unknown>, ctx: z.core.$RefinementCtx) {
  const p = raw as unknown as ProblemShape;
  const issue = (path: (string | number)[], key: RuleKey) => ruleIssue(ctx, path, key);
  if (p.foundBy.source === 'other') {
    if (p.foundBy.id !== undefined) issue(['foundBy', 'id'], 'reference.notAllowed');
  } else if (p.foundBy.id === undefined) {
    issue(['foundBy', 'id'], 'reference.required');
  }
  if (p.foundBy.source === 'inspection' && p.foundBy.findingId === undefined) issue(['foundBy', 'findingId'], 'reference.required');
  if (p.foundBy.source !== 'inspection' && p.foundBy.findingId !== undefined) issue(['foundBy', 'findingId'], 'reference.notAllowed');
  if (p.deadline < p.foundOn) issue(['deadline'], 'date.beforeStart');
  if (p.status === 'rectified') {
    if (p.evidence === undefined) issue(['evidence'], 'problem.evidenceRequired');
    if (p.rectifiedOn === undefined) issue(['rectifiedOn'], 'problem.rectifiedOnRequired');
  } else if (p.rectifiedOn !== undefined) {
    issue(['rectifiedOn'], 'problem.notRectified');
  }
  if (p.rectifiedOn !== undefined && p.rectifiedOn < p.foundOn) issue(['rectifiedOn'], 'date.beforeStart');
}

export const problemForm = defineForm({
  kind: 'problem',
  path: 'problems',
  name: 'Problem',
  label: { zh: '问题清单', en: 'Problem' },
  fields: {
    /** The head who follows the problem up (and whose target 解决问题 it counts for). */
    ministerId: slugIdSchema,
    branch: branchSchema,
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
    responsible: z.strictObject({ unit: textSchema(100), person: z.optional(textSchema(50)) }),
    /** 整改时限 */
    deadline: queryDateSchema.check(z.refine((d) => d <= latestDeadline(), { params: { key: 'date.tooLate' } })),
    /** 整改情况: what was done, required once rectified. */
    evidence: z.optional(textSchema(4000)),
    rectifiedOn: z.optional(pastDateSchema),
  },
  immutable: ['foundBy'],
  statuses: {
    labels: PROBLEM_STATUSES,
    initial: ['open', 'rectifying', 'rectified'],
    moves: { open: ['rectifying', 'rectified'], rectifying: ['rectified'], rectified: [] },
  },
  ruleReads: ['foundBy', 'foundOn', 'deadline', 'evidence', 'rectifiedOn', 'status'],
  rules: checkProblemRules,
  filters: {
    category: z.optional(labelledEnum(PROBLEM_CATEGORIES)),
    /** Past its deadline (Beijing time) and not rectified. */
    overdue: queryFlagSchema,
  },
  recordFields: {
    /** Computed when read: past the deadline and neither rectified nor withdrawn. */
    overdue: z.boolean(),
  },
  regionOf: (p): string => (p as { branch: { countyCode: string } }).branch.countyCode,
  dateOf: (p): string => (p as { foundOn: string }).foundOn,
});

export type Problem = z.infer<typeof problemForm.schemas.record>;
