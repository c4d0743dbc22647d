import { findRegion } from '#schemas/regions.ts';
import { getDocument } from '../../api.ts';
import { currentConfig } from '../data.ts';
import { contactRows, type ScorecardList } from '../registry/contacts.ts';
import { top } from '../state.ts';
import { tableOf } from '../table.ts';
import { ExportBar, ListTable, Loading, Trouble, useLoad } from './common.tsx';

/**
 * 联系点: the heads of the region whose contact branches are not all visited yet this year (by their
 * own counted visits), from `GET /scorecards`: how many of their contact branches each has visited,
 * and which are still waiting, by name.
 */
export function ContactsView() {
  const region = top.value;
  const { state, reload } = useLoad(() => getDocument<ScorecardList>(currentConfig(), `/scorecards?region=${region}`), [region]);
  if (state.status === 'loading') return <Loading what="联系点" />;
  if (state.status === 'error') return <Trouble error={state.error} retry={reload} />;
  const list = state.value;
  const { waiting, covered, without } = contactRows(list.items);
  const table = tableOf('联系点未走访', [
    { key: 'name', label: '组织部长', essential: true, value: (r: (typeof waiting)[number]) => r.name },
    { key: 'region', label: '地区', value: (r) => findRegion(r.regionCode)?.name ?? r.regionCode },
    { key: 'visited', label: '已走访', type: 'number', width: 8, value: (r) => r.visited },
    { key: 'assigned', label: '联系点', type: 'number', width: 8, value: (r) => r.assigned },
    { key: 'waiting', label: '未走访的联系点', width: 40, essential: true, value: (r) => r.waiting.join('、') },
  ], waiting);
  return (
    <section aria-labelledby="list-title">
      <p class="hint" data-as-of={list.asOf}>{list.year} 年，截至 {list.asOf}：部长本人当年计入统计的走访记录中点名的联系点算作已走访。</p>
      <p role="status" data-summary>联系点尚未走访完的部长 {waiting.length} 人；已全部走访 {covered} 人；未分配联系点 {without} 人。</p>
      <ExportBar table={table} />
      <ListTable table={table} caption="联系点尚未走访完的部长" rowKey={(i) => waiting[i].id} />
    </section>
  );
}
