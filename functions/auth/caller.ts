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

/**
 * What the directory's authorizer (handlers/auth/authorize.ts) hands API Gateway for a caller it
 * lets in: a Lambda authorizer's context, which API Gateway passes to the route as
 * `requestContext.authorizer.lambda`. The same facts the JWT path reads from the user pool's claims.
 */
export type Grants = Pick<Caller, 'sub' | 'role' | 'region' | 'ministerId' | 'name'>;

/** API Gateway passes a token's `scope` as one space-separated string (and so does the local server). */
const scopesOf = (claims: Claims): string[] => (typeof claims.scope === 'string' ? claims.scope.split(' ') : []);

/**
 * The caller of a request that passed the JWT authorizer, or undefined when its claims do not
 * describe one this API knows (no role, or a region outside Qinghai): such a token gets nowhere.
 * A reporting client (client-credentials token with the reporting scope) reads province-wide.
 */
export function callerOf(event: APIGatewayProxyEventV2): Caller | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims }; lambda?: Claims } }).authorizer;
  if (authorizer?.lambda) return callerOfGrants(authorizer.lambda);
  const claims = authorizer?.jwt?.claims;
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

/** The caller of a request the directory's authorizer let in, checked as the claims are: a region of Qinghai, a known role. */
function callerOfGrants(grants: Claims): Caller | undefined {
  const { sub, role, ministerId, name } = grants;
  const region = typeof grants.region === 'string' ? canonicalRegionCode(grants.region) : undefined;
  if (typeof sub !== 'string' || !sub || !isRole(role) || !region || !findRegion(region)) return undefined;
  return {
    sub, role, region,
    ...(typeof ministerId === 'string' && ministerId ? { ministerId } : {}),
    ...(typeof name === 'string' && name ? { name } : {}),
  };
}
