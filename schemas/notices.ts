import * as z from 'zod/mini';
import { intSchema, listQueryBase, regionCodeSchema } from './common.ts';

/**
 * Notices (消息): what the system tells a head or a region's staff. The rules below, in the
 * contract's words; each notice names the rule that made it.
 */
export const NOTICE_RULES = {
  'record.returned': '记录被退回',
  'record.flagged': '记录被标记有问题',
  'record.suspected_duplicate': '疑似重复',
  'record.duplicate_confirmed': '确认为重复',
  'problem.due_soon': '问题 10 日内到期',
  'problem.overdue': '问题逾期',
  'problem.escalated': '问题逾期催办',
  'suggestion.waiting': '意见建议待答复',
  'review.waiting': '记录待审核',
  'visit.none_this_month': '本月尚无走访',
  'contact.unvisited': '联系点本年未走访',
  'month.submitted': '月度已报送',
  'month.returned': '月度被退回',
  'month.approved': '月度已审核',
  'month.reopened': '月度重新打开',
  'problem.acceptance_waiting': '整改待验收',
  'problem.acceptance_returned': '验收退回',
} as const;
export type NoticeRule = keyof typeof NOTICE_RULES;
const ruleNames = Object.keys(NOTICE_RULES) as [NoticeRule, ...NoticeRule[]];
export const noticeRuleSchema = z.enum(ruleNames);

/**
 * The time-based rules (run daily), with their default thresholds in days: `days` says when the
 * notice goes to its first addressees; `widerDays`, for the two rules that widen, when it also goes
 * wider (a problem red for 30 days: the province; a suggestion pending 30 days: the head's region).
 */
export const TIMED_RULE_DEFAULTS = {
  'problem.due_soon': { days: 10, enabled: true },
  'problem.overdue': { enabled: true },
  'problem.escalated': { days: 7, widerDays: 30, enabled: true },
  'suggestion.waiting': { days: 15, widerDays: 30, enabled: true },
  'review.waiting': { days: 3, enabled: true },
  /** Days of the month: a head without a visit this month by the 20th. */
  'visit.none_this_month': { days: 20, enabled: true },
  'contact.unvisited': { enabled: true },
} as const satisfies Partial<Record<NoticeRule, { days?: number; widerDays?: number; enabled: boolean }>>;
export type TimedRule = keyof typeof TIMED_RULE_DEFAULTS;
const timedRuleNames = Object.keys(TIMED_RULE_DEFAULTS) as [TimedRule, ...TimedRule[]];

const daysSchema = intSchema(0, 366);

/** One time-based rule as admins set it (`GET`/`PUT /notice-rules`). */
export const noticeRuleSettingSchema = z.strictObject({
  rule: z.enum(timedRuleNames),
  days: z.optional(daysSchema),
  widerDays: z.optional(daysSchema),
  enabled: z.boolean(),
});
export type NoticeRuleSetting = z.output<typeof noticeRuleSettingSchema>;

export const noticeRulesSchema = z
  .strictObject({ rules: z.array(noticeRuleSettingSchema).check(z.maxLength(timedRuleNames.length)) })
  .register(z.globalRegistry, { id: 'NoticeRules' });
export type NoticeRules = z.output<typeof noticeRulesSchema>;

/** What a notice is about: a record (it opens), or a view of the pages (a ledger, the review queue) of a region and month. */
export const noticeSubjectSchema = z.union([
  z.strictObject({ kind: z.string(), id: z.string() }),
  z.strictObject({ view: z.string(), region: z.optional(regionCodeSchema), month: z.optional(z.string()) }),
]);
export type NoticeSubject = z.output<typeof noticeSubjectSchema>;

export const noticeSchema = z
  .object({
    id: z.string(),
    rule: noticeRuleSchema,
    title: z.string(),
    body: z.string(),
    subject: noticeSubjectSchema,
    createdAt: z.iso.datetime(),
    /** When the caller read it; null while unread (reading is per person). */
    readAt: z.nullable(z.iso.datetime()),
  })
  .register(z.globalRegistry, { id: 'Notice' });
export type Notice = z.output<typeof noticeSchema>;

export const noticeListQuerySchema = z.strictObject({
  unread: z.optional(z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'))),
  ...listQueryBase,
});

export const unreadCountSchema = z.object({ count: intSchema(0) });

/** Notice ids as the API hands them out (22 base64url characters, see functions/domain/notices.ts). */
export const noticeIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));

export const markReadSchema = z.strictObject({ ids: z.optional(z.array(noticeIdSchema).check(z.minLength(1), z.maxLength(100))) });
