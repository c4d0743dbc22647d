import { kindNamed } from '#schemas/kinds/index.ts';

/**
 * The desk's views, as its address has them after `#` (`#/queue?kind=visits`,
 * `#/record/problems/<id>`, `#/problems`, …), so the back button, a reload and a shared link show
 * the same view. No DOM here.
 */
export type Route =
  | { view: 'home' }
  | { view: 'queue'; filters: Filters }
  | { view: 'duplicates' }
  | { view: 'problems'; filters: Filters }
  | { view: 'suggestions'; filters: Filters }
  | { view: 'record'; kind: string; id: string; part: 'detail' | 'history' | 'edit' }
  /** 我的填报: a submitter's own records of every kind, under every review state (their first view; a list). */
  | { view: 'mine'; filters: Filters }
  /** 述职: one head's scorecard (`id`), or without one the heads of the region side by side (总结讲评). */
  | { view: 'duty'; id?: string; filters: Filters }
  /** 调研报告集: the reports of a region and period as one printable document. */
  | { view: 'collection'; filters: Filters }
  /** 部长名册: the heads of the region; `id` opens one (`new`: a head being added). */
  | { view: 'roster'; id?: string; filters: Filters }
  /** The branch registry's views (支部名册): import, heads' contact branches not yet visited, typed-in branches to match. */
  | { view: RegistryView }
  /** 消息设置 (admins): notice rules, group robots, the delivery log. */
  | { view: 'settings' }
  /** 月度报送 (staff and admins): a region's month (`region`, `month` YYYY-MM), its children and its steps. */
  | { view: 'months'; filters: Filters }
  /** 通报: a region's children ranked for a month (`region`, `month`). */
  | { view: 'bulletin'; filters: Filters }
  /** 用户管理 (staff and admins): the accounts of the region (`region`, `role`); `id` opens one by username (`new`: one being added). */
  | { view: 'accounts'; id?: string; filters: Filters };

export const REGISTRY_VIEWS = ['import', 'contacts', 'matching'] as const;
export type RegistryView = (typeof REGISTRY_VIEWS)[number];
export const isRegistryRoute = (route: Route): route is { view: RegistryView } => (REGISTRY_VIEWS as readonly string[]).includes(route.view);

/** The views that stand alone (no list beside them). */
export type PageRoute = Extract<Route, { view: 'duty' | 'collection' | 'roster' | 'months' | 'bulletin' | 'accounts' }>;

export type ListRoute = Extract<Route, { view: 'queue' | 'duplicates' | 'problems' | 'suggestions' | 'mine' }>;

/**
 * A list's filters, as query parameters (`kind`, `region`, `minister`, `from`, `to`, `status`,
 * `review`, `light`; a scorecard's `year` and `date`; the roster's search `q`; 月度报送's `month`).
 */
export type Filters = Readonly<Record<string, string>>;

const FILTER_KEYS = ['kind', 'region', 'minister', 'from', 'to', 'status', 'review', 'light', 'year', 'date', 'q', 'month', 'role'] as const;
/** A username as the accounts API takes it (the issuer's subject, a phone or employee number). */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;
/** A head's id as the API accepts it (`m-630102-01`, a UUID, …). */
const HEAD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filtersOf(query: string): Filters {
  const params = new URLSearchParams(query);
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The route an address names; anything unknown is the desk's first view. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'queue': return { view: 'queue', filters: filtersOf(query) };
    case 'duplicates': return { view: 'duplicates' };
    case 'problems': return { view: 'problems', filters: filtersOf(query) };
    case 'suggestions': return { view: 'suggestions', filters: filtersOf(query) };
    case 'import':
    case 'contacts':
    case 'matching': return { view: parts[0] };
    case 'mine': return { view: 'mine', filters: filtersOf(query) };
    case 'settings': return { view: 'settings' };
    case 'collection': return { view: 'collection', filters: filtersOf(query) };
    case 'months': return { view: 'months', filters: filtersOf(query) };
    case 'bulletin': return { view: 'bulletin', filters: filtersOf(query) };
    case 'accounts': {
      const id = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
      if (parts.length > 2 || (id !== undefined && !USERNAME.test(id))) return { view: 'home' };
      return { view: 'accounts', id, filters: filtersOf(query) };
    }
    case 'duty':
    case 'roster': {
      const id = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
      if (parts.length > 2 || (id !== undefined && !HEAD_ID.test(id))) return { view: 'home' };
      return { view: parts[0], id, filters: filtersOf(query) };
    }
    case 'record': {
      const kind = kindNamed(parts[1] ?? '');
      const part = parts[3] === 'history' || parts[3] === 'edit' ? parts[3] : parts[3] === undefined ? 'detail' : undefined;
      // A kind by its collection path only, and an id that can name a record: anything else names nothing.
      if (!kind || kind.form.path !== parts[1] || !UUID.test(parts[2] ?? '') || !part || parts.length > 4) return { view: 'home' };
      return { view: 'record', kind: kind.form.path, id: parts[2].toLowerCase(), part };
    }
    default: return { view: 'home' };
  }
}

/** The address of a route (`#/queue?kind=visits`). */
export function hrefOf(route: Route): string {
  const query = (filters: Filters) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  switch (route.view) {
    case 'home': return '#/';
    case 'duplicates': return '#/duplicates';
    case 'settings': return '#/settings';
    case 'import':
    case 'contacts':
    case 'matching': return `#/${route.view}`;
    case 'queue':
    case 'problems':
    case 'suggestions': return `#/${route.view}${query(route.filters)}`;
    case 'record': return `#/record/${route.kind}/${route.id}${route.part === 'detail' ? '' : `/${route.part}`}`;
    case 'mine':
    case 'months':
    case 'collection':
    case 'bulletin': return `#/${route.view}${query(route.filters)}`;
    case 'duty':
    case 'accounts':
    case 'roster': return `#/${route.view}${route.id ? `/${encodeURIComponent(route.id)}` : ''}${query(route.filters)}`;
  }
}

export const isListRoute = (route: Route): route is ListRoute =>
  route.view === 'queue' || route.view === 'duplicates' || route.view === 'problems' || route.view === 'suggestions' || route.view === 'mine';

/** The same filters with one changed (an empty value removes it). */
export function withFilter(filters: Filters, key: string, value: string): Filters {
  const next: Record<string, string> = { ...filters };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}
