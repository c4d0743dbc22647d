import './styles.css';
import { PERMISSIONS } from '../../functions/auth/policy.ts';
import { FORMS } from '../../schemas/forms.ts';
import type { Form } from '../../schemas/form.ts';
import { request, SignInRequired, Unreachable } from './api.ts';
import { signIn } from './auth.ts';
import type { WebConfig } from './config.ts';
import { fill, h } from './dom.ts';
import type { FormContext, Minister } from './forms/controls.ts';
import { type FormView, formView } from './forms/form-view.ts';
import { checkInput } from './forms/validate.ts';
import { createOutbox, type FlushResult, type Outbox, type OutboxEntry } from './outbox.ts';
import { announce, type Page, startPage } from './shell.ts';

/**
 * The forms page: one form per kind of the catalogue, checked in the browser with the API's own
 * schemas, and an outbox that keeps every submission on the device until the API has it.
 */

/**
 * How often waiting submissions are looked at. Each entry backs off on its own after a failed
 * attempt (2 s, 4 s, … up to 5 min), so a phone that says it is online while nothing gets through
 * is not hammered, and one whose signal returns is not kept waiting long.
 */
const RETRY_EVERY_MS = 5_000;
const CONNECTION_GLANCE_MS = 2_000;
const MINISTERS = 'xjc.ministers';
const LAST_MINISTER = 'xjc.lastMinister';

async function ministersFor(config: WebConfig, region: string): Promise<Minister[]> {
  try {
    const answer = await request<{ items: Minister[] }>(config, `/ministers?region=${region}&limit=500`);
    if (answer.status === 200) {
      localStorage.setItem(MINISTERS, JSON.stringify(answer.body.items));
      return answer.body.items;
    }
  } catch {
    // Offline or signed out: the last list kept on the device will do.
  }
  return JSON.parse(localStorage.getItem(MINISTERS) ?? '[]') as Minister[];
}

/** What a person recognises a submission by in the outbox. */
function titleOf(form: Form, body: Record<string, unknown>): string {
  const pick = (...values: unknown[]) => values.find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  const branch = body.branch as { name?: string } | undefined;
  const branches = body.branches as { name?: string }[] | undefined;
  const nominee = body.nominee as { name?: string } | undefined;
  const what = pick(branch?.name, body.title, branches?.[0]?.name, nominee?.name, body.subject, body.topic);
  const when = pick(body.date, body.foundOn, body.adoptedOn);
  return [form.label.zh, what, when].filter(Boolean).join(' · ');
}

/** The unfinished form of each kind, kept on the device as it is typed. */
const drafts = {
  key: (kind: string) => `xjc.draft.${kind}`,
  read(kind: string): Record<string, unknown> | undefined {
    const raw = localStorage.getItem(drafts.key(kind));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  },
  keep: (kind: string, body: Record<string, unknown>) => localStorage.setItem(drafts.key(kind), JSON.stringify(body)),
  clear: (kind: string) => localStorage.removeItem(drafts.key(kind)),
};

const STATE_NAMES: Record<OutboxEntry['state'], string> = { waiting: '待发送', sent: '已发送', refused: '被退回' };

function startForms({ config, person, main }: Page, ministers: Minister[]): void {
  const context = (form: Form): FormContext => ({
    kind: form.kind, region: person.region, ministerId: person.ministerId, ministers, lastMinisterId: localStorage.getItem(LAST_MINISTER) ?? undefined,
  });
  const connection = h('p', { class: 'notice', id: 'connection' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': '填报类别' });
  const host = h('div', { class: 'card', id: 'form-host', role: 'tabpanel' });
  const done = h('p', { class: 'notice ok', id: 'saved', hidden: true, tabindex: -1 });
  const queueCounts = h('p', { id: 'queue-counts' });
  const queueList = h('ul', { class: 'queue', id: 'queue', 'aria-label': '提交记录' });
  const sendNow = h('button', { type: 'button', id: 'send-now' }, '立即发送');
  const signInAgain = h('p', { class: 'notice error', hidden: true },
    '登录已过期：重新登录后，待发送的内容会自动发送。 ', h('button', { type: 'button', onclick: () => void signIn(config) }, '重新登录'));
  fill(main,
    connection,
    h('section', { 'aria-labelledby': 'compose-title' }, h('h2', { id: 'compose-title' }, '填报'), tabs, done, host),
    h('section', { class: 'card', 'aria-labelledby': 'queue-title' },
      h('h2', { id: 'queue-title' }, '发送情况'), queueCounts, signInAgain, h('div', { class: 'actions' }, sendNow), queueList));

  let current: { form: Form; view: FormView };

  const outbox: Outbox = createOutbox({
    store: localStorage,
    post: async (path, body) => {
      if (!navigator.onLine) throw new Unreachable('offline');
      const answer = await request(config, path, { method: 'POST', body });
      const retryAfter = Number(answer.headers.get('retry-after'));
      return { status: answer.status, body: answer.body, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
    },
    onChange: (entries) => showQueue(entries),
    isUnreachable: (e) => e instanceof Unreachable,
    isSignInRequired: (e) => e instanceof SignInRequired,
  });

  /**
   * Opens a kind's form: with a body (a refused submission to correct), with the draft left
   * unfinished on this device (a phone's browser may drop the page at any time), or empty.
   */
  function open(form: Form, body?: Record<string, unknown>): void {
    const view = formView(form, context(form), (v) => void submit(form, v));
    const draft = body ? undefined : drafts.read(form.kind);
    if (body ?? draft) view.load((body ?? draft)!);
    const keep = () => drafts.keep(form.kind, view.read());
    view.el.addEventListener('input', keep);
    view.el.addEventListener('change', keep);
    current = { form, view };
    host.setAttribute('aria-label', form.label.zh);
    const restored = draft
      ? h('p', { class: 'notice', id: 'draft-restored' }, '已恢复上次未提交的内容。 ',
        h('button', { type: 'button', class: 'link', onclick: () => { drafts.clear(form.kind); open(form); } }, '清空重填'))
      : null;
    fill(host, h('h3', {}, form.label.zh), restored, view.el);
    for (const tab of tabs.children) {
      const selected = (tab as HTMLElement).dataset.kind === form.kind;
      tab.setAttribute('aria-selected', String(selected));
      // One stop in the Tab order for the whole row; the arrow keys move between kinds.
      tab.setAttribute('tabindex', selected ? '0' : '-1');
    }
    if (location.hash !== `#${form.path}`) history.replaceState(null, '', `#${form.path}`);
  }

  async function submit(form: Form, view: FormView): Promise<void> {
    const body = view.read();
    const errors = checkInput(form, body);
    view.showErrors(errors);
    if (errors.length > 0) {
      announce(`有 ${errors.length} 处需要修改`);
      return;
    }
    localStorage.setItem(LAST_MINISTER, String(body.ministerId));
    // Into the outbox (written to the device at once, before any sending) and only then is the draft let go.
    const adding = outbox.add({ id: view.id(), kind: form.kind, path: `/${form.path}`, title: titleOf(form, body), body });
    drafts.clear(form.kind);
    done.hidden = false;
    done.textContent = `已保存在本机：${titleOf(form, body)}。${navigator.onLine ? '正在发送…' : '当前离线，联网后自动发送。'}`;
    open(form);
    done.focus();
    const result = await adding;
    afterFlush(result);
    const entry = outbox.entries().find((e) => e.id === view.id());
    if (entry?.state === 'sent') done.textContent = `已发送：${entry.title}`;
    else if (entry?.state === 'refused') done.textContent = `被退回：${entry.title}，请在下方“发送情况”中修改。`;
    announce(done.textContent);
  }

  function afterFlush(result: FlushResult | void): void {
    signInAgain.hidden = result?.stopped !== 'sign-in';
  }

  function edit(entry: OutboxEntry): void {
    const form = FORMS.find((f) => f.kind === entry.kind)!;
    open(form, entry.body);
    current.view.showErrors(entry.problem?.errors ?? [{ path: '', message: entry.problem?.detail ?? entry.problem?.title ?? '被退回' }]);
  }

  function showQueue(entries: OutboxEntry[]): void {
    const count = (state: OutboxEntry['state']) => entries.filter((e) => e.state === state).length;
    queueCounts.textContent = `待发送 ${count('waiting')} · 已发送 ${count('sent')} · 被退回 ${count('refused')}`;
    sendNow.disabled = count('waiting') === 0;
    const order = { waiting: 0, refused: 1, sent: 2 };
    const sorted = [...entries].sort((a, b) => order[a.state] - order[b.state] || (b.sentAt ?? b.queuedAt).localeCompare(a.sentAt ?? a.queuedAt));
    fill(queueList, sorted.map((entry) => h('li', { 'data-id': entry.id, 'data-state': entry.state },
      h('span', { class: `badge ${entry.state}` }, STATE_NAMES[entry.state]),
      h('span', {}, entry.title),
      entry.state === 'sent' ? h('span', { class: 'hint' }, entry.status === 201 ? '已入库' : '此前已入库（重复发送不会重复计数）') : null,
      entry.state === 'waiting' && entry.attempts > 0 ? h('span', { class: 'hint' }, `已尝试 ${entry.attempts} 次`) : null,
      entry.state === 'refused' ? [
        h('span', { class: 'error-text' }, entry.problem?.errors?.map((e) => e.message).join('；') || entry.problem?.detail || entry.problem?.title || `HTTP ${entry.status}`),
        h('span', { class: 'actions' },
          h('button', { type: 'button', onclick: () => edit(entry) }, '修改后重新提交'),
          h('button', { type: 'button', class: 'link', onclick: () => outbox.remove(entry.id) }, '删除')),
      ] : null)));
  }

  function showConnection(): void {
    connection.textContent = navigator.onLine ? '在线' : '离线：提交的内容保存在本机，联网后自动发送。';
    connection.className = navigator.onLine ? 'notice' : 'notice error';
  }

  const flush = (force = false) => {
    if (navigator.onLine) void outbox.flush(force).then(afterFlush, () => undefined);
  };
  sendNow.addEventListener('click', () => flush(true));
  // The connection's return, told by the 'online' event or, where a browser does not fire it, seen by a glance every few seconds.
  let wasOnline = navigator.onLine;
  const connectionChanged = () => {
    if (navigator.onLine === wasOnline) return;
    wasOnline = navigator.onLine;
    showConnection();
    if (wasOnline) flush(true);
  };
  window.addEventListener('online', connectionChanged);
  window.addEventListener('offline', connectionChanged);
  setInterval(connectionChanged, CONNECTION_GLANCE_MS);
  setInterval(flush, RETRY_EVERY_MS);

  for (const form of FORMS) {
    tabs.append(h('button', { type: 'button', role: 'tab', 'data-kind': form.kind, 'aria-controls': 'form-host', onclick: () => open(form) }, form.label.zh));
  }
  tabs.addEventListener('keydown', (event) => {
    const moves: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % FORMS.length, ArrowLeft: (i) => (i - 1 + FORMS.length) % FORMS.length, Home: () => 0, End: () => FORMS.length - 1,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = FORMS[move(FORMS.indexOf(current.form))];
    open(next);
    tabs.querySelector<HTMLElement>(`[data-kind="${next.kind}"]`)?.focus();
  });
  open(FORMS.find((f) => `#${f.path}` === location.hash) ?? FORMS[0]);
  showConnection();
  showQueue(outbox.entries());
  flush(true);
}

/** Staff review and reporters read: neither reports records, so their page says where to go instead. */
function notForThisRole(page: Page): void {
  fill(page.main, h('section', { class: 'card' },
    h('h2', {}, '此账号不用于填报'),
    h('p', {}, '填报由组织部长及其工作人员进行。您的账号可以查看统计和审核记录。'),
    h('a', { class: 'button', href: 'dashboard.html' }, '查看统计')));
}

void startPage(async (page) => {
  if (!(PERMISSIONS['records.create'] as readonly string[]).includes(page.person.role)) return notForThisRole(page);
  // The outbox lives in this site's storage: ask the browser not to clear it when the phone runs short of space.
  void navigator.storage?.persist?.().catch(() => undefined);
  startForms(page, await ministersFor(page.config, page.person.region));
});
