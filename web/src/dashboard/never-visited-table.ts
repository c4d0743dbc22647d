import { BRANCH_TYPES } from '#schemas/branch-types.ts';
import { findRegion } from '#schemas/regions.ts';
import { type Table, tableOf } from '../desk/table.ts';
import type { NeverVisited } from './coverage-rows.ts';

/** The region's never-visited branches as the table the page shows (its first four columns) and downloads. */
export const neverVisitedTable = (regionName: string, items: readonly NeverVisited[]): Table => tableOf(`${regionName}从未走访的党组织`, [
  { key: 'county', label: '县（市、区）', value: (b: NeverVisited) => findRegion(b.countyCode)?.name ?? b.countyCode },
  { key: 'name', label: '党组织名称', value: (b) => b.name },
  { key: 'type', label: '类型', value: (b) => BRANCH_TYPES[b.type] },
  { key: 'code', label: '代码', value: (b) => b.code },
  { key: 'aliases', label: '曾用名', value: (b) => b.aliases.join('、') },
], items);
