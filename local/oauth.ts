import { createHash, randomBytes } from 'node:crypto';
import { CLAIMS, isRole, type Role, ROLES } from '#schemas/access.ts';
import { ALL_REGIONS, findRegion, PROVINCE_CODE } from '#schemas/regions.ts';
import { type LocalIssuer, LOCAL_WEB_CLIENT, userToken } from '#local/issuer.ts';
import type { SignInAccounts } from '#local/sign-in-accounts.ts';
import type { Account } from '#functions/ports/accounts.ts';

/**
 * The local stand-in for Cognito's managed login: the same three endpoints the web pages use on
 * AWS (`/oauth2/authorize`, `/oauth2/token`, `/logout`), the authorization-code flow with PKCE
 * (S256) and refresh tokens. Instead of a password, the sign-in page lists the accounts of the
 * table (用户管理) to sign in as, and below them asks who to be: a role, a region and (for a head or
 * their staff) a minister, which is what the user pool's attributes hold.
 */

const TOKEN_TTL_SECONDS = 3600;
const CODE_TTL_MS = 5 * 60_000;

export interface Person {
  sub: string;
  role: Role;
  region: string;
  ministerId?: string;
  /** The standard `name` attribute, when the account has one. */
  name?: string;
}

export interface FormAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who a refresh token signs in again: an account of the table is read afresh (a disabled one is refused). */
interface Session {
  person: Person;
  account?: string;
}

interface PendingCode extends Session {
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

const html = (body: string, status = 200): FormAnswer => ({ status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body });
const json = (value: unknown, status = 200): FormAnswer => ({ status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(value) });
const redirect = (location: string): FormAnswer => ({ status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' });
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const oauthError = (error: string, description: string) => json({ error, error_description: description }, 400);

export interface LocalOAuth {
  /** The answer for a request to one of the endpoints, or undefined for any other path. */
  handle(method: string, path: string, query: URLSearchParams, form: URLSearchParams): Promise<FormAnswer | undefined>;
}

/**
 * `siteOrigins`: where the sign-in may send a person back (`redirect_uri`, `logout_uri`), as a user
 * pool client's allowed callback and sign-out URLs: the site's own origins, so a crafted link cannot
 * hand a code, or a signed-out person, to another site. `accounts`: the table's directory, when
 * there is one (without it the page only asks who to be).
 */
export function localOAuth(issuer: LocalIssuer, siteOrigins: readonly string[], accounts?: SignInAccounts): LocalOAuth {
  const allowed = new Set(siteOrigins.map((origin) => new URL(origin).origin));
  const isSiteAddress = (uri: string) => URL.canParse(uri) && allowed.has(new URL(uri).origin);
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, Session>();

  function authorizeCheck(params: URLSearchParams): string | undefined {
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (params.get('client_id') !== LOCAL_WEB_CLIENT) return `client_id must be ${LOCAL_WEB_CLIENT}`;
    if (!params.get('redirect_uri')) return 'redirect_uri is required';
    if (!isSiteAddress(params.get('redirect_uri')!)) return 'redirect_uri is not an address of this site';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE (S256) is required';
    return undefined;
  }

  function tokensFor({ person, account }: Session) {
    const refresh = randomBytes(32).toString('base64url');
    refreshTokens.set(refresh, { person, account });
    const id = userToken(issuer, person, TOKEN_TTL_SECONDS);
    return { id_token: id, access_token: id, refresh_token: refresh, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS };
  }

  async function token(form: URLSearchParams): Promise<FormAnswer> {
    if (form.get('client_id') !== LOCAL_WEB_CLIENT) return json({ error: 'invalid_client' }, 401);
    if (form.get('grant_type') === 'refresh_token') {
      const session = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!session) return oauthError('invalid_grant', 'unknown refresh token');
      // The same grants until the next sign-in (as Cognito refreshes), but a disabled account stops here.
      if (session.account !== undefined && !(await accounts?.get(session.account))?.enabled) {
        refreshTokens.delete(form.get('refresh_token')!);
        return oauthError('invalid_grant', 'the account is disabled');
      }
      const { refresh_token: _, ...fresh } = tokensFor(session);
      return json(fresh);
    }
    if (form.get('grant_type') !== 'authorization_code') return oauthError('unsupported_grant_type', 'authorization_code or refresh_token');
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending || pending.expiresAt < Date.now()) return oauthError('invalid_grant', 'unknown or expired code');
    if (pending.redirectUri !== form.get('redirect_uri')) return oauthError('invalid_grant', 'redirect_uri differs');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return oauthError('invalid_grant', 'code_verifier does not match');
    return json(tokensFor(pending));
  }

  const page = async (params: URLSearchParams, error?: string) => signInPage(params, (await accounts?.list()) ?? [], error);

  function codeFor(params: URLSearchParams, session: Session): FormAnswer {
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { ...session, redirectUri: params.get('redirect_uri')!, challenge: params.get('code_challenge')!, expiresAt: Date.now() + CODE_TTL_MS });
    const back = new URL(params.get('redirect_uri')!);
    back.searchParams.set('code', code);
    if (params.get('state')) back.searchParams.set('state', params.get('state')!);
    return redirect(back.href);
  }

  async function signedInAs(params: URLSearchParams): Promise<FormAnswer> {
    const problem = authorizeCheck(params);
    if (problem) return html(`<p>${escape(problem)}</p>`, 400);
    const username = params.get('account');
    if (username !== null) {
      // A key the table cannot hold (empty, or longer than any username) names no account: not a question to ask it.
      const account = username && username.length <= 128 ? await accounts?.get(username) : undefined;
      if (!account) return page(params, '没有这个账号');
      if (!account.enabled) return page(params, `账号 ${account.username} 已停用`);
      const { role, region, ministerId, name } = account;
      return codeFor(params, { person: { sub: account.username, role, region, ...(ministerId ? { ministerId } : {}), name }, account: account.username });
    }
    const role = params.get('role') as Role;
    const region = params.get('region') ?? '';
    const ministerId = params.get('ministerId')?.trim() || undefined;
    const sub = params.get('sub')?.trim() || `${role}-${region}`;
    const name = params.get('name')?.trim() || undefined;
    if (!isRole(role) || !findRegion(region)) return page(params, '请选择身份和行政区划');
    if (role === 'submitter' && !ministerId) return page(params, '填报人需填写部长编号');
    return codeFor(params, { person: { sub, role, region, ministerId, ...(name ? { name } : {}) } });
  }

  return {
    async handle(method, path, query, form) {
      if (path === '/oauth2/authorize' && method === 'GET') {
        const problem = authorizeCheck(query);
        return problem ? html(`<p>${escape(problem)}</p>`, 400) : page(query);
      }
      if (path === '/oauth2/authorize' && method === 'POST') return signedInAs(form);
      if (path === '/oauth2/token' && method === 'POST') return token(form);
      if (path === '/logout' && method === 'GET') {
        const back = query.get('logout_uri');
        if (back !== null && !isSiteAddress(back)) return html('<p>logout_uri is not an address of this site</p>', 400);
        return redirect(back ?? '/');
      }
      if (path === SIGN_IN_CSS && method === 'GET') return { status: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }, body: SIGN_IN_STYLE };
      return undefined;
    },
  };
}

/** The sign-in page's style, a file of its own: the site's CSP allows no inline style. */
const SIGN_IN_CSS = '/oauth2/sign-in.css';
const SIGN_IN_STYLE = '*{box-sizing:border-box}body{font-family:system-ui,sans-serif;max-width:26rem;margin:1rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}'
  + 'select,input,button{font:inherit;width:100%;min-height:44px}button{margin-top:1rem;background:#b71c1c;color:#fff;border:0;border-radius:6px}.e{color:#b00020}'
  + '.a{list-style:none;padding:0;margin:0;max-height:60vh;overflow:auto;border:1px solid #ddd;border-radius:6px}.a li{border-bottom:1px solid #eee}'
  + '.a button{margin:0;background:none;color:inherit;text-align:left;padding:.4rem .75rem;border-radius:0}.a button:hover,.a button:focus{background:#fdecea}'
  + '.a button:disabled{color:#777;background:#f5f5f5}.a small{display:block;color:#555}';

const ROLE_ORDER: Role[] = ['admin', 'staff', 'reporter', 'submitter'];
/** Admins and staff first, then the heads, each by region then name: the people one tries most, first. */
const byRoleThenRegion = (a: Account, b: Account) =>
  ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name, 'zh');

/** The accounts as buttons, each signing in as itself; a disabled one shown as 已停用 and not to be chosen. */
function accountList(hidden: string, accounts: readonly Account[]): string {
  if (accounts.length === 0) return '';
  const items = [...accounts].sort(byRoleThenRegion).map((a) => {
    const where = findRegion(a.region)?.name ?? a.region;
    const detail = `${ROLES[a.role]} · ${where}${a.enabled ? '' : ' · 已停用'}`;
    return `<li><button type="submit" name="account" value="${escape(a.username)}"${a.enabled ? '' : ' disabled'}>${escape(a.name)}<small>${escape(detail)} · ${escape(a.username)}</small></button></li>`;
  }).join('');
  return `<h2>账号</h2><form method="post" action="/oauth2/authorize">${hidden}<ul class="a" aria-label="账号">${items}</ul></form><h2>或按属性登录</h2>`;
}

/** Who to be: the attributes a user pool administrator would give the person. */
function signInPage(params: URLSearchParams, accounts: readonly Account[], error?: string): FormAnswer {
  const hidden = [...params].filter(([k]) => !['role', 'region', 'ministerId', 'sub', 'name', 'account'].includes(k))
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('');
  const option = (value: string, label: string, chosen?: string) => `<option value="${escape(value)}"${value === chosen ? ' selected' : ''}>${escape(label)}</option>`;
  const regions = ALL_REGIONS.map((r) => option(r.code, `${r.level === 'county' ? '　　' : r.level === 'prefecture' ? '　' : ''}${r.name} ${r.code}`, params.get('region') ?? PROVINCE_CODE)).join('');
  const roles = Object.entries(ROLES).map(([r, label]) => option(r, label, params.get('role') ?? 'submitter')).join('');
  return html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>本地登录</title>
<link rel="stylesheet" href="${SIGN_IN_CSS}"></head>
<body><h1>本地登录</h1><p>本机开发用：代替 AWS 上的 Cognito 登录页，选择账号，或按用户池中的属性选择身份。</p>${error ? `<p class="e" role="alert">${escape(error)}</p>` : ''}
${accountList(hidden, accounts)}<form method="post" action="/oauth2/authorize">${hidden}
<label for="role">身份 (${CLAIMS.role})</label><select id="role" name="role">${roles}</select>
<label for="region">行政区划 (${CLAIMS.region})</label><select id="region" name="region">${regions}</select>
<label for="ministerId">部长编号 (${CLAIMS.ministerId})</label><input id="ministerId" name="ministerId" value="${escape(params.get('ministerId') ?? '')}" placeholder="m-630102-01" autocomplete="off">
<label for="sub">用户名</label><input id="sub" name="sub" value="${escape(params.get('sub') ?? '')}" placeholder="默认：身份-区划" autocomplete="off">
<label for="name">姓名 (name)</label><input id="name" name="name" value="${escape(params.get('name') ?? '')}" placeholder="可不填" autocomplete="off">
<button type="submit">登录</button></form></body></html>`);
}
