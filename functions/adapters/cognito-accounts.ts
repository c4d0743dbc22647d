import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import { CLAIMS, isRole } from '#schemas/access.ts';
import { regionContains } from '#schemas/regions.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { NodeSha256 } from './ssm-json.ts';
import type { Account, AccountDirectory } from '#functions/ports/accounts.ts';

/** The user pool's admin actions the accounts functions use, and no others (infra grants exactly these). */
export const COGNITO_ACCOUNT_ACTIONS = [
  'AdminGetUser', 'AdminCreateUser', 'AdminUpdateUserAttributes', 'AdminDisableUser', 'AdminEnableUser', 'ListUsers',
] as const;
export type CognitoAction = (typeof COGNITO_ACCOUNT_ACTIONS)[number];

export type CognitoCall = (action: CognitoAction, input: Record<string, unknown>) => Promise<unknown>;

/** An error answer of the user pool's API, by its exception name (`UserNotFoundException`, …). */
export class CognitoError extends Error {
  constructor(readonly type: string, readonly status: number) {
    super(`Cognito answered ${status} ${type}`);
    this.name = 'CognitoError';
  }
}

/**
 * The user pool's JSON API over fetch, signed with SigV4 by the SDK's own signer: six admin actions
 * do not warrant Cognito's whole client in the accounts' bundles.
 */
export function cognitoJsonCall(region: string, credentials: AwsCredentialIdentity | Provider<AwsCredentialIdentity> = defaultProvider()): CognitoCall {
  const host = `cognito-idp.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const signer = new SignatureV4({ service: 'cognito-idp', region, credentials, sha256: NodeSha256 });
  return async (action, input) => {
    const body = JSON.stringify(input);
    const signed = await signer.sign({
      method: 'POST', protocol: 'https:', hostname: host, path: '/',
      headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body,
    });
    const response = await fetch(`https://${host}/`, { method: 'POST', headers: signed.headers, body });
    const answer: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const type = typeof answer === 'object' && answer !== null && '__type' in answer && typeof answer.__type === 'string' ? answer.__type.split('#').pop() ?? '' : '';
      throw new CognitoError(type || 'Unknown', response.status);
    }
    return answer;
  };
}

interface CognitoUser {
  Username?: string;
  Attributes?: { Name: string; Value?: string }[];
  UserAttributes?: { Name: string; Value?: string }[];
  Enabled?: boolean;
  UserLastModifiedDate?: number;
}

/** A user as the pool keeps them, as an account; one without a known role or region is none of ours. */
function accountOf(user: CognitoUser): Account | undefined {
  const attributes = new Map((user.Attributes ?? user.UserAttributes ?? []).map((a) => [a.Name, a.Value ?? '']));
  const role = attributes.get(CLAIMS.role);
  const region = attributes.get(CLAIMS.region);
  if (!user.Username || !isRole(role) || !region) return undefined;
  const ministerId = attributes.get(CLAIMS.ministerId);
  const phone = attributes.get('phone_number');
  return {
    username: user.Username, name: attributes.get('name') ?? '', role, region, enabled: user.Enabled !== false,
    updatedAt: new Date((user.UserLastModifiedDate ?? 0) * 1000).toISOString(),
    ...(ministerId ? { ministerId } : {}), ...(phone ? { phone } : {}),
  };
}

/** The pool stores phones in E.164. */
const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

/** An account's attributes; an empty `custom:ministerId` clears a head (the caller reads '' as none). */
const attributesOf = (account: Account) => [
  { Name: 'name', Value: account.name },
  { Name: CLAIMS.role, Value: account.role },
  { Name: CLAIMS.region, Value: account.region },
  { Name: CLAIMS.ministerId, Value: account.ministerId ?? '' },
  ...(account.phone === undefined ? [] : [{ Name: 'phone_number', Value: e164(account.phone) }]),
];

/** ListUsers answers at most 60 a page. */
const POOL_PAGE = 60;
const FIRST_PAGE = '-';

/**
 * The accounts as the user pool keeps them (global profile). A new account is invited by the pool's
 * own message (a temporary password it sends; none passes through here). ListUsers cannot filter
 * on custom attributes, so a region's or role's list filters the pool's pages here; a cursor names
 * the pool's page and how many of it were read.
 */
export function cognitoAccounts(call: CognitoCall, userPoolId: string): AccountDirectory {
  async function get(username: string): Promise<Account | undefined> {
    try {
      return accountOf((await call('AdminGetUser', { UserPoolId: userPoolId, Username: username })) as CognitoUser);
    } catch (error) {
      if (error instanceof CognitoError && error.type === 'UserNotFoundException') return undefined;
      throw error;
    }
  }
  return {
    get,
    async put(account) {
      const before = await get(account.username);
      const Username = account.username;
      if (before === undefined) {
        await call('AdminCreateUser', { UserPoolId: userPoolId, Username, UserAttributes: attributesOf(account) });
      } else {
        await call('AdminUpdateUserAttributes', { UserPoolId: userPoolId, Username, UserAttributes: attributesOf(account) });
      }
      if ((before?.enabled ?? true) !== account.enabled) {
        await call(account.enabled ? 'AdminEnableUser' : 'AdminDisableUser', { UserPoolId: userPoolId, Username });
      }
    },
    async list({ region, roles, limit, cursor }) {
      const at = decodeCursor(cursor, ['page', 'skip'], {}, (key) => /^\d{1,2}$/.test(key.skip ?? ''));
      let page = at?.page === FIRST_PAGE ? undefined : at?.page;
      let skip = Number(at?.skip ?? 0);
      const items: Account[] = [];
      for (;;) {
        const answer = (await call('ListUsers', { UserPoolId: userPoolId, Limit: POOL_PAGE, ...(page === undefined ? {} : { PaginationToken: page }) })) as { Users?: CognitoUser[]; PaginationToken?: string };
        const users = answer.Users ?? [];
        for (let i = skip; i < users.length; i += 1) {
          const account = accountOf(users[i]!);
          if (!account || (roles !== undefined && !roles.includes(account.role)) || !regionContains(region, account.region)) continue;
          items.push(account);
          if (items.length === limit) {
            const more = i + 1 < users.length || answer.PaginationToken !== undefined;
            return { items, nextCursor: more ? encodeCursor({ page: page ?? FIRST_PAGE, skip: String(i + 1) }) : null };
          }
        }
        if (answer.PaginationToken === undefined) return { items, nextCursor: null };
        page = answer.PaginationToken;
        skip = 0;
      }
    },
  };
}
