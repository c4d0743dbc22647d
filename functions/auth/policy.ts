import { PROVINCE_CODE, regionContains } from '#schemas/regions.ts';
import { ForbiddenError, NotFoundError } from '#schemas/errors.ts';
import type { Caller } from './caller.ts';
import { mayWithdrawRecord, type Permission, roleMay } from '#schemas/access.ts';
import { acceptingRegionOf } from '#schemas/acceptance.ts';

export type { Permission };

/**
 * Who may do what, decided here and nowhere else.
 * - submitter: creates and corrects records in their region (a head's, for their own minister) and reads their own;
 * - staff: reads, reviews, corrects and withdraws records within their region; reads its figures;
 * - admin: everything, province-wide; manages ministers;
 * - reporter: reads figures (summaries, their history, scorecards) within their region; nothing else.
 * A route names its permission; the role check runs before the handler (403), the region and
 * ownership checks run where the record is known: a record the caller may not see is a 404, so
 * its existence does not leak; acting outside one's region on something visible, or asking for a
 * list or figures of a region outside one's own, is a 403.
 */

export const mayUse = (caller: Caller, permission: Permission): boolean => roleMay(caller.role, permission);

/** Within the caller's region (admins: the whole province, whatever their token's region). */
export const withinReach = (caller: Caller, region: string): boolean => caller.role === 'admin' || regionContains(caller.region, region);

/** A submitter's own record: their minister's (a head or their staff), else one they submitted. */
function isOwn(caller: Caller, record: { ministerId: string; submittedBy?: string }): boolean {
  return caller.ministerId ? record.ministerId === caller.ministerId : record.submittedBy === caller.sub;
}

/** Whether the caller may see a record at all (else it is a 404 to them). */
export function maySee(caller: Caller, region: string, record: { ministerId: string; submittedBy?: string }): boolean {
  if (caller.role === 'reporter' || !withinReach(caller, region)) return false;
  return caller.role !== 'submitter' || isOwn(caller, record);
}

export function assertMaySee(caller: Caller, region: string, record: { ministerId: string; submittedBy?: string }): void {
  if (!maySee(caller, region, record)) throw new NotFoundError();
}

/** A record about to be stored (new or corrected) must lie in the caller's region, and a head's staff report for their head. */
export function assertMayPlace(caller: Caller, region: string, ministerId: string): void {
  if (!withinReach(caller, region)) {
    throw new ForbiddenError({ zh: '只能报送本地区的记录', en: 'You may only report records of your own region' });
  }
  if (caller.role === 'submitter' && caller.ministerId && ministerId !== caller.ministerId) {
    throw new ForbiddenError({ zh: '只能报送本人（所属部长）的记录', en: "You may only report your own minister's records" });
  }
}

/** A record the caller may see, to withdraw: a submitter only their confirmed duplicate (403 otherwise). */
export function assertMayWithdraw(caller: Caller, record: Parameters<typeof mayWithdrawRecord>[1]): void {
  if (!mayWithdrawRecord(caller.role, record)) {
    throw new ForbiddenError({ zh: '填报人只能撤回已确认为重复的走访记录', en: 'A submitter may only withdraw a visit confirmed as a duplicate' });
  }
}

/**
 * Whether the caller may read a head's scorecard: within their region (staff, admins, reporters),
 * or their own head's (a head, or a head's staff). Anyone else's is a 404 to a head.
 */
export function maySeeScorecard(caller: Caller, minister: { id: string; regionCode: string }): boolean {
  if (caller.role === 'submitter') return caller.ministerId === minister.id;
  return withinReach(caller, minister.regionCode);
}

/** A list or figures of `region`: within the caller's region (403 otherwise). Without one, the caller's own region. */
export function regionInReach(caller: Caller, region: string | undefined): string {
  if (region === undefined) return caller.role === 'admin' ? PROVINCE_CODE : caller.region;
  if (!withinReach(caller, region)) {
    throw new ForbiddenError({ zh: '无权查看该地区的数据', en: 'That region is outside yours' });
  }
  return region;
}

/**
 * 验收销号 of a problem placed in `region`: the staff of exactly the accepting region (the level
 * above: acceptingRegionOf), and admins. Anyone else, the problem's own county staff included, 403.
 */
export function assertMayAccept(caller: Caller, region: string): void {
  if (caller.role === 'admin' || (caller.role === 'staff' && caller.region === acceptingRegionOf(region))) return;
  throw new ForbiddenError({ zh: '问题整改由上一级组织部门验收销号', en: "A rectified problem is accepted by the staff of the level above its county" });
}
