import type { Account } from '#functions/ports/accounts.ts';
import { ALL_REGIONS, PROVINCE_CODE } from '#schemas/regions.ts';

/**
 * The seed's accounts (用户管理), what the local sign-in page lists: one per head, reporting for
 * themselves (username the head's id), the staff of the province and of each prefecture, and an
 * admin. Usernames derive from ids, so seeding again finds them there.
 */
export function seedAccounts(heads: readonly { id: string; name: string; regionCode: string }[], updatedAt: string): Account[] {
  const staff = ALL_REGIONS.filter((r) => r.level !== 'county')
    .map((r): Account => ({ username: `staff-${r.code}`, name: `${r.name}组织部工作人员`, role: 'staff', region: r.code, enabled: true, updatedAt }));
  const admin: Account = { username: `admin-${PROVINCE_CODE}`, name: '系统管理员', role: 'admin', region: PROVINCE_CODE, enabled: true, updatedAt };
  const submitters = heads.map((m): Account => ({ username: m.id, name: m.name, role: 'submitter', region: m.regionCode, ministerId: m.id, enabled: true, updatedAt }));
  return [admin, ...staff, ...submitters];
}
