import { useState } from 'preact/hooks';
import { type Role, ROLES } from '#schemas/access.ts';
import type { Account } from '#schemas/accounts.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { announce } from '../../shell.ts';
import { getAll, send } from '../data.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { ministers, navigate, person, top } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { VIEW_NAMES } from '../words.ts';
import { Badge, ListTable, Loading, Trouble, troubleText, useLoad, ViewTitle } from './common.tsx';

type AccountsRoute = Extract<Route, { view: 'accounts' }>;


/** A new account's address: `#/accounts/new`. */
const NEW = 'new';
/** Staff keep the accounts of heads and of staff within their region; admins every role. */
const rolesFor = (role: Role | undefined): Role[] => (role === 'admin' ? (Object.keys(ROLES) as Role[]) : ['submitter', 'staff']);
const REASSIGN_NOTE = '修改地区或所服务的部长，于该账号下次登录时生效。';
const regionName = (code: string) => findRegion(code)?.name ?? code;
const headName = (id: string | undefined) => (id ? ministers.value.find((m) => m.id === id)?.name ?? id : '');

/**
 * 用户管理 (`#/accounts`, `#/accounts/<username>`, `#/accounts/new`): the accounts of the person's
 * region, by role and region; a form to add or edit one (name, role, region, the head a submitter
 * serves, phone, 启用/停用), the API's refusal beside the field it names.
 */
export function AccountsView({ route }: { route: AccountsRoute }) {
  const query = new URLSearchParams();
  if (route.filters.region) query.set('region', route.filters.region);
  if (route.filters.role) query.set('role', route.filters.role);
  const loaded = useLoad(() => getAll<Account>('/accounts', query), [query.toString()]);
  if (route.id) {
    if (loaded.state.status === 'loading') return <Shell title={VIEW_NAMES.accounts}><Loading what="账号" /></Shell>;
    if (loaded.state.status === 'error') return <Shell title={VIEW_NAMES.accounts}><Trouble error={loaded.state.error} retry={loaded.reload} /></Shell>;
    const accounts = loaded.state.value;
    const saved = (account: Account) => loaded.set([...accounts.filter((a) => a.username !== account.username), account]);
    if (route.id === NEW) return <AccountForm key={NEW} onSaved={saved} />;
    const account = accounts.find((a) => a.username === route.id);
    if (!account) return <Shell title={VIEW_NAMES.accounts}><p class="notice" role="status">找不到该账号，或无权管理。</p></Shell>;
    return <AccountForm key={account.username} account={account} onSaved={saved} />;
  }
  return <AccountList filters={route.filters} loaded={loaded} />;
}

const Shell = ({ title, children }: { title: string; children: preact.ComponentChildren }) => (
  <section aria-labelledby="list-title" class="roster accounts" data-view="accounts">
    <p class="back"><a href={hrefOf({ view: 'accounts', filters: {} })}>← 返回{VIEW_NAMES.accounts}</a></p>
    <ViewTitle id="list-title">{title}</ViewTitle>
    {children}
  </section>
);

function AccountList({ filters, loaded }: { filters: Filters; loaded: ReturnType<typeof useLoad<Account[]>> }) {
  const onChange = (next: Filters) => navigate({ view: 'accounts', filters: next }, true);
  const regions = ALL_REGIONS.filter((r) => regionContains(top.value, r.code) && r.level !== 'county');
  let body;
  if (loaded.state.status === 'loading') body = <Loading what="账号" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const accounts = [...loaded.state.value].sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name, 'zh'));
    const columns: Column<Account>[] = [
      { key: 'name', label: '姓名', width: 10, essential: true, value: (a) => a.name },
      { key: 'role', label: '身份', width: 8, essential: true, value: (a) => ROLES[a.role] },
      { key: 'region', label: '地区', width: 14, value: (a) => regionName(a.region) },
      { key: 'head', label: '所服务的部长', width: 10, value: (a) => headName(a.ministerId) },
      { key: 'username', label: '账号', width: 18, value: (a) => a.username },
      { key: 'enabled', label: '状态', width: 8, essential: true, value: (a) => (a.enabled ? '启用' : '已停用') },
    ];
    const table = tableOf(VIEW_NAMES.accounts, columns, accounts);
    body = (
      <ListTable table={table} caption={VIEW_NAMES.accounts} rowKey={(i) => accounts[i].username}
        link={{ column: 'name', href: (i) => hrefOf({ view: 'accounts', id: accounts[i].username, filters: {} }) }}
        cell={(column, i, text) => (column === 'enabled' && !accounts[i].enabled ? <Badge tone="rejected">{text}</Badge> : undefined)} />
    );
  }
  return (
    <section aria-labelledby="list-title" class="list-view accounts" data-view="accounts">
      <ViewTitle id="list-title">{VIEW_NAMES.accounts}</ViewTitle>
      <p class="actions"><a class="button primary" href={hrefOf({ view: 'accounts', id: NEW, filters: {} })} data-add-account>新增账号</a></p>
      <form class="filters card" aria-label="筛选" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="accounts-role">身份</label>
          <select id="accounts-role" value={filters.role ?? ''} onChange={(e) => onChange(withFilter(filters, 'role', (e.target as HTMLSelectElement).value))}>
            <option value="">全部</option>
            {rolesFor(person.value.role).map((r) => <option key={r} value={r}>{ROLES[r]}</option>)}
          </select>
        </div>
        {regions.length > 1 && (
          <div class="field">
            <label for="accounts-region">地区</label>
            <select id="accounts-region" value={filters.region ?? ''} onChange={(e) => onChange(withFilter(filters, 'region', (e.target as HTMLSelectElement).value))}>
              <option value="">{regionName(top.value)}</option>
              {regions.filter((r) => r.code !== top.value).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </div>
        )}
      </form>
      {body}
    </section>
  );
}

type Errors = Record<string, string>;
const FIELDS = ['username', 'name', 'role', 'region', 'ministerId', 'phone', 'enabled'];

/** The API's field errors by the field they name; the rest (a 403's reason) under `''`. */
function errorsByField(list: readonly { path: string; message: string }[]): Errors {
  const found: Errors = {};
  for (const e of list) {
    const field = FIELDS.find((f) => e.path === f || e.path.startsWith(`${f}.`)) ?? '';
    found[field] = found[field] ? `${found[field]}；${e.message}` : e.message;
  }
  return found;
}

/** Add an account (`account` absent) or edit one; the username chosen once. */
function AccountForm({ account, onSaved }: { account?: Account; onSaved: (account: Account) => void }) {
  const [current, setCurrent] = useState(account);
  const [username, setUsername] = useState(account?.username ?? '');
  const [name, setName] = useState(account?.name ?? '');
  const [role, setRole] = useState<Role>(account?.role ?? 'submitter');
  const [region, setRegion] = useState(account?.region ?? top.value);
  const [ministerId, setMinisterId] = useState(account?.ministerId ?? '');
  const [phone, setPhone] = useState(account?.phone ?? '');
  const [enabled, setEnabled] = useState(account?.enabled ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const roles = rolesFor(person.value.role);
  const regions = ALL_REGIONS.filter((r) => regionContains(top.value, r.code));
  const heads = ministers.value.filter((m) => regionContains(region, m.regionCode));
  const serves = role === 'submitter';

  async function save(event: Event) {
    event.preventDefault();
    setNotice(undefined);
    const found: Errors = {};
    if (!current && !username.trim()) found.username = '请填写账号';
    if (!name.trim()) found.name = '请填写姓名';
    if (serves && !ministerId) found.ministerId = '请选择所服务的部长';
    if (Object.keys(found).length > 0) { setErrors(found); announce(`有 ${Object.keys(found).length} 处需要修改`); return; }
    setBusy(true);
    try {
      const body = { name: name.trim(), role, region, enabled, ...(serves && ministerId ? { ministerId } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
      const answer = await send<Account>(`/accounts/${encodeURIComponent(current?.username ?? username.trim())}`, { method: 'PUT', body });
      if (answer.ok) {
        const moved = current && (current.region !== answer.value.region || current.ministerId !== answer.value.ministerId);
        setErrors({});
        setCurrent(answer.value);
        onSaved(answer.value);
        const text = `${answer.status === 201 ? '已新增' : '已保存'}账号 ${answer.value.username}（${answer.value.enabled ? '启用' : '已停用'}）。${moved ? REASSIGN_NOTE : ''}`;
        setNotice(text);
        announce(text);
        if (!current) history.replaceState(null, '', hrefOf({ view: 'accounts', id: answer.value.username, filters: {} }));
      } else {
        const list = answer.problem.errors?.length ? answer.problem.errors : [{ path: '', message: answer.problem.detail ?? answer.problem.title }];
        setErrors(errorsByField(list));
        announce(`有 ${list.length} 处需要修改`);
      }
    } catch (error) {
      setErrors({ '': troubleText(error) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: string) => ({ 'aria-invalid': errors[key] ? 'true' as const : undefined, 'aria-describedby': errors[key] ? `account-${key}-error` : undefined });
  const error = (key: string) => <p class="error-text" id={`account-${key}-error`} role={errors[key] ? 'alert' : undefined} data-error-for={key}>{errors[key] ?? ''}</p>;
  return (
    <Shell title={current ? `修改账号 · ${current.name}` : '新增账号'}>
      <form class="card head-form" onSubmit={(e) => void save(e)} noValidate data-account-form>
        {errors[''] && <p class="notice error" role="alert" data-error-for="">{errors['']}</p>}
        {notice && <p class="notice ok" role="status" data-saved>{notice}</p>}
        <div class="field">
          <label for="account-username">账号</label>
          <span class="hint">{current ? '账号不能修改。' : '登录所用的用户名、手机号或工号。'}</span>
          <input id="account-username" value={current?.username ?? username} readOnly={!!current} spellcheck={false} autocomplete="off"
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)} {...field('username')} />
          {error('username')}
        </div>
        <div class="field">
          <label for="account-name">姓名</label>
          <input id="account-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} {...field('name')} />
          {error('name')}
        </div>
        <div class="field">
          <label for="account-role">身份</label>
          <select id="account-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)} {...field('role')}>
            {(roles.includes(role) ? roles : [role, ...roles]).map((r) => <option key={r} value={r}>{ROLES[r]}</option>)}
          </select>
          {error('role')}
        </div>
        <div class="field">
          <label for="account-region">地区</label>
          <select id="account-region" value={region} onChange={(e) => { setRegion((e.target as HTMLSelectElement).value); setMinisterId(''); }} {...field('region')}>
            {regions.map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　　' : r.level === 'prefecture' ? '　' : ''}{r.name}</option>)}
          </select>
          {error('region')}
        </div>
        {serves && (
          <div class="field">
            <label for="account-head">所服务的部长</label>
            <select id="account-head" value={ministerId} onChange={(e) => setMinisterId((e.target as HTMLSelectElement).value)} {...field('ministerId')}>
              <option value="">请选择</option>
              {heads.map((m) => <option key={m.id} value={m.id}>{m.name}（{regionName(m.regionCode)}）</option>)}
            </select>
            {error('ministerId')}
          </div>
        )}
        <div class="field">
          <label for="account-phone">手机号</label>
          <input id="account-phone" type="tel" inputMode="tel" value={phone} autocomplete="off" onInput={(e) => setPhone((e.target as HTMLInputElement).value)} {...field('phone')} />
          {error('phone')}
        </div>
        <div class="field">
          <label><input type="checkbox" id="account-enabled" checked={enabled} onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)} {...field('enabled')} /> 启用（取消勾选即停用，该账号不能再登录）</label>
          {error('enabled')}
        </div>
        <p class="hint" data-reassign-note>{REASSIGN_NOTE}</p>
        <p class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '正在保存…' : '保存'}</button></p>
      </form>
    </Shell>
  );
}
