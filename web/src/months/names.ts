import { MONTH_STATES } from '#schemas/month-words.ts';
import type { SignOff } from '#schemas/months.ts';
import { findRegion } from '#schemas/regions.ts';

/** What the pages call a region's children, and how far its month is signed off. No DOM here. */

/** A prefecture's children are counties, the province's prefectures. */
export function childWord(region: string): string {
  return findRegion(region)?.level === 'province' ? '市（州）' : '县（市、区）';
}

/** 已确认 · 8 / 8 个市（州）已审核通过 (a county has no children to count). */
export function signOffText(entry: SignOff, region: string): string {
  const children = entry.children.total > 0 ? ` · ${entry.children.approved} / ${entry.children.total} 个${childWord(region)}已审核通过` : '';
  return `${MONTH_STATES[entry.state]}${children}`;
}
