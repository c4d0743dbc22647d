import { ForbiddenError } from '#schemas/errors.ts';
import type { Role } from '#schemas/access.ts';
import type { Caller } from './caller.ts';
import { withinReach } from './policy.ts';

/**
 * Who may manage which account (用户管理): admins any; staff the roles below theirs and their own
 * (submitters, staff) within their region. Admins and reporting clients are an admin's to make: a
 * staff member could otherwise raise themselves or read the province's figures.
 */
export const STAFF_MANAGED_ROLES: readonly Role[] = ['submitter', 'staff'];

/** The roles the caller may see and manage (all, for an admin or the system acting). */
export const rolesManagedBy = (caller: Caller | undefined): readonly Role[] | undefined =>
  caller === undefined || caller.role === 'admin' ? undefined : STAFF_MANAGED_ROLES;

export function mayManageAccount(caller: Caller | undefined, account: { role: Role; region: string }): boolean {
  const roles = rolesManagedBy(caller);
  return caller === undefined || (withinReach(caller, account.region) && (roles === undefined || roles.includes(account.role)));
}

/** An account the caller is about to store (and the one it replaces): theirs to manage, else 403 saying why. */
export function assertMayManageAccount(caller: Caller | undefined, account: { role: Role; region: string }): void {
  if (caller === undefined || mayManageAccount(caller, account)) return;
  if (!withinReach(caller, account.region)) {
    throw new ForbiddenError({ zh: '只能管理本地区的账号', en: 'You may only manage accounts of your own region' });
  }
  throw new ForbiddenError({ zh: '工作人员只能管理填报人和工作人员的账号；管理员和报表用户账号由管理员设置', en: 'Staff manage submitter and staff accounts only; admins set admin and reporting accounts' });
}
