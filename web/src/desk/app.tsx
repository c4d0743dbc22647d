import { useEffect, useRef } from 'preact/hooks';
import { kindNamed } from '#schemas/kinds/index.ts';
import { announce } from '../shell.ts';
import { hrefOf, isListRoute, isRegistryRoute, type ListRoute, type PageRoute, parseRoute, type Route } from './route.ts';
import { lastList, mayImport, mayManageAccounts, mayReview, mayManageNotices, person, route, showRoute } from './state.ts';
import { RegistryViews } from './views/registry-lazy.tsx';
import { DUTY_NAME, OWN_DUTY_NAME, OWN_QUEUE_NAME, VIEW_NAMES } from './words.ts';
import { HomeView } from './views/home.tsx';
import { lazyPart, lazyView } from './views/lazy.tsx';
import { MineView } from './views/mine.tsx';
import { QueueView } from './views/queue.tsx';

// Views no role starts on are loaded when first opened (one chunk): the desk's first view need not carry them.
const pages = () => import('./views/on-demand.tsx');
const DutyView = lazyView(() => pages().then((m) => m.DutyView), DUTY_NAME);
const CollectionView = lazyView(() => pages().then((m) => m.CollectionView), VIEW_NAMES.collection);
const BulletinView = lazyView(() => pages().then((m) => m.BulletinView), VIEW_NAMES.bulletin);
const RosterView = lazyView(() => pages().then((m) => m.RosterView), VIEW_NAMES.roster);
const DuplicatesView = lazyView(() => pages().then((m) => m.DuplicatesView), VIEW_NAMES.duplicates);
const ProblemsView = lazyView(() => pages().then((m) => m.ProblemsView), VIEW_NAMES.problems);
const SuggestionsView = lazyView(() => pages().then((m) => m.SuggestionsView), VIEW_NAMES.suggestions);
const SettingsView = lazyView(() => pages().then((m) => m.SettingsView), VIEW_NAMES.settings);
const MonthsView = lazyView(() => pages().then((m) => m.MonthsView), VIEW_NAMES.months);
const AccountsView = lazyView(() => pages().then((m) => m.AccountsView), VIEW_NAMES.accounts);
/**
 * A record's page (its fields described from the form table, its history, its review) is a chunk of
 * its own, fetched as soon as the desk starts, so it is there before anyone opens a record.
 */
const RecordView = lazyPart(() => import('./views/record.tsx').then((m) => m.RecordView), '记录', { atStart: true });

/**
 * The desk: its own navigation, then the view the address names. A record opened from a list
 * sits beside it on a wide screen (the list stays where it was); on a phone it takes the screen,
 * with a way back. When the view changes, focus moves to its heading and the view is announced.
 */
export function Desk() {
  useEffect(() => {
    const follow = () => showRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);

  // A submitter's first view is their own records (我的填报).
  const current: Route = route.value.view === 'home' && !mayReview.value ? { view: 'mine', filters: {} } : route.value;
  const detail = current.view === 'record' ? current : undefined;
  const list = isListRoute(current) ? current : detail ? lastList.value : undefined;
  const where = detail ? `${detail.kind}/${detail.id}/${detail.part}` : current.view;

  useEffect(() => {
    const heading = document.getElementById(detail ? 'record-title' : current.view === 'home' ? 'home-title' : 'list-title');
    if (document.activeElement !== document.body && document.activeElement?.closest('main') === null) return;
    heading?.focus({ preventScroll: false });
    announce(viewName(current));
  }, [where]);

  return (
    <div class={`desk${detail && list ? ' split' : ''}`}>
      <DeskNav current={detail && list ? list.view : current.view} />
      {current.view === 'home' ? <HomeView /> : current.view === 'settings' ? (mayManageNotices.value ? <SettingsView /> : <p class="notice">{VIEW_NAMES.settings}供管理员使用。</p>) : isRegistryRoute(current) ? <RegistryViews view={current.view} /> : isPageRoute(current) ? pageView(current) : (
        <div class="panes">
          {list && <div class="pane-list">{listView(list, detail?.id)}</div>}
          {detail && <div class="pane-detail"><RecordView key={`${detail.kind}/${detail.id}`} route={detail} /></div>}
        </div>
      )}
    </div>
  );
}

const isPageRoute = (r: Route): r is PageRoute => r.view === 'duty' || r.view === 'collection' || r.view === 'roster' || r.view === 'months' || r.view === 'bulletin' || r.view === 'accounts';

function pageView(page: PageRoute) {
  switch (page.view) {
    case 'duty': return <DutyView route={page} />;
    case 'collection': return <CollectionView route={page} />;
    case 'roster': return <RosterView route={page} />;
    case 'months': return mayReview.value ? <MonthsView route={page} /> : <p class="notice">{VIEW_NAMES.months}供组织部门工作人员和管理员使用。</p>;
    case 'bulletin': return <BulletinView route={page} />;
    case 'accounts': return mayManageAccounts.value ? <AccountsView route={page} /> : <p class="notice">{VIEW_NAMES.accounts}供组织部门工作人员和管理员使用。</p>;
  }
}

function listView(list: ListRoute, current?: string) {
  switch (list.view) {
    case 'mine': return <MineView route={list} current={current} />;
    case 'queue': return <QueueView route={list} current={current} />;
    case 'duplicates': return <DuplicatesView />;
    case 'problems': return <ProblemsView route={list} current={current} />;
    case 'suggestions': return <SuggestionsView route={list} />;
  }
}

/** What a screen reader hears when a view opens. */
function viewName(route: Route): string {
  if (route.view === 'record') return `${kindNamed(route.kind)?.form.label.zh ?? ''}${route.part === 'history' ? '修改记录' : route.part === 'edit' ? '修改' : '详情'}`;
  if (route.view === 'queue' && !mayReview.value) return OWN_QUEUE_NAME;
  if (route.view === 'duty') return route.id ? DUTY_NAME : mayReview.value ? VIEW_NAMES.duty : OWN_DUTY_NAME;
  return route.view === 'home' ? '工作台' : VIEW_NAMES[route.view];
}

/**
 * Staff and admins: the overview, review, the ledgers, 总结讲评, the report collection, the
 * roster and 月度报送. A submitter: their own records (their first view), their own 述职 (a head's staff too), the
 * ledgers of their own, the collection of their own reports.
 */
function DeskNav({ current }: { current: Route['view'] }) {
  const staff = mayReview.value;
  const links: [Route, string][] = staff ? [
    [{ view: 'home' }, VIEW_NAMES.home],
    [{ view: 'queue', filters: {} }, VIEW_NAMES.queue],
    [{ view: 'duplicates' }, VIEW_NAMES.duplicates],
    [{ view: 'problems', filters: {} }, VIEW_NAMES.problems],
    [{ view: 'suggestions', filters: {} }, VIEW_NAMES.suggestions],
    [{ view: 'duty', filters: {} }, VIEW_NAMES.duty],
    [{ view: 'collection', filters: {} }, VIEW_NAMES.collection],
    [{ view: 'bulletin', filters: {} }, VIEW_NAMES.bulletin],
    [{ view: 'roster', filters: {} }, VIEW_NAMES.roster],
    [{ view: 'months', filters: {} }, VIEW_NAMES.months],
    // The registry's views are the department's work: staff and admins (import: those who may write the registry).
    [{ view: 'matching' }, VIEW_NAMES.matching],
    [{ view: 'contacts' }, VIEW_NAMES.contacts],
    ...(mayImport.value ? [[{ view: 'import' }, VIEW_NAMES.import]] as [Route, string][] : []),
    ...(mayManageNotices.value ? [[{ view: 'settings' }, VIEW_NAMES.settings]] as [Route, string][] : []),
    ...(mayManageAccounts.value ? [[{ view: 'accounts', filters: {} }, VIEW_NAMES.accounts]] as [Route, string][] : []),
  ] : [
    [{ view: 'mine', filters: {} }, VIEW_NAMES.mine],
    ...(person.value.ministerId ? [[{ view: 'duty', filters: {} }, OWN_DUTY_NAME] as [Route, string]] : []),
    [{ view: 'duplicates' }, VIEW_NAMES.duplicates],
    [{ view: 'problems', filters: {} }, VIEW_NAMES.problems],
    [{ view: 'suggestions', filters: {} }, VIEW_NAMES.suggestions],
    [{ view: 'collection', filters: {} }, VIEW_NAMES.collection],
  ];
  // On a phone the links are one row that scrolls: the current view's link is brought into it.
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const row = nav.current;
    const link = row?.querySelector<HTMLElement>('[aria-current]');
    if (!row || !link || row.scrollWidth <= row.clientWidth) return;
    row.scrollLeft = link.offsetLeft - (row.clientWidth - link.offsetWidth) / 2;
  }, [current]);
  return (
    // A link tabbed to half under the edge is scrolled fully into the row (the browser leaves it cut).
    <nav class="desk-nav" aria-label="工作台" ref={nav} onFocusIn={(e) => (e.target as HTMLElement).scrollIntoView({ block: 'nearest', inline: 'nearest' })}>
      {links.map(([r, name]) => <a key={r.view} href={hrefOf(r)} aria-current={r.view === current ? 'page' : undefined}>{name}</a>)}
    </nav>
  );
}
