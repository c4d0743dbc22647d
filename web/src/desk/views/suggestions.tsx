import { useEffect, useState } from 'preact/hooks';
import { SUGGESTION, SUGGESTION_CHANNELS } from '#schemas/kinds/visit.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { getList, type Listed, type StoredRecord } from '../data.ts';
import { ageInDays, regionQuery, type SuggestionItem, suggestionsInOrder, withVisitVersion } from '../lists.ts';
import { type Filters, hrefOf, type Route } from '../route.ts';
import { changed, names, navigate, top } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { shorten } from '../../text.ts';
import { VIEW_NAMES } from '../words.ts';
import { ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { MovedNotice } from './moved-notice.tsx';
import { FilterBar } from './filters.tsx';
import { PartialBar } from './partial.tsx';
import { SuggestionPanel } from './suggestion-panel.tsx';

/**
 * 意见建议台账: the suggestions collected on the visits the person may see (`GET /suggestions`),
 * pending first with how many days they have waited since the visit, then those answered or
 * resolved with the response; each moved on in place. A suggestion moved on keeps its place until the
 * list is loaded again, its confirmation under it: on a phone, where the finger was.
 */
/** Suggestions read at a time: a screen's worth, well within 300 KB. */
const PAGE = 200;

export function SuggestionsView({ route }: { route: Extract<Route, { view: 'suggestions' }> }) {
  const { filters } = route;
  const region = filters.region ?? top.value;
  const query = new URLSearchParams({ limit: String(PAGE), ...regionQuery(region) });
  if (filters.minister) query.set('ministerId', filters.minister);
  if (filters.status) query.set('status', filters.status);
  const loaded = useLoad(async (): Promise<Listed<SuggestionItem>> => {
    const listed = await getList<SuggestionItem>('/suggestions', query, PAGE);
    return { items: suggestionsInOrder(listed.items), nextCursor: listed.nextCursor };
  }, [region, filters.minister, filters.status]);
  // More read on go below those shown (in their order), so that nothing shown moves.
  const more = async () => {
    if (loaded.state.status !== 'ok' || !loaded.state.value.nextCursor) return;
    const { items, nextCursor } = loaded.state.value;
    const further = await getList<SuggestionItem>('/suggestions', query, PAGE, nextCursor);
    loaded.set({ items: [...items, ...suggestionsInOrder(further.items)], nextCursor: further.nextCursor });
  };
  const [open, setOpen] = useState<string>();
  const [done, setDone] = useState<{ id: string; text: string }>();
  const [moved, setMoved] = useState<readonly string[]>([]);
  // Loaded again (other filters), the list is in its order again.
  useEffect(() => { setMoved([]); setDone(undefined); setOpen(undefined); }, [region, filters.minister, filters.status]);
  const onChange = (next: Filters) => navigate({ view: 'suggestions', filters: next }, true);
  const today = beijingDate();

  const onMoved = (item: SuggestionItem, visit: StoredRecord) => {
    if (loaded.state.status !== 'ok') return;
    const fresh = (visit.suggestions as SuggestionItem[]).find((s) => s.id === item.id);
    const items = withVisitVersion(loaded.state.value.items, visit.id, visit.version)
      .map((s) => (s.id === item.id && fresh ? { ...s, status: fresh.status, response: fresh.response } : s));
    loaded.set({ ...loaded.state.value, items });
    changed.value = { kind: 'visits', record: visit };
    if (fresh && fresh.status !== item.status) {
      setMoved([...moved, item.id]);
      setDone({ id: item.id, text: `“${shorten(item.text, 20)}”已改为“${SUGGESTION.labels[fresh.status]}”。` });
      setOpen(undefined);
    }
  };

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="意见建议" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    // In the order loaded: one moved on stays where it was (and in a list filtered by its old status).
    const { nextCursor } = loaded.state.value;
    const rows = loaded.state.value.items.filter((s) => !filters.status || s.status === filters.status || moved.includes(s.id));
    const columns: Column<SuggestionItem>[] = [
      { key: 'status', label: '办理情况', width: 10, essential: true, value: (s) => SUGGESTION.labels[s.status] },
      { key: 'age', label: '已等待（天）', type: 'number', width: 12, essential: true, value: (s) => (s.status === 'pending' ? ageInDays(s, today) : undefined) },
      { key: 'text', label: '意见建议内容', width: 40, essential: true, value: (s) => s.text },
      { key: 'channel', label: '收集方式', width: 10, value: (s) => SUGGESTION_CHANNELS[s.channel as keyof typeof SUGGESTION_CHANNELS] },
      { key: 'branch', label: '走访的党组织', width: 24, value: (s) => s.visit.branch.name },
      { key: 'region', label: '所在地区', width: 14, value: (s) => findRegion(s.visit.branch.countyCode)?.name },
      { key: 'minister', label: '组织部长', width: 12, value: (s) => names.value.minister(s.visit.ministerId) },
      { key: 'date', label: '走访日期', type: 'date', width: 12, value: (s) => s.visit.date },
      { key: 'response', label: '答复或解决情况', width: 40, value: (s) => s.response },
    ];
    const table = tableOf(`${VIEW_NAMES.suggestions}${filters.status ? `-${SUGGESTION.labels[filters.status as SuggestionItem['status']]}` : ''}`, columns, rows);
    const item = rows.find((s) => s.id === open);
    body = (
      <>
        {nextCursor && <PartialBar shown={rows.length} onMore={more} />}
        <ExportBar table={table} partial={!!nextCursor} />
        <ListTable table={table} caption={`${VIEW_NAMES.suggestions}（待答复的在前）`} rowKey={(i) => rows[i].id}
          link={{ column: 'branch', href: (i) => hrefOf({ view: 'record', kind: 'visits', id: rows[i].visit.id, part: 'detail' }) }}
          cell={(column, i, text) => (column === 'status' ? <span class={`badge suggestion-${rows[i].status}`}>{text}</span> : undefined)}
          actions={(i) => (rows[i].status === 'resolved' ? null : (
            <button type="button" aria-expanded={open === rows[i].id ? 'true' : 'false'} onClick={() => { setDone(undefined); setOpen(open === rows[i].id ? undefined : rows[i].id); }}>
              {rows[i].status === 'pending' ? '答复' : '标记已解决'}<span class="visually-hidden">：{rows[i].text}</span>
            </button>
          ))}
          expanded={item ? { key: item.id, content: <SuggestionPanel key={item.id} item={item} onDone={(visit) => onMoved(item, visit)} /> }
            : done ? { key: done.id, content: <MovedNotice text={done.text} /> } : undefined} />
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="suggestions">
      <ViewTitle id="list-title">{VIEW_NAMES.suggestions}<small>{findRegion(region)?.name}</small></ViewTitle>
      <FilterBar label="筛选" filters={filters} show={['region', 'minister', 'suggestion']} onChange={onChange} />
      {body}
    </section>
  );
}
