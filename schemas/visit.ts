import * as z from 'zod/mini';
import { branchSchema, intSchema, labelledEnum, pastDateSchema, slugIdSchema, textSchema, uuidSchema } from './common.ts';
import { defineForm, flagRepeats, queryFlagSchema, ruleIssue, SUBMITTED_ONLY } from './form.ts';

/** Kinds of organizational life a head may take part in (组织生活). */
export const SESSION_KINDS = {
  branch_members_meeting: '支部党员大会',
  branch_committee: '支部委员会',
  party_group: '党小组会',
  party_lecture: '党课',
  thematic_meeting: '专题组织生活会',
  branch_study: '支部学习',
  volunteer_service: '党员志愿服务',
  development_discussion: '理思路谋发展、解难题促脱贫',
  reception_day: '组织部长接待日',
  listening: '组织部长听心声',
  other: '其他',
} as const;

/** How a suggestion was collected (意见建议的收集方式). */
export const SUGGESTION_CHANNELS = {
  symposium: '座谈会',
  interview: '主动约谈',
  household_visit: '入户访谈',
  reception_day: '接待日',
  other: '其他',
} as const;

/** pending → answered on the spot (当场答复) or resolved later (已经解决). */
export const SUGGESTION_STATUSES = { pending: '待办理', answered: '当场答复', resolved: '已经解决' } as const;

export const sessionKindSchema = labelledEnum(SESSION_KINDS);
export const suggestionStatusSchema = labelledEnum(SUGGESTION_STATUSES);

export const suggestionSchema = z.strictObject({
  id: uuidSchema,
  text: textSchema(2000),
  channel: labelledEnum(SUGGESTION_CHANNELS),
  status: suggestionStatusSchema,
  response: z.optional(textSchema(2000)),
});

export type Suggestion = z.infer<typeof suggestionSchema>;

/** The fields a submitter fills; everything but `id` may later be corrected. */
const visitFields = {
  ministerId: slugIdSchema,
  date: pastDateSchema,
  branch: branchSchema,
  sessions: z.array(sessionKindSchema).check(z.maxLength(30)),
  symposiums: intSchema(0, 100),
  participants: intSchema(0, 10000),
  suggestions: z.array(suggestionSchema).check(z.maxLength(200)),
  notes: z.optional(textSchema(4000)),
};

type VisitFields = { sessions: unknown[]; symposiums: number; suggestions: { id: string }[] };

/** Rules across fields, applied to a new visit and to a corrected one alike. */
function checkVisitRules(visit: VisitFields, ctx: z.core.$RefinementCtx) {
  if (visit.sessions.length === 0 && visit.symposiums === 0) ruleIssue(ctx, ['sessions'], 'visit.noActivity');
  flagRepeats(ctx, 'suggestions', visit.suggestions, (s) => s.id, 'id.duplicate', ['id']);
}

export const visitForm = defineForm({
  kind: 'visit',
  path: 'visits',
  name: 'Visit',
  label: { zh: '走访记录', en: 'Visit' },
  fields: { ...visitFields, suggestions: z._default(visitFields.suggestions, []) },
  statuses: SUBMITTED_ONLY,
  ruleReads: ['sessions', 'symposiums', 'suggestions'],
  rules: (v, ctx) => checkVisitRules(v as unknown as VisitFields, ctx),
  filters: {
    /** Visits flagged as a second report of the same head, branch and day, not yet resolved by review. */
    suspectedDuplicates: queryFlagSchema,
  },
  recordFields: {
    /**
     * Set by the server when the same head already reported a visit to the same branch on the same
     * date under another id: this visit is accepted but counts only once staff approve it.
     */
    duplicateOf: z.optional(uuidSchema),
  },
  regionOf: (v): string => (v as { branch: { countyCode: string } }).branch.countyCode,
  dateOf: (v): string => (v as { date: string }).date,
});

export const visitInputSchema = visitForm.schemas.input;
export type VisitInput = z.output<typeof visitInputSchema>;

/** A correction: any subset of the submitter's fields; the merged visit is checked again as a whole. */
export const visitPatchSchema = visitForm.schemas.patch;
export type VisitPatch = z.infer<typeof visitPatchSchema>;

export const visitSchema = visitForm.schemas.record;
export type Visit = z.infer<typeof visitSchema>;


export const visitListQuerySchema = visitForm.schemas.listQuery;
export type VisitListQuery = z.infer<typeof visitListQuerySchema>;

export const suggestionPatchSchema = z
  .strictObject({ status: suggestionStatusSchema, response: z.optional(textSchema(2000)) })
  .register(z.globalRegistry, { id: 'SuggestionPatch' });

export type SuggestionPatch = z.infer<typeof suggestionPatchSchema>;

/** One entry of a record's append-only change trail (who, when, before/after). */
export const changeSchema = z
  .object({
    version: intSchema(),
    action: z.enum(['create', 'correct', 'withdraw', 'suggestion', 'replace', 'review', 'link']),
    requestId: z.string(),
    at: z.iso.datetime(),
    by: z.string(),
    before: z.nullable(z.record(z.string(), z.unknown())),
    after: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, { id: 'Change' });

export type Change = z.infer<typeof changeSchema>;
