import * as z from 'zod/mini';
import { labelledEnum, pastDateSchema, regionCodeSchema, slugIdSchema, textSchema } from './common.ts';
import { defineForm, SUBMITTED_ONLY } from './form.ts';

/** 制度机制: a rule or system established (建章立制) for a region of any level. */

export const MECHANISM_AREAS = {
  organizational_life: '组织生活',
  member_management: '党员教育管理',
  team_building: '班子队伍建设',
  grassroots_governance: '基层治理',
  other: '其他',
} as const;

export const mechanismForm = defineForm({
  kind: 'mechanism',
  path: 'mechanisms',
  name: 'Mechanism',
  label: { zh: '制度机制', en: 'Mechanism' },
  fields: {
    ministerId: slugIdSchema,
    title: textSchema(200),
    area: labelledEnum(MECHANISM_AREAS),
    /** The region it applies to: a county, a prefecture, or the province. */
    regionCode: regionCodeSchema,
    adoptedOn: pastDateSchema,
    summary: textSchema(4000),
  },
  statuses: SUBMITTED_ONLY,
  regionOf: (m): string => (m as { regionCode: string }).regionCode,
  dateOf: (m): string => (m as { adoptedOn: string }).adoptedOn,
});

export type Mechanism = z.infer<typeof mechanismForm.schemas.record>;
