import * as z from 'zod/mini';
import { countyCodeSchema, labelledEnum, nameTextSchema, pastDateSchema, slugIdSchema, textSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { defineForm } from '../form.ts';
import { defineKind, titleOf } from '../kind.ts';

/** 先进典型: an exemplary branch or Party member, nominated and then approved or not. */

export const NOMINEE_TYPES = { branch: '先进党组织', member: '优秀党员' } as const;

export const MODEL_STATUSES = { nominated: '已推荐', approved: '已选树', rejected: '未选树' } as const;

export const modelForm = defineForm({
  kind: 'model',
  path: 'models',
  name: 'Model',
  label: { zh: '先进典型', en: 'Typical model' },
  fields: () => ({
    ministerId: slugIdSchema,
    nominee: z.strictObject({
      type: labelledEnum(NOMINEE_TYPES),
      /** The branch's name, or the member's. */
      name: nameTextSchema(100),
      /** For a member: the branch they belong to. */
      branchName: z.optional(nameTextSchema(100)),
      countyCode: countyCodeSchema,
    }),
    /** Nominated on. */
    date: pastDateSchema,
    reason: textSchema(2000),
    attachments: attachmentsField,
  }),
  statuses: {
    labels: MODEL_STATUSES,
    initial: ['nominated'],
    moves: { nominated: ['approved', 'rejected'], approved: [], rejected: [] },
    // Selecting (选树) a nominee or not is the organization department's call, never the nominator's.
    decisions: ['approved', 'rejected'],
  },
  // 选树 is of this nominee: naming another (or changing who they are) asks for the decision again.
  decidedOn: ['nominee'],
});

export type Model = z.output<typeof modelForm.schemas.stored>;

export const modelKind = defineKind(modelForm, {
  regionOf: (m) => m.nominee.countyCode,
  dateOf: (m) => m.date,
  /** A model not approved (status `rejected`) counts in neither. */
  count: (m) => (m.status === 'nominated' ? { sums: { modelsNominated: 1 } } : m.status === 'approved' ? { sums: { modelsApproved: 1 } } : undefined),
  presentation: {
    title: (m) => titleOf(m.nominee?.name, m.date),
    columns: [
      { key: 'date', label: '推荐日期', value: (m) => m.date },
      { key: 'nominee', label: '推荐对象', value: (m) => m.nominee.name },
      { key: 'type', label: '类别', value: (m) => NOMINEE_TYPES[m.nominee.type] },
    ],
    labels: {
      nominee: { label: '推荐对象' },
      'nominee.type': { label: '类别' },
      'nominee.name': { label: '名称或姓名' },
      'nominee.branchName': { label: '所在党组织', hint: '推荐优秀党员时填写' },
      'nominee.countyCode': { label: '所在县（市、区）' },
      date: { label: '推荐日期' },
      reason: { label: '推荐理由' },
      status: { label: '选树结果' },
    },
  },
});
