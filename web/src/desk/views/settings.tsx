import { useState } from 'preact/hooks';
import { NOTICE_RULES, type NoticeRuleSetting, type NoticeRules, TIMED_RULE_DEFAULTS } from '#schemas/notices.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { ROBOT_TYPES, type Robot, type RobotType } from '#schemas/robots.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { announce } from '../../shell.ts';
import { getList, type Listed, send } from '../data.ts';
import { top } from '../state.ts';
import { Loading, Trouble, useLoad, ViewTitle } from './common.tsx';

/** 消息设置 (admins): the time-based notice rules, each region's group robot, and the log of posts to robots. */
export function SettingsView() {
  return (
    <section aria-labelledby="list-title" class="settings-view">
      <ViewTitle id="list-title">消息设置</ViewTitle>
      <RulesCard />
      <RobotCard />
      <DeliveriesCard />
    </section>
  );
}

/**
 * A refusal's messages by the field the API names (`rules[0].days`, `url`); those of a field the
 * form does not show (or of none) under '', so no message is lost.
 */
function errorsOf(problem: { errors?: { path: string; message: string }[]; title: string; detail?: string }, shown: (path: string) => boolean): Record<string, string> {
  const list = problem.errors?.length ? problem.errors : [{ path: '', message: problem.detail ?? problem.title }];
  const errors: Record<string, string> = {};
  for (const { path, message } of list) {
    const key = shown(path) ? path : '';
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  return errors;
}

function RulesCard() {
  const { state, reload } = useLoad(async () => {
    const answer = await send<NoticeRules>('/notice-rules');
    if (!answer.ok) throw new Error(answer.problem.title);
    return answer.value.rules;
  }, []);
  if (state.status === 'loading') return <Loading what="提醒规则" />;
  if (state.status === 'error') return <Trouble error={state.error} retry={reload} />;
  return <RulesForm key={JSON.stringify(state.value)} saved={state.value} />;
}

function RulesForm({ saved }: { saved: NoticeRuleSetting[] }) {
  const [rules, setRules] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const change = (i: number, patch: Partial<NoticeRuleSetting>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const days = (text: string) => (text.trim() === '' ? undefined : Number(text));
  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setNotice('');
    try {
      const answer = await send<NoticeRules>('/notice-rules', { method: 'PUT', body: { rules } });
      if (answer.ok) {
        setRules(answer.value.rules);
        setErrors({});
        setNotice('提醒规则已保存。');
        announce('提醒规则已保存');
      } else {
        setErrors(errorsOf(answer.problem, (path) => /^rules\[\d+\]\.(days|widerDays)$/.test(path)));
        announce('提醒规则有需要修改之处');
      }
    } finally {
      setBusy(false);
    }
  }
  const number = (i: number, key: 'days' | 'widerDays', label: string, value: number | undefined) => {
    const id = `rule-${i}-${key}`;
    const error = errors[`rules[${i}].${key}`];
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} type="number" inputMode="numeric" min={0} max={366} value={value ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => change(i, { [key]: days((e.target as HTMLInputElement).value) })} />
        {error && <p class="error-text" id={`${id}-error`} role="alert" data-error-for={`rules[${i}].${key}`}>{error}</p>}
      </div>
    );
  };
  return (
    <form class="card" aria-labelledby="rules-title" onSubmit={(e) => void save(e)} noValidate data-rules>
      <h3 id="rules-title">提醒规则</h3>
      {errors[''] && <p class="notice error" role="alert">{errors['']}</p>}
      {rules.map((rule, i) => {
        const defaults: object = TIMED_RULE_DEFAULTS[rule.rule];
        return (
          <fieldset key={rule.rule} data-rule={rule.rule}>
            <legend>{NOTICE_RULES[rule.rule]}</legend>
            <label><input type="checkbox" checked={rule.enabled} onChange={(e) => change(i, { enabled: (e.target as HTMLInputElement).checked })} /> 启用</label>
            {'days' in defaults && number(i, 'days', rule.rule === 'visit.none_this_month' ? '每月第几日' : '天数', rule.days)}
            {'widerDays' in defaults && number(i, 'widerDays', '上报上级天数', rule.widerDays)}
          </fieldset>
        );
      })}
      {notice && <p class="notice ok" role="status" data-saved>{notice}</p>}
      <p class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '正在保存…' : '保存'}</button></p>
    </form>
  );
}

function RobotCard() {
  const regions = ALL_REGIONS.filter((r) => regionContains(top.value, r.code));
  const [region, setRegion] = useState(top.value);
  return (
    <section class="card" aria-labelledby="robot-title" data-robots>
      <h3 id="robot-title">群机器人</h3>
      <div class="field">
        <label for="robot-region">地区</label>
        <select id="robot-region" value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
          {regions.map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　' : ''}{r.name}</option>)}
        </select>
      </div>
      <RegionRobot key={region} region={region} />
    </section>
  );
}

function RegionRobot({ region }: { region: string }) {
  const { state, reload } = useLoad(async () => {
    const answer = await send<Robot>(`/robots/${region}`);
    if (answer.ok) return answer.value;
    if (answer.status === 404) return null;
    throw new Error(answer.problem.title);
  }, [region]);
  const [type, setType] = useState<RobotType>('wecom');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (state.status === 'loading') return <Loading what="群机器人" />;
  if (state.status === 'error') return <Trouble error={state.error} retry={reload} />;
  const robot = state.value;
  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await send<Robot>(`/robots/${region}`, { method: 'PUT', body: { type, url: url.trim(), ...(type === 'dingtalk' && secret ? { secret } : {}) } });
      if (answer.ok) {
        setErrors({});
        setUrl('');
        setSecret('');
        announce('群机器人已保存');
        reload();
      } else setErrors(errorsOf(answer.problem, (path) => ['type', 'url', 'secret'].includes(path)));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    if (!confirm(`确定移除${findRegion(region)?.name ?? region}的群机器人？`)) return;
    const answer = await send<null>(`/robots/${region}`, { method: 'DELETE' });
    if (answer.ok || answer.status === 404) { announce('群机器人已移除'); reload(); }
    else setErrors(errorsOf(answer.problem, (path) => ['type', 'url', 'secret'].includes(path)));
  }
  const error = (key: string) => errors[key] && <p class="error-text" id={`robot-${key}-error`} role="alert" data-error-for={key}>{errors[key]}</p>;
  const invalid = (key: string) => ({ 'aria-invalid': errors[key] ? 'true' as const : undefined, 'aria-describedby': errors[key] ? `robot-${key}-error` : undefined });
  return (
    <>
      {robot ? (
        <dl class="robot" data-robot={robot.type}>
          <dt>类型</dt><dd>{ROBOT_TYPES[robot.type]}</dd>
          <dt>地址</dt><dd class="url">{robot.url}</dd>
          {robot.secretSet && <><dt>密钥</dt><dd>已设置密钥</dd></>}
          <dd><button type="button" onClick={() => void remove()}>移除</button></dd>
        </dl>
      ) : <p class="hint" data-no-robot>该地区尚未设置群机器人。</p>}
      <form onSubmit={(e) => void save(e)} noValidate aria-label={robot ? '更换群机器人' : '设置群机器人'}>
        {error('')}
        <div class="field">
          <label for="robot-type">类型</label>
          <select id="robot-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value as RobotType)} {...invalid('type')}>
            {Object.entries(ROBOT_TYPES).map(([value, name]) => <option key={value} value={value}>{name}</option>)}
          </select>
          {error('type')}
        </div>
        <div class="field">
          <label for="robot-url">Webhook 地址</label>
          <input id="robot-url" type="url" spellcheck={false} autocomplete="off" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} {...invalid('url')} />
          {error('url')}
        </div>
        {type === 'dingtalk' && (
          <div class="field">
            <label for="robot-secret">加签密钥</label>
            <input id="robot-secret" type="password" autocomplete="off" value={secret} onInput={(e) => setSecret((e.target as HTMLInputElement).value)} {...invalid('secret')} />
            {error('secret')}
          </div>
        )}
        <p class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '正在保存…' : '保存'}</button></p>
      </form>
    </>
  );
}

interface Delivery { id: string; regionCode: string; status: 'sent' | 'retrying' | 'failed'; attempts: number; lastAnswer: string; createdAt: string }
const DELIVERY_STATUS_NAMES = { sent: '已发送', retrying: '重试中', failed: '失败' } as const;
const PAGE = 20;


function DeliveriesCard() {
  const [failedOnly, setFailedOnly] = useState(false);
  const [more, setMore] = useState<Listed<Delivery>>();
  const { state, reload } = useLoad(() => getList<Delivery>('/deliveries', new URLSearchParams({ limit: String(PAGE), ...(failedOnly ? { status: 'failed' } : {}) }), PAGE), [failedOnly]);
  const shown = more ?? (state.status === 'ok' ? state.value : undefined);
  async function readMore() {
    if (!shown?.nextCursor) return;
    const next = await getList<Delivery>('/deliveries', new URLSearchParams({ limit: String(PAGE), ...(failedOnly ? { status: 'failed' } : {}) }), PAGE, shown.nextCursor);
    setMore({ items: [...shown.items, ...next.items], nextCursor: next.nextCursor });
  }
  return (
    <section class="card" aria-labelledby="deliveries-title" data-deliveries>
      <h3 id="deliveries-title">发送记录</h3>
      <div class="field">
        <label for="deliveries-status">状态</label>
        <select id="deliveries-status" value={failedOnly ? 'failed' : ''} onChange={(e) => { setMore(undefined); setFailedOnly((e.target as HTMLSelectElement).value === 'failed'); }}>
          <option value="">全部</option>
          <option value="failed">失败</option>
        </select>
      </div>
      {state.status === 'loading' ? <Loading what="发送记录" /> : state.status === 'error' ? <Trouble error={state.error} retry={reload} /> : shown && (
        <>
          {shown.items.length === 0 ? <p class="hint" data-empty>暂无发送记录。</p> : (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">发送记录，最新的在前</caption>
                <thead><tr><th scope="col">地区</th><th scope="col">状态</th><th scope="col">尝试次数</th><th scope="col">最后答复</th><th scope="col">时间（北京）</th></tr></thead>
                <tbody>
                  {shown.items.map((d) => (
                    <tr key={d.id} data-delivery={d.status}>
                      <td>{findRegion(d.regionCode)?.name ?? d.regionCode}</td>
                      <td>{DELIVERY_STATUS_NAMES[d.status]}</td>
                      <td>{d.attempts}</td>
                      <td class="answer">{d.lastAnswer}</td>
                      <td>{beijingDateTime(d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {shown.nextCursor && <p class="actions"><button type="button" onClick={() => void readMore()}>更多</button></p>}
        </>
      )}
    </section>
  );
}
