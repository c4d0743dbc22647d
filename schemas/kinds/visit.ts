import * as z from 'zod/mini';
import { branchIdentity, branchInputSchema, branchSchema, intSchema, labelledEnum, pastDateSchema, slugIdSchema, textSchema, uuidSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { defineForm, flagRepeats, mayMove, queryFlagSchema, reviewStateOf, ruleIssue, type StatusMachine, SUBMITTED_ONLY } from '../form.ts';
import { FIGURES, headerOf } from '../figures.ts';
import { defineKind, type HeldKey, type Intent, titleOf } from '../kind.ts';
import { once } from '../once.ts';
import { VISIT } from './names.ts';

/** 走访记录: one head's visit to one branch on one day, with the organizational life and suggestions of it. */

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

type SuggestionStatus = 'pending' | 'answered' | 'resolved';

/** pending → answered on the spot (当场答复) or resolved later (已解决); answered → resolved. */
export const SUGGESTION: StatusMachine<SuggestionStatus> = {
  labels: { pending: '待答复', answered: '当场答复', resolved: '已解决' },
  initial: ['pending', 'answered', 'resolved'],
  moves: { pending: ['answered', 'resolved'], answered: ['resolved'], resolved: [] },
};

// Built with the visit's fields, on first use (form.ts): a records function serves every kind.
export const suggestionStatusSchema = once(() => labelledEnum(SUGGESTION.labels));

/** A suggestion as a visit holds it. */
export const suggestionSchema = once(() => z.strictObject({
  id: uuidSchema,
  text: textSchema(2000),
  channel: labelledEnum(SUGGESTION_CHANNELS),
  status: suggestionStatusSchema(),
  response: z.optional(textSchema(2000)),
}));

export type Suggestion = z.infer<ReturnType<typeof suggestionSchema>>;

export const visitForm = defineForm({
  kind: VISIT,
  path: 'visits',
  name: 'Visit',
  label: { zh: '走访记录', en: 'Visit' },
  fields: () => ({
    ministerId: slugIdSchema,
    date: pastDateSchema,
    branch: branchInputSchema,
    sessions: z.array(labelledEnum(SESSION_KINDS)).check(z.maxLength(30)),
    symposiums: intSchema(0, 100),
    participants: intSchema(0, 10000),
    suggestions: z._default(z.array(suggestionSchema()).check(z.maxLength(200)), []),
    notes: z.optional(textSchema(4000)),
    attachments: attachmentsField,
  }),
  statuses: SUBMITTED_ONLY,
  ruleReads: ['sessions', 'symposiums', 'suggestions'],
  rules: (visit, ctx) => {
    if (visit.sessions.length === 0 && visit.symposiums === 0) ruleIssue(ctx, ['sessions'], 'visit.noActivity');
    flagRepeats(ctx, 'suggestions', visit.suggestions, (s) => s.id, 'id.duplicate', ['id']);
  },
  filters: () => ({
    /** Visits flagged as a second report of the same head, branch and day, not yet resolved by review. */
    suspectedDuplicates: queryFlagSchema,
  }),
  storedFields: () => ({ branch: branchSchema }),
  recordFields: () => ({
    /**
     * Set by the server when the same head already reported a visit to the same branch on the same
     * date under another id: this visit is accepted but counts only once staff approve it.
     */
    duplicateOf: z.optional(uuidSchema),
  }),
});

export type VisitInput = z.output<typeof visitForm.schemas.input>;
export type Visit = z.output<typeof visitForm.schemas.stored>;

/** Head, day and branch (county and name as compared): what makes two visits the same visit. */
const slotOf = (visit: Visit): HeldKey => ({ space: 'visit-slot', ministerId: visit.ministerId, date: visit.date, branch: branchIdentity(visit.branch) });
const sameKey = (a: HeldKey, b: HeldKey | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** A suggestion id belongs to one visit for good: naming one another visit holds is a conflict, at its path. */
const suggestionIdTaken = (path: string) =>
  new ConflictError({ zh: '意见建议的编号已被其他走访记录使用', en: 'A suggestion id is already used by another visit' }, [
    { path, issue: { code: 'custom', params: { key: 'id.duplicate' } } },
  ]);

/** A suggestion of a visit moved on (pending → answered / resolved); the earlier response stays unless a new one is given. */
export function moveSuggestion(visit: Visit, suggestionId: string, patch: { status: SuggestionStatus; response?: string }): Visit {
  const suggestion = visit.suggestions.find((s) => s.id === suggestionId);
  if (!suggestion) throw new NotFoundError();
  if (!mayMove(SUGGESTION, suggestion.status, patch.status)) {
    throw new ConflictError({
      zh: `意见建议不能从“${SUGGESTION.labels[suggestion.status]}”改为“${SUGGESTION.labels[patch.status]}”`,
      en: `A suggestion cannot move from ${suggestion.status} to ${patch.status}`,
    });
  }
  return {
    ...visit,
    suggestions: visit.suggestions.map((s) => (s.id === suggestionId ? { ...s, status: patch.status, ...(patch.response ? { response: patch.response } : {}) } : s)),
  };
}

export const visitKind = defineKind(visitForm, {
  branchFields: ['branch'],
  regionOf: (visit) => visit.branch.countyCode,
  dateOf: (visit) => visit.date,
  // A suggestion's answer (答复, 办结) comes after the visit's month is reported, and is reported when given.
  progress: ['suggestions.*.status', 'suggestions.*.response'],

  /**
   * - The slot (head, branch, day): new or moved to another branch or day, take it if free, else
   *   flag `duplicateOf` its holder; withdrawn or moved away, give up a slot it holds.
   * - A pointer per new suggestion id, so `PATCH /suggestions/{id}` finds its visit.
   */
  async plan(next, { previous, holderOf }) {
    const intents: Intent[] = [];
    const oldSlot = previous && slotOf(previous);
    const newSlot = next.status === 'withdrawn' ? undefined : slotOf(next);
    if (oldSlot && !sameKey(oldSlot, newSlot) && (await holderOf(oldSlot)) === next.id) intents.push({ type: 'release', key: oldSlot, holder: next.id });
    let record = next;
    if (newSlot) {
      const holder = await holderOf(newSlot);
      if (holder && holder !== next.id) {
        record = { ...next, duplicateOf: holder };
      } else {
        const { duplicateOf: _, ...unflagged } = next;
        record = unflagged;
        // Taken meanwhile by another visit: plan again, and this one is the duplicate.
        if (holder !== next.id) intents.push({ type: 'hold', key: newSlot, holder: next.id, onTaken: () => 'retry' });
      }
    }
    const known = new Set(previous?.suggestions.map((s) => s.id));
    record.suggestions.forEach((s, i) => {
      if (known.has(s.id)) return;
      // A pointer without its visit is harmless (every use checks the visit holds the suggestion).
      intents.push({ type: 'hold', key: { space: 'suggestion', id: s.id }, holder: record.id, alone: true, onTaken: () => suggestionIdTaken(`suggestions[${i}].id`) });
    });
    return { record, intents };
  },

  filters(query) {
    if (query.suspectedDuplicates === undefined) return [];
    const suspected = { all: [{ exists: 'duplicateOf' }, { not: { field: 'review.state', in: ['approved', 'rejected'] } }] } as const;
    return [query.suspectedDuplicates ? suspected : { not: suspected }];
  },

  /** A suspected duplicate (same head, branch and day as another visit) counts once staff approve it as distinct. */
  count(visit) {
    if (visit.duplicateOf !== undefined && reviewStateOf(visit) !== 'approved') return undefined;
    const pending = visit.suggestions.filter((s) => s.status === 'pending').length;
    return {
      sums: {
        sessions: visit.sessions.length,
        symposiums: visit.symposiums,
        participants: visit.participants,
        suggestions: visit.suggestions.length,
        suggestionsAnsweredOrResolved: visit.suggestions.length - pending,
      },
      visit: { ministerId: visit.ministerId, date: visit.date, branch: visit.branch },
      waiting: { since: visit.date, count: pending },
    };
  },

  presentation: {
    title: (visit) => titleOf(visit.branch?.name, visit.date),
    columns: [
      { key: 'date', label: '走访日期', value: (v) => v.date },
      { key: 'branch', label: '走访的党组织', value: (v) => v.branch.name },
      { key: 'sessions', label: headerOf(FIGURES.sessions), value: (v) => v.sessions.length },
      { key: 'symposiums', label: headerOf(FIGURES.symposiums), value: (v) => v.symposiums },
      { key: 'participants', label: headerOf(FIGURES.participants), value: (v) => v.participants },
      { key: 'suggestions', label: headerOf(FIGURES.suggestions), value: (v) => v.suggestions.length },
    ],
    labels: {
      date: { label: '走访日期' },
      branch: { label: '走访的党组织' },
      sessions: { label: '参加的组织生活', hint: '至少选一项，或填写座谈会场次' },
      symposiums: { label: headerOf(FIGURES.symposiums), initial: 0 },
      participants: { label: headerOf(FIGURES.participants) },
      suggestions: { label: '收集的意见建议' },
      'suggestions.text': { label: '意见建议内容' },
      'suggestions.channel': { label: '收集方式' },
      'suggestions.status': { label: '办理情况' },
      'suggestions.response': { label: '答复或解决情况' },
      notes: { label: '备注' },
      duplicateOf: { label: '疑似重复于' },
    },
  },
});
