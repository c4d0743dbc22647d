import { h } from '../dom.ts';
import { type Control, controlFor, domId, type FormContext, wrap } from './controls.ts';
import type { Field } from './model.ts';
import type { Listed, SourceLists } from './sources.ts';

/**
 * A problem's source (`foundBy`): how it came to light (走访 · 督查督导 · 其他), then the record it
 * came from, chosen from a list: the head's visits, or an inspection and one of its findings.
 * Offline with no list kept on the device, it says so: choose 其他, or wait for a connection.
 */
export function sourceControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'group' }>, lists: SourceLists): Control {
  const fields = new Map(field.fields);
  const source = controlFor({ ...ctx, custom: undefined }, `${path}.source`, fields.get('source')!);
  const record = h('select', { name: `${path}.id` });
  const finding = h('select', { name: `${path}.findingId` });
  // Shown only when needed, and then required: no "选填" on them.
  const recordWrap = wrap(ctx, `${path}.id`, { ...fields.get('id')!, optional: false }, record);
  const findingWrap = wrap(ctx, `${path}.findingId`, { ...fields.get('findingId')!, optional: false }, finding);
  const status = h('p', { class: 'hint', id: `${domId(`${path}.id`)}-status`, role: 'status' });
  const reload = h('button', { type: 'button', class: 'link', hidden: true, onclick: () => void refresh() }, '重新加载列表');
  record.after(status, reload);
  record.setAttribute('aria-describedby', `${record.getAttribute('aria-describedby')} ${status.id}`);
  const el = wrap(ctx, path, field, h('div', {}, source.el, recordWrap, findingWrap), true);

  /** What was chosen (or loaded back), kept while the lists change under it. */
  let wanted: { id?: string; findingId?: string } = {};
  let shown: Listed<{ id: string; label: string; findings?: { id: string; label: string }[] }> = { items: [], from: 'api' };
  let loads = 0;
  const kind = () => source.read() as 'visit' | 'inspection' | 'other' | undefined;
  const minister = () => ctx.ministerId ?? (el.closest('form')?.querySelector<HTMLSelectElement>('select[name=ministerId]')?.value || undefined);

  const options = (select: HTMLSelectElement, items: { id: string; label: string }[], chosen: string | undefined, prompt: string) => {
    const known = items.some((i) => i.id === chosen);
    select.replaceChildren(h('option', { value: '' }, prompt),
      ...items.map((i) => h('option', { value: i.id }, i.label)),
      ...(chosen && !known ? [h('option', { value: chosen }, '已选的记录（不在当前列表中）')] : []));
    select.value = chosen ?? '';
  };

  function render(): void {
    const k = kind();
    recordWrap.hidden = k !== 'visit' && k !== 'inspection';
    findingWrap.hidden = k !== 'inspection';
    const items = 'items' in shown ? shown.items : [];
    options(record, items, wanted.id, k === 'inspection' ? '请选择督查督导' : '请选择走访记录');
    const findings = items.find((i) => i.id === wanted.id)?.findings ?? [];
    options(finding, findings, wanted.findingId, wanted.id ? '请选择发现问题' : '请先选择督查督导');
  }

  function say(text: string, retry = false): void {
    status.textContent = text;
    reload.hidden = !retry;
  }

  async function refresh(): Promise<void> {
    const k = kind();
    const load = ++loads;
    if (k !== 'visit' && k !== 'inspection') {
      say('');
      return render();
    }
    const head = minister();
    if (k === 'visit' && !head) {
      shown = { items: [], from: 'api' };
      render();
      return say('请先选择组织部长，再选择其走访记录。');
    }
    say('正在加载列表…');
    const listed = k === 'visit' ? await lists.visits(head!) : await lists.inspections();
    if (load !== loads) return;
    shown = listed;
    render();
    if ('unavailable' in listed) return say('离线：列表暂不可用。可选择“其他”，或联网后重新加载。', true);
    const what = k === 'visit' ? '走访记录' : '督查督导记录';
    if (listed.items.length === 0) return say(`近半年没有可选的${what}。可先填报${what}，或选择“其他”。`, listed.from === 'device');
    say(listed.from === 'device' ? `离线：显示本机上次联网时加载的${what}（${listed.items.length} 条）。` : `${what} ${listed.items.length} 条，最新的在前。`, listed.from === 'device');
  }

  source.el.addEventListener('change', () => {
    wanted = {};
    void refresh();
  });
  record.addEventListener('change', () => {
    wanted = { id: record.value || undefined };
    render();
  });
  finding.addEventListener('change', () => { wanted.findingId = finding.value || undefined; });
  // Staff and admins pick the head in the same form: the visits follow the head chosen.
  el.addEventListener('xjc:attached', () => el.closest('form')?.querySelector('select[name=ministerId]')?.addEventListener('change', () => {
    if (kind() === 'visit') {
      wanted = {};
      void refresh();
    }
  }));
  render();
  return {
    el,
    read() {
      const k = kind();
      const value: Record<string, string> = {};
      if (k) value.source = k;
      if ((k === 'visit' || k === 'inspection') && record.value) value.id = record.value;
      if (k === 'inspection' && finding.value) value.findingId = finding.value;
      return value;
    },
    load(v) {
      const given = (v ?? {}) as { source?: string; id?: string; findingId?: string };
      source.load(given.source);
      wanted = { id: given.id, findingId: given.findingId };
      render();
      void refresh();
    },
  };
}
