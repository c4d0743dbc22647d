import './styles.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { roleMay } from '#schemas/access.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { attachmentIdsOf } from '#schemas/attachment-field.ts';
import { request, SignInRequired, Unreachable } from './api.ts';
import { signIn } from './auth.ts';
import type { WebConfig } from './config.ts';
import { branchPageFetcher } from './forms/branch-fetch.ts';
import { branchSource } from './forms/branch-source.ts';
import { findKept } from './forms/branch-registry.ts';
import { outboxEvidence } from './evidence/outbox-wiring.ts';
import { ConnectionLine, watchConnection } from './forms/connection.tsx';
import type { FieldsContext, Minister } from './fields/context.ts';
import { RecordForm } from './fields/record-form.tsx';
import { drafts as draftStore } from './forms/drafts.ts';
import { type QueueActions, QueueView, SUSPECTED_DUPLICATE } from './forms/queue-view.tsx';
import { KindTabs } from './forms/tabs.tsx';
import { checkInput, type FieldError } from './forms/validate.ts';
import { type Refusal, refusalOf } from './forms/refusal.ts';
import { SourceField } from './forms/source-field.tsx';
import { QueueFiles } from './evidence/queue-files.tsx';
import { sourceLists } from './forms/sources.ts';
import { ministerNames } from './minister-names.ts';
import { beijingDate } from '#schemas/time.ts';
import { monthLocks, type MonthLock, monthPlaceOf } from './months/lock.ts';
import { createOutbox, type FlushResult, isCorrection, type Outbox, type OutboxEntry, recordOf } from './outbox.ts';
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
  const context = (kind: Kind): FieldsContext => ({
    kind, region: person.region, ministerId: person.ministerId, ministers, ministerName: names.nameOf(person.ministerId),
    lastMinisterId: localStorage.getItem(LAST_MINISTER) ?? undefined, branches,
    custom: (props) => (kind.name === 'problem' && props.path === 'foundBy' && props.field.kind === 'group'
      ? <SourceField {...props} field={props.field} lists={lists} /> : undefined),
  });
  /** The form open now: its kind, its record's id, what it opened with; `key` a new one for each opening. */
  const opened = signal<{ kind: Kind; id: string; initial?: Record<string, unknown>; restored: boolean; key: number; ctx: FieldsContext }>();
  const errors = signal<FieldError[]>([]);
  // A submission kept or stored: green. A refusal is never said there, but in the red box below it.
  const done = signal<{ text: string; ok: boolean } | undefined>();
  const refused = signal<{ entry: OutboxEntry; refusal: Refusal; untouched: boolean } | undefined>();
  const entries = signal<OutboxEntry[]>([]);
  /** Corrections (修改) kept on this device and not sent yet: the desk sends them; here they are pointed to. */
  const corrections = signal<OutboxEntry[]>([]);
  const needsSignIn = signal(false);
  /** The month the open form's record falls in, when it is locked (月度报送): said above the form, and nothing sent into it. */
  const locked = signal<MonthLock | undefined>();
  const locks = monthLocks((path) => request(config, path, { cache: 'no-store' }));
  const placeOf = (kind: Kind, body: Record<string, unknown>) => monthPlaceOf(kind, body, (id) => findKept(id)?.county);
  /** Asks about the month of the record as typed; an answer for a form since changed is let go. */
  function watchMonth(kind: Kind, body: Record<string, unknown>): void {
    const place = placeOf(kind, body);
    const key = place && `${place.month}/${place.region}`;
    watched = key;
    if (!place) return void (locked.value = undefined);
    if (locked.value && `${locked.value.month}/${locked.value.region}` !== key) locked.value = undefined;
    void locks.check(place).then((lock) => {
      if (watched !== key) return;
      if (lock && locked.value?.text !== lock.text) announce(lock.text);
      locked.value = lock;
    });
  }
  let watched: string | undefined;
  let openings = 0;
  /** Why an entry was refused, and what to do when correcting it cannot help. */
  const refusalOfEntry = (entry: OutboxEntry) => refusalOf(entry.status, entry.problem, { ownMinister: !!person.ministerId });

  let knownRefused = new Set<string>();
  let submitting: string | undefined;
  const afterFlush = (result: FlushResult | void) => { needsSignIn.value = result?.stopped === 'sign-in'; };
  // Evidence (佐证材料): files wait in IndexedDB with their record; announced before it, uploaded after it.
  const evidence = outboxEvidence(config, person.sub, () => outbox.entries());
  const flush = (force = false) => {
    if (navigator.onLine) void outbox.flush(force).then(afterFlush, () => undefined).then(() => evidence.evidence.run(force));
  };
  const actions: QueueActions = {
    sendNow: () => flush(true),
    signIn: () => void signIn(config),
    edit: (entry) => reopen(entry),
    remove: (entry) => { outbox.remove(entry.id); void evidence.evidence.dropRecord(entry.id); },
    ministerOf: (entry) => (typeof entry.body.ministerId === 'string' ? names.label(entry.body.ministerId) : undefined),
    refusalOf: refusalOfEntry,
    files: (entry) => <QueueFiles evidence={evidence.evidence} recordId={entry.id} changes={evidence.changes} />,
  };

  /** A refused submission back in its form, under its id, with the API's errors beside the fields they name. */
  function reopen(entry: OutboxEntry): void {
    const kind = KINDS.find((k) => k.name === entry.kind)!;
    open(kind, entry.body);
    errors.value = refusalOfEntry(entry).fieldErrors;
  }
  const outbox: Outbox = createOutbox({
    store: localStorage,
    owner: person.sub,
    post: evidence.post(postWith(config, person.sub)),
    // Corrections of stored records are the desk's to send and show (修改), with their record.
    sends: (e) => !isCorrection(e),
    onChange: (all) => {
      corrections.value = all.filter((e) => isCorrection(e) && e.state !== 'sent');
      const now = all.filter((e) => !isCorrection(e));
      entries.value = now;
      // A refusal that comes later (sent when the connection returned) is said too, not only listed.
      const refusedNow = new Set(now.filter((e) => e.state === 'refused').map((e) => e.id));
      // The one being submitted now is said by its own red box.
      const fresh = [...refusedNow].filter((id) => !knownRefused.has(id) && id !== submitting);
      knownRefused = refusedNow;
      if (fresh.length > 0) announce(`有 ${fresh.length} 条提交被退回，请在“发送情况”中查看原因。`);
    },
    isUnreachable: (e) => e instanceof Unreachable,
    isSignInRequired: (e) => e instanceof SignInRequired,
  });

  /**
   * Opens a kind's form: with a body (a refused submission to correct), with the draft left
   * unfinished on this device, or empty.
   */
  function open(kind: Kind, body?: Record<string, unknown>): void {
    const draft = body ? undefined : drafts.read(kind.name);
    const initial = body ?? draft;
    const id = typeof initial?.id === 'string' ? initial.id : crypto.randomUUID();
    opened.value = { kind, id, initial, restored: !!draft, key: ++openings, ctx: context(kind) };
    errors.value = [];
    watchMonth(kind, initial ?? {});
    if (location.hash !== `#${kind.form.path}`) history.replaceState(null, '', `#${kind.form.path}`);
  }
  const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

  async function submit(kind: Kind, body: Record<string, unknown>): Promise<void> {
    const found = checkInput(kind.form, body);
    errors.value = found;
    if (found.length > 0) {
      announce(`有 ${found.length} 处需要修改`);
      return;
    }
    // A locked month takes nothing: the form stays as typed, and the notice above it is where the focus goes.
    const place = placeOf(kind, body);
    const lock = place && await locks.check(place);
    if (lock) {
      locked.value = lock;
      announce(`未能提交：${lock.text}`);
      focusSoon('month-locked');
      return;
    }
    localStorage.setItem(LAST_MINISTER, String(body.ministerId));
    // Into the outbox (written to the device at once, before any sending) and only then is the draft let go.
    const id = String(body.id);
    const title = titleOf(kind, body);
    submitting = id;
    await evidence.evidence.queue(id, attachmentIdsOf(body));
    const adding = outbox.add({ id, kind: kind.name, path: `/${kind.form.path}`, title, body });
    drafts.clear(kind.name);
    refused.value = undefined;
    done.value = { text: `已保存在本机：${title}。${navigator.onLine ? '正在发送…' : '当前离线，联网后自动发送。'}`, ok: true };
    open(kind);
    focusSoon('saved');
    afterFlush(await adding.finally(() => { submitting = undefined; }));
    const entry = outbox.entries().find((e) => e.id === id);
    if (entry?.state === 'refused') return showRefused(entry, kind);
    // Stored but not counted yet: not the green of a plain success.
    if (entry?.state === 'sent') done.value = { text: entry.suspectedDuplicate ? `已入库（疑似重复）：${entry.title}。${SUSPECTED_DUPLICATE}` : `已入库：${entry.title}`, ok: !entry.suspectedDuplicate };
    announce(done.value.text);
  }

  /**
   * A submission the API refused: said in red (role=alert) with the reason and, when the person
   * cannot put it right, who can; back in its form with the errors beside their fields, unless
   * the person has meanwhile started on another record.
   */
  function showRefused(entry: OutboxEntry, kind: Kind): void {
    done.value = undefined;
    const untouched = opened.value?.kind === kind && !drafts.read(kind.name);
    refused.value = { entry, refusal: refusalOfEntry(entry), untouched };
    if (untouched) reopen(entry);
    focusSoon('refused');
  }

  function FormsPage() {
    const form = opened.value;
    const shownDone = done.value;
    const shownRefused = refused.value;
    const lock = locked.value;
    if (!form) return null;
    const { kind } = form;
    return (
      <>
        <DeskLink person={person} />
        <ConnectionLine online={online.value} />
        <section aria-labelledby="compose-title">
          <h2 id="compose-title">填报</h2>
          <KindTabs kinds={KINDS} current={kind} open={(next) => {
            // A refusal said for another kind's form is not this one's: it stays listed in the outbox.
            if (next !== kind) refused.value = undefined;
            open(next);
          }} />
          <p class={shownDone?.ok ? 'notice ok' : 'notice'} id="saved" hidden={!shownDone} tabIndex={-1}>{shownDone?.text}</p>
          <div class="notice error" id="refused" role="alert" hidden={!shownRefused} tabIndex={-1}>
            {shownRefused && <>
              <strong>{`未能提交：${shownRefused.entry.title}`}</strong>
              <span class="reason">{`（${shownRefused.refusal.reason}）`}</span>
              {shownRefused.refusal.help && <span class="help">{shownRefused.refusal.help}</span>}
              <span class="help">{shownRefused.refusal.fixable
                ? (shownRefused.untouched ? '已在下方表单中标出需要修改之处，修改后重新提交。' : '可在下方“发送情况”中打开修改。')
                : '内容仍保存在本机“发送情况”中。'}</span>
            </>}
          </div>
          <div class="card" id="form-host" role="tabpanel" aria-label={kind.form.label.zh}>
            <h3>{kind.form.label.zh}</h3>
            {form.restored && (
              <p class="notice" id="draft-restored">已恢复上次未提交的内容。 <button type="button" class="link" onClick={() => { drafts.clear(kind.name); open(kind); }}>清空重填</button></p>
            )}
            {lock && <p class="notice" id="month-locked" role="status" tabIndex={-1} data-month={lock.month} data-region={lock.region}><strong>{lock.text}</strong></p>}
            <RecordForm key={form.key} kind={kind} ctx={form.ctx} id={form.id} initial={form.initial} errors={errors.value}
              onChange={(body) => { drafts.keep(kind.name, body); watchMonth(kind, body); }} onSubmit={(body) => void submit(kind, body)} />
          </div>
        </section>
        <QueueView entries={entries.value} needsSignIn={needsSignIn.value} actions={actions} />
        <KeptCorrections entries={corrections.value} />
      </>
    );
  }

  const online = watchConnection(() => flush(true));
  setInterval(flush, RETRY_EVERY_MS);
  open(KINDS.find((k) => `#${k.form.path}` === location.hash) ?? KINDS[0]);
  entries.value = outbox.entries().filter((e) => !isCorrection(e));
  corrections.value = outbox.entries().filter((e) => isCorrection(e) && e.state !== 'sent');
  knownRefused = new Set(entries.value.filter((e) => e.state === 'refused').map((e) => e.id));
  render(<FormsPage />, main);
  // Files of forms no longer open and of records long sent are let go.
  void evidence.evidence.prune(new Set([...outbox.entries().map(recordOf), ...KINDS.map((k) => String(drafts.read(k.name)?.id)), opened.value!.id]));
  flush(true);
}

/**
 * Staff review and reporters read: neither reports records, so each is sent where their work is
 * (staff: the desk, 工作台; reporters: the figures), and the page says so meanwhile.
 */
function notForThisRole(page: Page): void {
  const reviews = !!page.person.role && roleMay(page.person.role, 'records.review');
  const target = reviews ? { href: 'desk.html', name: '工作台' } : { href: 'dashboard.html', name: '统计' };
  render(
    <section class="card">
      <h2>此账号不用于填报</h2>
      <p>{reviews
        ? '填报由组织部长及其工作人员进行。您的账号在工作台审核记录、跟踪问题整改和意见建议办理，也可以查看统计。'
        : '填报由组织部长及其工作人员进行。您的账号可以查看统计。'}</p>
      <p>{`正在前往${target.name}…`}</p>
      <a class="button" href={target.href}>{`前往${target.name}`}</a>
    </section>, page.main);
  location.replace(target.href);
}

/** Corrections kept on the device, each a link to its record on the desk, which sends them (and shows a refusal). */
function KeptCorrections({ entries }: { entries: OutboxEntry[] }) {
  if (entries.length === 0) return null;
  const href = (e: OutboxEntry) => `desk.html#/record/${KINDS.find((k) => k.name === e.kind)?.form.path ?? ''}/${recordOf(e)}`;
  return (
    <section class="card" id="kept-corrections" aria-labelledby="kept-corrections-title">
      <h2 id="kept-corrections-title">待发送的修改</h2>
      <p class="hint">已保存在本机，在工作台联网后自动发送。</p>
      <ul>{entries.map((e) => (
        <li key={e.id} data-state={e.state}><a href={href(e)}>{e.title}</a>{e.state === 'refused' ? '（未能提交，请在工作台查看）' : '（待发送）'}</li>
      ))}</ul>
    </section>
  );
}

/** Admins both report and review: the forms, and a way to the desk. */
const DeskLink = ({ person }: { person: Page['person'] }) => (person.role && roleMay(person.role, 'records.review')
  ? <p class="notice" id="desk-link">审核记录、问题整改台账、意见建议台账和导出在<a href="desk.html">工作台</a>。</p>
  : null);

void startPage(async (page) => {
  if (!page.person.role || !roleMay(page.person.role, 'records.create')) return notForThisRole(page);
  // The outbox lives in this site's storage: ask the browser not to clear it when the phone runs short of space.
  void navigator.storage?.persist?.().catch(() => undefined);
  startForms(page, await ministersFor(page.config, page.person.region));
});

