import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PROVINCE_CODE, canonicalRegionCode, findRegion } from '#schemas/regions.ts';
import { CLAIMS, isRole, REPORTING_SCOPE, type Role } from '#schemas/access.ts';

/** The signed-in caller, as the verified token describes them. */
export interface Caller {
  /** The token's subject: who did it, in every change entry. */
  sub: string;
  role: Role;
  /** What they may see and act on: a region of any level. */
  region: string;
  /** A head, or a head's staff: the minister whose records they report. */
  ministerId?: string;
  /** The person's name, when their account has one (the ID token's standard `name` claim). */
  name?: string;
}

type Claims = Record<string, unknown>;

/** API Gateway passes a token's `scope` as one space-separated string (and so does the local server). */
const scopesOf = (claims: Claims): string[] => (typeof claims.scope === 'string' ? claims.scope.split(' ') : []);

/**
 * The caller of a request that passed the JWT authorizer, or undefined when its claims do not
 * describe one this API knows (no role, or a region outside Qinghai): such a token gets nowhere.
 * A reporting client (client-credentials token with the reporting scope) reads province-wide.
 */
export function callerOf(event: APIGatewayProxyEventV2): Caller | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) return undefined;
  if (claims.client_id !== undefined && claims[CLAIMS.role] === undefined) {
    return scopesOf(claims).includes(REPORTING_SCOPE) ? { sub: claims.sub, role: 'reporter', region: PROVINCE_CODE } : undefined;
  }
  const role = claims[CLAIMS.role];
  const region = typeof claims[CLAIMS.region] === 'string' ? canonicalRegionCode(claims[CLAIMS.region] as string) : undefined;
  if (!isRole(role) || !region || !findRegion(region)) return undefined;
  const ministerId = claims[CLAIMS.ministerId];
  // A person's name, as long as a head's may be (cut on code points, as the schemas count, never
  // inside an emoji): the trail stores it with every change they make.
  const name = typeof claims.name === 'string' ? Array.from(claims.name.trim()).slice(0, 50).join('') : '';
  return { sub: claims.sub, role, region, ...(typeof ministerId === 'string' && ministerId ? { ministerId } : {}), ...(name ? { name } : {}) };
}
