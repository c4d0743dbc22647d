import { useEffect } from 'preact/hooks';
import { kindNamed } from '#schemas/kinds/index.ts';
import { announce } from '../shell.ts';
import { hrefOf, isListRoute, isRegistryRoute, type ListRoute, parseRoute, type Route } from './route.ts';
import { lastList, mayImport, mayReview, route, showRoute } from './state.ts';
import { RegistryViews } from './views/registry-lazy.tsx';
import { OWN_QUEUE_NAME, VIEW_NAMES } from './words.ts';
import { DuplicatesView } from './views/duplicates.tsx';
import { HomeView } from './views/home.tsx';
import { ProblemsView } from './views/problems.tsx';
import { QueueView } from './views/queue.tsx';
import { RecordView } from './views/record.tsx';
import { SuggestionsView } from './views/suggestions.tsx';

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

  const current = route.value;
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
      {current.view === 'home' ? <HomeView /> : isRegistryRoute(current) ? <RegistryViews view={current.view} /> : (
        <div class="panes">
          {list && <div class="pane-list">{listView(list, detail?.id)}</div>}
          {detail && <div class="pane-detail"><RecordView key={`${detail.kind}/${detail.id}`} route={detail} /></div>}
        </div>
      )}
    </div>
  );
}

function listView(list: ListRoute, current?: string) {
  switch (list.view) {
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
  return route.view === 'home' ? '工作台' : VIEW_NAMES[route.view];
}

function DeskNav({ current }: { current: Route['view'] }) {
  const links: [Route, string][] = [
    [{ view: 'home' }, VIEW_NAMES.home],
    [{ view: 'queue', filters: {} }, mayReview.value ? VIEW_NAMES.queue : OWN_QUEUE_NAME],
    [{ view: 'duplicates' }, VIEW_NAMES.duplicates],
    [{ view: 'problems', filters: {} }, VIEW_NAMES.problems],
    [{ view: 'suggestions', filters: {} }, VIEW_NAMES.suggestions],
    // The registry's views are the department's work: staff and admins (import: those who may write the registry).
    ...(mayReview.value ? [[{ view: 'matching' }, VIEW_NAMES.matching], [{ view: 'contacts' }, VIEW_NAMES.contacts]] as [Route, string][] : []),
    ...(mayImport.value ? [[{ view: 'import' }, VIEW_NAMES.import]] as [Route, string][] : []),
  ];
  return (
    <nav class="desk-nav" aria-label="工作台">
      {links.map(([r, name]) => <a key={r.view} href={hrefOf(r)} aria-current={r.view === current ? 'page' : undefined}>{name}</a>)}
    </nav>
  );
}
