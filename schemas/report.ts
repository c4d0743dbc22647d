import * as z from 'zod/mini';
import { branchSchema, pastDateSchema, slugIdSchema, textSchema } from './common.ts';
import { defineForm, flagRepeats, SUBMITTED_ONLY } from './form.ts';

/** 调研报告: an in-depth case study of branches ("dissect the sparrow", 解剖麻雀). */

type Branch = { countyCode: string; name: string };

export const reportForm = defineForm({
  kind: 'report',
  path: 'reports',
  name: 'Report',
  label: { zh: '调研报告', en: 'Research report' },
  fields: {
    ministerId: slugIdSchema,
    /** Finished on. */
    date: pastDateSchema,
    title: textSchema(200),
    /** The branches studied; the first is the main one, where the report counts. */
    branches: z.array(branchSchema).check(z.minLength(1), z.maxLength(20)),
    /** 彩头 */
    highlights: textSchema(4000),
    /** 短腿 */
    weakSpots: textSchema(4000),
    /** 良方妙药 */
    remedies: textSchema(4000),
  },
  statuses: SUBMITTED_ONLY,
  ruleReads: ['branches'],
  rules: (r, ctx) => flagRepeats(ctx, 'branches', r.branches as Branch[], (b) => `${b.countyCode}#${b.name}`, 'branch.duplicate'),
  regionOf: (r): string => (r as { branches: Branch[] }).branches[0].countyCode,
  dateOf: (r): string => (r as { date: string }).date,
});

export type Report = z.infer<typeof reportForm.schemas.record>;
