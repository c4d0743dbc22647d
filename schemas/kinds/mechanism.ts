import * as z from 'zod/mini';
import { labelledEnum, pastDateSchema, regionCodeSchema, slugIdSchema, textSchema } from '../common.ts';
import { defineForm, SUBMITTED_ONLY } from '../form.ts';
import { defineKind, titleOf } from '../kind.ts';
import { findRegion } from '../regions.ts';

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
  fields: () => ({
    ministerId: slugIdSchema,
    title: textSchema(200),
    area: labelledEnum(MECHANISM_AREAS),
    /** The region it applies to: a county, a prefecture, or the province. */
    regionCode: regionCodeSchema,
    adoptedOn: pastDateSchema,
    summary: textSchema(4000),
  }),
  statuses: SUBMITTED_ONLY,
});

export type Mechanism = z.output<typeof mechanismForm.schemas.stored>;

export const mechanismKind = defineKind(mechanismForm, {
  regionOf: (m) => m.regionCode,
  dateOf: (m) => m.adoptedOn,
  count: () => ({ sums: { mechanisms: 1 } }),
  presentation: {
    title: (m) => titleOf(m.title, m.adoptedOn),
    columns: [
      { key: 'adoptedOn', label: '出台日期', value: (m) => m.adoptedOn },
      { key: 'title', label: '制度名称', value: (m) => m.title },
      { key: 'area', label: '所属领域', value: (m) => MECHANISM_AREAS[m.area] },
      { key: 'region', label: '适用范围', value: (m) => findRegion(m.regionCode)?.name ?? m.regionCode },
    ],
    labels: {
      title: { label: '制度名称' },
      area: { label: '所属领域' },
      adoptedOn: { label: '出台日期' },
      summary: { label: '主要内容' },
    },
  },
});
