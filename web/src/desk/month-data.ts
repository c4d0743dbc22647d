import type { MonthAction } from '#schemas/month-words.ts';
import type { RegionMonth } from '#schemas/months.ts';
import { ApiError } from '../api.ts';
import { type Outcome, send } from './data.ts';

/** The desk's calls for the monthly close (月度报送): a region's month, and a step taken on the version seen. */

/**
 * A region's month, never from the HTTP cache: its ETag is the month's version, which its children's
 * states and its counts outgrow (a county approved leaves the prefecture's version as it was).
 */
export async function getMonth(month: string, region: string): Promise<RegionMonth> {
  const answer = await send<RegionMonth>(`/months/${month}/${region}`, { cache: 'no-store' });
  if (!answer.ok) throw new ApiError(answer.problem);
  return answer.value;
}

/** A step on the month as seen (`If-Match` its version): a month changed meanwhile is a 412, never overwritten. */
export const takeStep = (seen: RegionMonth, action: MonthAction, reason: string): Promise<Outcome<RegionMonth>> =>
  send<RegionMonth>(`/months/${seen.month}/${seen.region}/${action}`, { method: 'POST', body: reason ? { reason } : {}, version: seen.version });
