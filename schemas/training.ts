import * as z from 'zod/mini';
import { branchSchema, intSchema, labelledEnum, pastDateSchema, slugIdSchema, textSchema } from './common.ts';
import { defineForm, ruleIssue, SUBMITTED_ONLY } from './form.ts';

/** 行家里手: branch leaders trained to run organizational life well. */

export const TRAINING_FORMATS = {
  lecture: '专题授课',
  demonstration: '现场示范',
  mentoring: '传帮带',
  observation: '观摩交流',
  other: '其他',
} as const;

export const trainingForm = defineForm({
  kind: 'training',
  path: 'trainings',
  name: 'Training',
  label: { zh: '行家里手培养', en: 'Training' },
  fields: {
    ministerId: slugIdSchema,
    date: pastDateSchema,
    branch: branchSchema,
    topic: textSchema(200),
    format: labelledEnum(TRAINING_FORMATS),
    /** People trained (人数). */
    trained: intSchema(1, 1000),
    /** Their names, when the branch wants them on record. */
    trainees: z.optional(z.array(textSchema(50)).check(z.maxLength(200))),
  },
  statuses: SUBMITTED_ONLY,
  ruleReads: ['trained', 'trainees'],
  rules: (t, ctx) => {
    const names = t.trainees as string[] | undefined;
    if (names && names.length > (t.trained as number)) ruleIssue(ctx, ['trainees'], 'training.tooManyNames');
  },
  regionOf: (t): string => (t as { branch: { countyCode: string } }).branch.countyCode,
  dateOf: (t): string => (t as { date: string }).date,
});

export type Training = z.infer<typeof trainingForm.schemas.record>;
