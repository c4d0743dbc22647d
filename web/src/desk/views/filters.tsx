import { REVIEW_STATES } from '#schemas/form.ts';
import { KINDS, kindNamed } from '#schemas/kinds/index.ts';
import { SUGGESTION } from '#schemas/kinds/visit.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { GREY_PART_NAMES, GREY_PARTS, LIGHT_ORDER, LIGHTS } from '../lights.ts';
import { type Filters, withFilter } from '../route.ts';
import { ministers, person, top } from '../state.ts';

/** On a phone the filters start folded, so the list is what the person sees first. */
const wide = () => matchMedia('(min-width: 48rem)').matches;

export type FilterKey = 'kind' | 'region' | 'minister' | 'dates' | 'status' | 'review' | 'suggestion' | 'light';

/**
 * A list's filters, each a labelled control; a change rewrites the address (the list follows it),
 * so a filtered list can be reloaded, shared and exported as shown.
 */
export function FilterBar({ filters, show, onChange, label }: { filters: Filters; show: readonly FilterKey[]; onChange: (next: Filters) => void; label: string }) {
  const set = (key: string) => (event: Event) => onChange(withFilter(filters, key, (event.target as HTMLSelectElement).value));
  const regions = ALL_REGIONS.filter((r) => r.code !== top.value && regionContains(top.value, r.code));
  const indent = (level: string) => (level === 'county' && findRegion(top.value)?.level === 'province' ? '　' : '');
  const kind = filters.kind ? kindNamed(filters.kind) : undefined;
  const own = person.value.role === 'submitter' && person.value.ministerId;
  const select = (key: string, text: string, options: [string, string][], all = '全部') => (
    <div class="field" key={key}>
      <label for={`filter-${key}`}>{text}</label>
      <select id={`filter-${key}`} value={filters[key] ?? ''} onChange={set(key)}>
        <option value="">{all}</option>
        {options.map(([value, name]) => <option key={value} value={value}>{name}</option>)}
      </select>
    </div>
  );
  const chosen = Object.keys(filters).length;
  return (
    <details class="filters card" open={wide()}>
      <summary>{label}{chosen > 0 ? `（已选 ${chosen} 项）` : ''}</summary>
      <form class="filter-fields" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {show.includes('kind') && select('kind', '类别', KINDS.map((k) => [k.form.path, k.form.label.zh]), '全部类别')}
      {show.includes('region') && regions.length > 0 && select('region', '地区', regions.map((r) => [r.code, `${indent(r.level)}${r.name}`]), findRegion(top.value)?.name ?? '全部')}
      {show.includes('minister') && !own && ministers.value.length > 0 && select('minister', '组织部长', ministers.value.map((m) => [m.id, m.name]), '全部部长')}
      {show.includes('dates') && (
        <>
          <div class="field"><label for="filter-from">日期从</label><input id="filter-from" type="date" value={filters.from ?? ''} onChange={set('from')} /></div>
          <div class="field"><label for="filter-to">日期至</label><input id="filter-to" type="date" value={filters.to ?? ''} onChange={set('to')} /></div>
        </>
      )}
      {show.includes('status') && kind && select('status', kind.presentation.labels.status?.label ?? '状态',
        [...Object.entries(kind.form.statuses.labels as Record<string, string>), ['withdrawn', '已撤回']])}
      {show.includes('review') && select('review', '审核状态', [...Object.entries(REVIEW_STATES).filter(([s]) => s !== 'received'), ['all', '全部']], REVIEW_STATES.received)}
      {show.includes('suggestion') && select('status', '办理情况', Object.entries(SUGGESTION.labels))}
      {show.includes('light') && select('light', '灯', [
        ...LIGHT_ORDER.map((l): [string, string] => [l, `${LIGHTS[l].name} ${LIGHTS[l].meaning}`]), ...GREY_PARTS.map((part): [string, string] => [part, `灰·${GREY_PART_NAMES[part]}`]),
      ])}
      {chosen > 0 && <p class="clear"><a href="#" onClick={(e) => { e.preventDefault(); onChange({}); }}>清除筛选</a></p>}
      </form>
    </details>
  );
}
