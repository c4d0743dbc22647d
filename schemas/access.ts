/**
 * Who a caller is, as the tokens say it: on AWS Cognito issues them and API Gateway's JWT authorizer
 * checks them; locally a key of the local data folder signs them and the local server checks them
 * the same way. Users' ID tokens carry the custom attributes below; reporting clients use the
 * client-credentials flow, whose access tokens carry `client_id` and the reporting scope instead.
 */
import { isConfirmedDuplicate } from './duplicate.ts';

/** The roles, by the glossary's short names (the sign-in page and every header say these). */
export const ROLES = {
  submitter: '填报人',
  staff: '工作人员',
  admin: '管理员',
  reporter: '报表用户',
} as const;

export type Role = keyof typeof ROLES;

/** The user pool's custom attributes, as they appear in ID-token claims. */
export const CLAIMS = {
  role: 'custom:role',
  /** A GB/T 2260 code of any level: what the caller may see and act on. */
  region: 'custom:region',
  /** For a head (or a head's staff): the minister whose records they report. */
  ministerId: 'custom:ministerId',
} as const;

/** The resource server and its one scope, granted to machine-to-machine reporting clients. */
export const RESOURCE_SERVER = 'xiajiceng';
export const REPORTING_SCOPE = `${RESOURCE_SERVER}/summary.read`;

/** What each role may do; the API's policy (functions/auth/policy.ts) and the pages read it. */
export const PERMISSIONS = {
  'reference.read': ['submitter', 'staff', 'admin', 'reporter'],
  'ministers.read': ['submitter', 'staff', 'admin'],
  'ministers.write': ['admin'],
  'records.create': ['submitter', 'admin'],
  'records.read': ['submitter', 'staff', 'admin'],
  'records.correct': ['submitter', 'staff', 'admin'],
  /** Staff and admins any record they see; a submitter only their own record confirmed as a duplicate (`mayWithdrawRecord`). */
  'records.withdraw': ['submitter', 'staff', 'admin'],
  'records.review': ['staff', 'admin'],
  /** Moving a record into a state that is the department's decision (a model selected or not). */
  'records.decide': ['staff', 'admin'],
  'figures.read': ['staff', 'admin', 'reporter'],
  /** The branch registry: read by whoever reports (a head, their county's), kept by staff and admins. */
  'branches.read': ['submitter', 'staff', 'admin'],
  'branches.write': ['staff', 'admin'],
  /** A head's scorecard: staff, admins and reporters of its region, and the head and their staff (their own only). */
  'scorecards.read': ['submitter', 'staff', 'admin', 'reporter'],
  /** The monthly 通报: staff, admins and reporters of the region or above; a head and their staff, their own region's (the use case refuses an account serving no head). */
  'bulletins.read': ['submitter', 'staff', 'admin', 'reporter'],
  /** Notices (消息): a person reads their own (a head's and their staff's, a region's staff's); reporters have none. */
  'notices.read': ['submitter', 'staff', 'admin'],
  /** The time-based rules' thresholds. */
  'notices.rules': ['admin'],
  /** Regions' group robots (群机器人) and the log of what was posted to them. */
  'robots.manage': ['admin'],
  /**
   * The monthly close (月度报送): a region's month, its state and counts (a head's page shows whether
   * its month is locked), and the months a region has confirmed (reporting clients).
   */
  'months.read': ['submitter', 'staff', 'admin', 'reporter'],
  /** Its steps (报送, 审核通过, 退回, 确认, 重新打开); which staff may take which step is decided in domain/month-steps.ts. */
  'months.act': ['staff', 'admin'],
  /**
   * 用户管理 (issue 25): admins every account; staff the submitters and staff within their region
   * (functions/auth/account-policy.ts).
   */
  'accounts.manage': ['staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a role may do something; own keys only, so `constructor` or `toString` is no role. */
export const isRole = (value: unknown): value is Role => typeof value === 'string' && Object.hasOwn(ROLES, value);

export const roleMay = (role: Role, permission: Permission): boolean => (PERMISSIONS[permission] as readonly Role[]).includes(role);

/**
 * Whether a role may withdraw this record (one it may see): staff and admins any; whoever reports for
 * a head only a repeat they reported that staff confirmed as a duplicate, which then counts nothing
 * and which they would otherwise have to ask staff to clear away.
 */
export const mayWithdrawRecord = (role: Role, record: Parameters<typeof isConfirmedDuplicate>[0]): boolean =>
  roleMay(role, 'records.withdraw') && (role !== 'submitter' || isConfirmedDuplicate(record));
