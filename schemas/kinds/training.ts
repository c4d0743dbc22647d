import * as z from 'zod/mini';
import { branchInputSchema, branchSchema, intSchema, labelledEnum, nameTextSchema, pastDateSchema, slugIdSchema, textSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { defineForm, ruleIssue, SUBMITTED_ONLY } from '../form.ts';
import { defineKind, titleOf } from '../kind.ts';

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
  fields: () => ({
    ministerId: slugIdSchema,
    date: pastDateSchema,
    branch: branchInputSchema,
    topic: textSchema(200),
    format: labelledEnum(TRAINING_FORMATS),
    /** People trained (人数). */
    trained: intSchema(1, 1000),
    /** Their names, when the branch wants them on record. */
    trainees: z.optional(z.array(nameTextSchema(50)).check(z.maxLength(200))),
    attachments: attachmentsField,
  }),
  statuses: SUBMITTED_ONLY,
  storedFields: () => ({ branch: branchSchema }),
  ruleReads: ['trained', 'trainees'],
  rules: (t, ctx) => {
    if (t.trainees && t.trainees.length > t.trained) ruleIssue(ctx, ['trainees'], 'training.tooManyNames');
  },
});

export type Training = z.output<typeof trainingForm.schemas.stored>;

export const trainingKind = defineKind(trainingForm, {
  branchFields: ['branch'],
  regionOf: (t) => t.branch.countyCode,
  dateOf: (t) => t.date,
  count: (t) => ({ sums: { trainings: 1, peopleTrained: t.trained } }),
  presentation: {
    title: (t) => titleOf(t.topic, t.branch?.name, t.date),
    columns: [
      { key: 'date', label: '培训日期', value: (t) => t.date },
      { key: 'branch', label: '培训的党组织', value: (t) => t.branch.name },
      { key: 'topic', label: '培训主题', value: (t) => t.topic },
      { key: 'format', label: '培训方式', value: (t) => TRAINING_FORMATS[t.format] },
      { key: 'trained', label: '培训人数', value: (t) => t.trained },
    ],
    labels: {
      date: { label: '培训日期' },
      branch: { label: '培训的党组织' },
      topic: { label: '培训主题' },
      format: { label: '培训方式' },
      trained: { label: '培训人数' },
      trainees: { label: '培训人员名单', hint: '每行一个姓名，可不填' },
    },
  },
});
