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
  /** The branch registry's views (支部名册): import, heads' contact branches not yet visited, typed-in branches to match. */
  | { view: RegistryView };

export const REGISTRY_VIEWS = ['import', 'contacts', 'matching'] as const;
export type RegistryView = (typeof REGISTRY_VIEWS)[number];
export const isRegistryRoute = (route: Route): route is { view: RegistryView } => (REGISTRY_VIEWS as readonly string[]).includes(route.view);

export type ListRoute = Extract<Route, { view: 'queue' | 'duplicates' | 'problems' | 'suggestions' }>;

/** A list's filters, as query parameters (`kind`, `region`, `minister`, `from`, `to`, `status`, `review`, `light`). */
export type Filters = Readonly<Record<string, string>>;

const FILTER_KEYS = ['kind', 'region', 'minister', 'from', 'to', 'status', 'review', 'light'] as const;
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
    case 'import':
    case 'contacts':
    case 'matching': return `#/${route.view}`;
    case 'queue':
    case 'problems':
    case 'suggestions': return `#/${route.view}${query(route.filters)}`;
    case 'record': return `#/record/${route.kind}/${route.id}${route.part === 'detail' ? '' : `/${route.part}`}`;
  }
}

export const isListRoute = (route: Route): route is ListRoute =>
  route.view === 'queue' || route.view === 'duplicates' || route.view === 'problems' || route.view === 'suggestions';

/** The same filters with one changed (an empty value removes it). */
export function withFilter(filters: Filters, key: string, value: string): Filters {
  const next: Record<string, string> = { ...filters };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}
