import * as z from 'zod/mini';
import { countyCodeSchema, labelledEnum, pastDateSchema, slugIdSchema, textSchema } from './common.ts';
import { defineForm } from './form.ts';

/** 先进典型: an exemplary branch or Party member, nominated and then approved or not. */

export const NOMINEE_TYPES = { branch: '先进党组织', member: '优秀党员' } as const;

export const MODEL_STATUSES = { nominated: '已推荐', approved: '已选树', rejected: '未通过' } as const;

export const modelForm = defineForm({
  kind: 'model',
  path: 'models',
  name: 'Model',
  label: { zh: '先进典型', en: 'Typical model' },
  fields: {
    ministerId: slugIdSchema,
    nominee: z.strictObject({
      type: labelledEnum(NOMINEE_TYPES),
      /** The branch's name, or the member's. */
      name: textSchema(100),
      /** For a member: the branch they belong to. */
      branchName: z.optional(textSchema(100)),
      countyCode: countyCodeSchema,
    }),
    /** Nominated on. */
    date: pastDateSchema,
    reason: textSchema(2000),
  },
  statuses: {
    labels: MODEL_STATUSES,
    initial: ['nominated'],
    moves: { nominated: ['approved', 'rejected'], approved: [], rejected: [] },
  },
  regionOf: (m): string => (m as { nominee: { countyCode: string } }).nominee.countyCode,
  dateOf: (m): string => (m as { date: string }).date,
});

export type Model = z.infer<typeof modelForm.schemas.record>;
