/**
 * Who a caller is, as the tokens say it: on AWS Cognito issues them and API Gateway's JWT authorizer
 * checks them; locally a key of the local data folder signs them and the local server checks them
 * the same way. Users' ID tokens carry the custom attributes below; reporting clients use the
 * client-credentials flow, whose access tokens carry `client_id` and the reporting scope instead.
 */

export const ROLES = {
  submitter: '报送人（部长或其工作人员）',
  staff: '组织部门工作人员',
  admin: '系统管理员',
  reporter: '报表客户端',
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
