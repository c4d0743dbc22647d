import * as z from 'zod/mini';
import { branchIdentity, branchInputSchema, branchSchema, pastDateSchema, slugIdSchema, textSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { defineForm, flagRepeats, SUBMITTED_ONLY } from '../form.ts';
import { defineKind, titleOf } from '../kind.ts';

/** 调研报告: an in-depth case study of branches ("dissect the sparrow", 解剖麻雀). */

export const reportForm = defineForm({
  kind: 'report',
  path: 'reports',
  name: 'Report',
  label: { zh: '调研报告', en: 'Research report' },
  fields: () => ({
    ministerId: slugIdSchema,
    /** Finished on. */
    date: pastDateSchema,
    title: textSchema(200),
    /** The branches studied; the first is the main one, where the report counts. */
    branches: z.array(branchInputSchema).check(z.minLength(1), z.maxLength(20)),
    /** 彩头 */
    highlights: textSchema(4000),
    /** 短腿 */
    weakSpots: textSchema(4000),
    /** 良方妙药 */
    remedies: textSchema(4000),
    attachments: attachmentsField,
  }),
  statuses: SUBMITTED_ONLY,
  storedFields: () => ({ branches: z.array(branchSchema).check(z.minLength(1), z.maxLength(20)) }),
  ruleReads: ['branches'],
  // Checked on the submission (a branch may be `{ id }` only) and on the stored record alike: one identity each.
  rules: (r, ctx) => flagRepeats(ctx, 'branches', r.branches, (b) => branchIdentity(b), 'branch.duplicate'),
});

export type Report = z.output<typeof reportForm.schemas.stored>;

export const reportKind = defineKind(reportForm, {
  branchFields: ['branches'],
  regionOf: (r) => r.branches[0].countyCode,
  dateOf: (r) => r.date,
  count: () => ({ sums: { reports: 1 } }),
  presentation: {
    title: (r) => titleOf(r.title, r.date),
    columns: [
      { key: 'date', label: '完成日期', value: (r) => r.date },
      { key: 'title', label: '报告标题', value: (r) => r.title },
      { key: 'branches', label: '调研的党组织', value: (r) => r.branches.map((b) => b.name).join('、') },
    ],
    labels: {
      date: { label: '完成日期' },
      title: { label: '报告标题' },
      branches: { label: '调研的党组织', hint: '第一个为主要调研对象' },
      'branches.countyCode': { label: '所在县（市、区）' },
      'branches.type': { label: '类型' },
      'branches.name': { label: '党组织名称' },
      highlights: { label: '彩头', hint: '好的做法和亮点' },
      weakSpots: { label: '短腿', hint: '短板和不足' },
      remedies: { label: '良方妙药', hint: '对策建议' },
    },
  },
});
