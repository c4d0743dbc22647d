import './styles.css';
import { roleMay } from '#schemas/access.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { attachmentIdsOf } from '#schemas/attachment-field.ts';
import { request, SignInRequired, Unreachable } from './api.ts';
import { signIn } from './auth.ts';
import type { WebConfig } from './config.ts';
import { fill, h } from './dom.ts';
import { branchPageFetcher } from './forms/branch-fetch.ts';
import { branchSource } from './forms/branch-source.ts';
import { findKept } from './forms/branch-registry.ts';
import { outboxEvidence } from './evidence/outbox-wiring.ts';
import { watchConnection } from './forms/connection.ts';
import type { FormContext, Minister } from './forms/controls.ts';
import { drafts as draftStore } from './forms/drafts.ts';
import { type FormView, formView } from './forms/form-view.ts';
import { queueView, SUSPECTED_DUPLICATE } from './forms/queue-view.ts';
import { kindTabs } from './forms/tabs.ts';
import { checkInput } from './forms/validate.ts';
import { refusalOf } from './forms/refusal.ts';
import { sourceControl } from './forms/source-control.ts';
import { sourceLists } from './forms/sources.ts';
import { ministerNames } from './minister-names.ts';
import { beijingDate } from '#schemas/time.ts';
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
const MINISTERS = 'xjc.ministers';
const LAST_MINISTER = 'xjc.lastMinister';

async function ministersFor(config: WebConfig, region: string): Promise<Minister[]> {
  try {
    const answer = await request<{ items: Minister[] }>(config, `/ministers?region=${region}&limit=500`);
    if (answer.status === 200) {
      localStorage.setItem(MINISTERS, JSON.stringify(answer.body.items));
      ministerNames(localStorage).remember(answer.body.items);
      return answer.body.items;
    }
  } catch {
    // Offline or signed out: the last list kept on the device will do.
  }
  return JSON.parse(localStorage.getItem(MINISTERS) ?? '[]') as Minister[];
}

/** What a person recognises a submission by in the outbox: its kind, then what its kind says. */
/** An outbox entry's title: the kind's own, a registered branch (sent as its id) named from the list kept on the device. */
const titleOf = (kind: Kind, body: Record<string, unknown>) => {
  const branch = body.branch as { id?: unknown; name?: unknown } | undefined;
  const kept = typeof branch?.id === 'string' && branch.name === undefined ? findKept(branch.id) : undefined;
  const shown = kept ? { ...body, branch: { ...branch, name: kept.name } } : body;
  return [kind.form.label.zh, kind.presentation.title(shown as Partial<FormRecord>)].filter(Boolean).join(' · ');
};

/** Posts with `owner`'s token only: another person's token on the device means "wait for them to sign in". */
function postWith(config: WebConfig, owner: string) {
  return async (path: string, body: unknown) => {
    if (!navigator.onLine) throw new Unreachable('offline');
    const answer = await request(config, path, { method: 'POST', body, as: owner });
    const retryAfter = Number(answer.headers.get('retry-after'));
    return { status: answer.status, body: answer.body, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
  };
}

function startForms({ config, person, main }: Page, ministers: Minister[]): void {
  const drafts = draftStore(person.sub);
  const names = ministerNames(localStorage);
  const lists = sourceLists({
    get: (path) => request(config, path),
    store: localStorage,
    online: () => navigator.onLine,
    today: () => beijingDate(),
  });
  const branches = branchSource(branchPageFetcher(config));
  const context = (kind: Kind): FormContext => ({
    kind, region: person.region, ministerId: person.ministerId, ministers, ministerName: names.nameOf(person.ministerId),
    lastMinisterId: localStorage.getItem(LAST_MINISTER) ?? undefined, branches,
    custom: (ctx, path, field) => (kind.name === 'problem' && path === 'foundBy' && field.kind === 'group' ? sourceControl(ctx, path, field, lists) : undefined),
  });
  const host = h('div', { class: 'card', id: 'form-host', role: 'tabpanel' });
  // A submission kept or stored: green. A refusal is never said here, but in the red box below it.
  const done = h('p', { class: 'notice ok', id: 'saved', hidden: true, tabindex: -1 });
  const refused = h('div', { class: 'notice error', id: 'refused', role: 'alert', hidden: true, tabindex: -1 });
  let current: { kind: Kind; view: FormView };
  /** Why an entry was refused, and what to do when correcting it cannot help. */
  const refusalOfEntry = (entry: OutboxEntry) => refusalOf(entry.status, entry.problem, { ownMinister: !!person.ministerId });

  let knownRefused = new Set<string>();
  let submitting: string | undefined;
  const afterFlush = (result: FlushResult | void) => queue.needsSignIn(result?.stopped === 'sign-in');
  // Evidence (佐证材料): files wait in IndexedDB with their record; announced before it, uploaded after it.
  const evidence = outboxEvidence(config, person.sub, () => outbox.entries());
  const flush = (force = false) => {
    if (navigator.onLine) void outbox.flush(force).then(afterFlush, () => undefined).then(() => evidence.evidence.run(force));
  };
  const queue = queueView({
    sendNow: () => flush(true),
    signIn: () => void signIn(config),
    edit: (entry) => reopen(entry),
    remove: (entry) => { outbox.remove(entry.id); void evidence.evidence.dropRecord(entry.id); },
    ministerOf: (entry) => (typeof entry.body.ministerId === 'string' ? names.label(entry.body.ministerId) : undefined),
    refusalOf: refusalOfEntry,
    files: evidence.files,
  });

  /** A refused submission back in its form, under its id, with the API's errors beside the fields they name. */
  function reopen(entry: OutboxEntry): void {
    const kind = KINDS.find((k) => k.name === entry.kind)!;
    open(kind, entry.body);
    current.view.showErrors(refusalOfEntry(entry).fieldErrors);
  }
  const outbox: Outbox = createOutbox({
    store: localStorage,
    owner: person.sub,
    post: evidence.post(postWith(config, person.sub)),
    onChange: (entries) => {
      queue.show(entries);
      // A refusal that comes later (sent when the connection returned) is said too, not only listed.
      const refusedNow = new Set(entries.filter((e) => e.state === 'refused').map((e) => e.id));
      // The one being submitted now is said by its own red box.
      const fresh = [...refusedNow].filter((id) => !knownRefused.has(id) && id !== submitting);
      knownRefused = refusedNow;
      if (fresh.length > 0) announce(`有 ${fresh.length} 条提交被退回，请在“发送情况”中查看原因。`);
    },
    isUnreachable: (e) => e instanceof Unreachable,
    isSignInRequired: (e) => e instanceof SignInRequired,
  });
  const tabs = kindTabs(KINDS, (kind) => {
    // A refusal said for another kind's form is not this one's: it stays listed in the outbox.
    if (kind !== current?.kind) refused.hidden = true;
    open(kind);
  });

  /**
   * Opens a kind's form: with a body (a refused submission to correct), with the draft left
   * unfinished on this device, or empty.
   */
  function open(kind: Kind, body?: Record<string, unknown>): void {
    const view = formView(kind, context(kind), (v) => void submit(kind, v));
    const draft = body ? undefined : drafts.read(kind.name);
    if (body ?? draft) view.load((body ?? draft)!);
    const keep = () => drafts.keep(kind.name, view.read());
    view.el.addEventListener('input', keep);
    view.el.addEventListener('change', keep);
    current = { kind, view };
    host.setAttribute('aria-label', kind.form.label.zh);
    const restored = draft
      ? h('p', { class: 'notice', id: 'draft-restored' }, '已恢复上次未提交的内容。 ',
        h('button', { type: 'button', class: 'link', onclick: () => { drafts.clear(kind.name); open(kind); } }, '清空重填'))
      : null;
    fill(host, h('h3', {}, kind.form.label.zh), restored, view.el);
    tabs.select(kind);
    if (location.hash !== `#${kind.form.path}`) history.replaceState(null, '', `#${kind.form.path}`);
  }

  async function submit(kind: Kind, view: FormView): Promise<void> {
    const body = view.read();
    const errors = checkInput(kind.form, body);
    view.showErrors(errors);
    if (errors.length > 0) {
      announce(`有 ${errors.length} 处需要修改`);
      return;
    }
    localStorage.setItem(LAST_MINISTER, String(body.ministerId));
    // Into the outbox (written to the device at once, before any sending) and only then is the draft let go.
    const title = titleOf(kind, body);
    submitting = view.id();
    await evidence.evidence.queue(view.id(), attachmentIdsOf(body));
    const adding = outbox.add({ id: view.id(), kind: kind.name, path: `/${kind.form.path}`, title, body });
    drafts.clear(kind.name);
    refused.hidden = true;
    done.classList.add('ok');
    done.hidden = false;
    done.textContent = `已保存在本机：${title}。${navigator.onLine ? '正在发送…' : '当前离线，联网后自动发送。'}`;
    open(kind);
    done.focus();
    afterFlush(await adding.finally(() => { submitting = undefined; }));
    const entry = outbox.entries().find((e) => e.id === view.id());
    if (entry?.state === 'refused') return showRefused(entry, kind);
    if (entry?.state === 'sent') done.textContent = entry.suspectedDuplicate ? `已入库（疑似重复）：${entry.title}。${SUSPECTED_DUPLICATE}` : `已入库：${entry.title}`;
    // Stored but not counted yet: not the green of a plain success.
    done.classList.toggle('ok', !entry?.suspectedDuplicate);
    announce(done.textContent);
  }

  /**
   * A submission the API refused: said in red (role=alert) with the reason and, when the person
   * cannot put it right, who can; back in its form with the errors beside their fields, unless
   * the person has meanwhile started on another record.
   */
  function showRefused(entry: OutboxEntry, kind: Kind): void {
    const refusal = refusalOfEntry(entry);
    done.hidden = true;
    const untouched = current.kind === kind && !drafts.read(kind.name);
    fill(refused,
      h('strong', {}, `未能提交：${entry.title}`),
      h('span', { class: 'reason' }, `（${refusal.reason}）`),
      refusal.help ? h('span', { class: 'help' }, refusal.help) : null,
      h('span', { class: 'help' }, refusal.fixable
        ? (untouched ? '已在下方表单中标出需要修改之处，修改后重新提交。' : '可在下方“发送情况”中打开修改。')
        : '内容仍保存在本机“发送情况”中。'));
    refused.hidden = false;
    if (untouched) reopen(entry);
    refused.focus();
  }

  fill(main,
    deskLink({ config, person, main }),
    watchConnection(() => flush(true)),
    h('section', { 'aria-labelledby': 'compose-title' }, h('h2', { id: 'compose-title' }, '填报'), tabs.el, done, refused, host),
    queue.el);
  setInterval(flush, RETRY_EVERY_MS);
  open(KINDS.find((k) => `#${k.form.path}` === location.hash) ?? KINDS[0]);
  queue.show(outbox.entries());
  knownRefused = new Set(outbox.entries().filter((e) => e.state === 'refused').map((e) => e.id));
  // Files of forms no longer open and of records long sent are let go.
  void evidence.evidence.prune(new Set([...outbox.entries().map((e) => e.id), ...KINDS.map((k) => String(drafts.read(k.name)?.id)), current!.view.id()]));
  flush(true);
}

/**
 * Staff review and reporters read: neither reports records, so each is sent where their work is
 * (staff: the desk, 工作台; reporters: the figures), and the page says so meanwhile.
 */
function notForThisRole(page: Page): void {
  const reviews = !!page.person.role && roleMay(page.person.role, 'records.review');
  const target = reviews ? { href: 'desk.html', name: '工作台' } : { href: 'dashboard.html', name: '统计' };
  fill(page.main, h('section', { class: 'card' },
    h('h2', {}, '此账号不用于填报'),
    h('p', {}, reviews
      ? '填报由组织部长及其工作人员进行。您的账号在工作台审核记录、跟踪问题整改和意见建议办理，也可以查看统计。'
      : '填报由组织部长及其工作人员进行。您的账号可以查看统计。'),
    h('p', {}, `正在前往${target.name}…`),
    h('a', { class: 'button', href: target.href }, `前往${target.name}`)));
  location.replace(target.href);
}

/** Admins both report and review: the forms, and a way to the desk. */
const deskLink = (page: Page) => (page.person.role && roleMay(page.person.role, 'records.review')
  ? h('p', { class: 'notice', id: 'desk-link' }, '审核记录、问题整改台账、意见建议台账和导出在', h('a', { href: 'desk.html' }, '工作台'), '。')
  : null);

void startPage(async (page) => {
  if (!page.person.role || !roleMay(page.person.role, 'records.create')) return notForThisRole(page);
  // The outbox lives in this site's storage: ask the browser not to clear it when the phone runs short of space.
  void navigator.storage?.persist?.().catch(() => undefined);
  startForms(page, await ministersFor(page.config, page.person.region));
});

