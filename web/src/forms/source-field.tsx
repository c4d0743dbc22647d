import { useEffect, useState } from 'preact/hooks';
import { domId, type FieldProps, useFormState } from '../fields/context.ts';
import { withField } from '../fields/defaults.ts';
import { ChoiceField } from '../fields/widgets.tsx';
import { FieldWrap, useInputAttrs } from '../fields/wrap.tsx';
import type { Field } from './field.ts';
import type { Listed, SourceLists } from './sources.ts';

/**
 * A problem's source (`foundBy`): how it came to light (走访 · 督查督导 · 其他), then the record it
 * came from, chosen from a list: the head's visits, or an inspection and one of its findings.
 * Offline with no list kept on the device, it says so: choose 其他, or wait for a connection.
 */
type Choice = { id: string; label: string; findings?: { id: string; label: string }[] };
type Source = 'visit' | 'inspection' | 'other';

const textAt = (value: unknown, name: string): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = Object.entries(value).find(([key]) => key === name)?.[1];
  return typeof found === 'string' ? found : undefined;
};
const sourceOf = (text: string | undefined): Source | undefined => (text === 'visit' || text === 'inspection' || text === 'other' ? text : undefined);

export function SourceField({ path, field, value, set, lists }: FieldProps<Extract<Field, { kind: 'group' }>> & { lists: SourceLists }) {
  const { ctx, valueOf } = useFormState();
  const fields = new Map(field.fields);
  const source = sourceOf(textAt(value, 'source'));
  const wanted = { id: textAt(value, 'id'), findingId: textAt(value, 'findingId') };
  const [shown, setShown] = useState<Listed<Choice>>({ items: [], from: 'api' });
  const [status, setStatus] = useState<{ text: string; retry?: boolean }>({ text: '' });
  const [round, setRound] = useState(0);
  const minister = ctx.ministerId ?? textAt({ m: valueOf('ministerId') }, 'm');
  const statusId = `${domId(`${path}.id`)}-status`;
  const recordAttrs = useInputAttrs(`${path}.id`, statusId);
  const findingAttrs = useInputAttrs(`${path}.findingId`);

  useEffect(() => {
    let current = true;
    if (source !== 'visit' && source !== 'inspection') { setStatus({ text: '' }); return; }
    if (source === 'visit' && !minister) {
      setShown({ items: [], from: 'api' });
      setStatus({ text: '请先选择组织部长，再选择其走访记录。' });
      return;
    }
    setStatus({ text: '正在加载列表…' });
    const load: Promise<Listed<Choice>> = source === 'visit' && minister ? lists.visits(minister) : lists.inspections();
    void load.then((listed) => {
      if (!current) return;
      setShown(listed);
      if ('unavailable' in listed) return setStatus({ text: '离线：列表暂不可用。可选择“其他”，或联网后重新加载。', retry: true });
      const what = source === 'visit' ? '走访记录' : '督查督导记录';
      if (listed.items.length === 0) return setStatus({ text: `近半年没有可选的${what}。可先填报${what}，或选择“其他”。`, retry: listed.from === 'device' });
      setStatus({ text: listed.from === 'device' ? `离线：显示本机上次联网时加载的${what}（${listed.items.length} 条）。` : `${what} ${listed.items.length} 条，最新的在前。`, retry: listed.from === 'device' });
    });
    return () => { current = false; };
  }, [source, source === 'visit' ? minister : '', round]);

  // Staff and admins pick the head in the same form: the visits follow the head chosen.
  const [head, setHead] = useState(minister);
  if (head !== minister) {
    setHead(minister);
    if (source === 'visit' && wanted.id) set({ source });
  }

  const items = 'items' in shown ? shown.items : [];
  const findings = items.find((i) => i.id === wanted.id)?.findings ?? [];
  const options = (list: { id: string; label: string }[], chosen: string | undefined, prompt: string) => <>
    <option value="">{prompt}</option>
    {list.map((i) => <option key={i.id} value={i.id}>{i.label}</option>)}
    {chosen && !list.some((i) => i.id === chosen) && <option value={chosen}>已选的记录（不在当前列表中）</option>}
  </>;
  const sourceField = fields.get('source');
  const idField = fields.get('id');
  const findingField = fields.get('findingId');
  return (
    <FieldWrap path={path} optional={field.optional} group>
      <div>
        {sourceField?.kind === 'choice' && <ChoiceField path={`${path}.source`} field={sourceField} value={source} set={(v) => set(typeof v === 'string' ? { source: v } : {})} />}
        {/* Shown only when needed, and then required: no "选填" on them. */}
        <div hidden={source !== 'visit' && source !== 'inspection'}>
          <FieldWrap path={`${path}.id`} optional={idField ? false : undefined}>
            <select {...recordAttrs} value={wanted.id ?? ''} onChange={(e) => set(withField({ source }, 'id', e.currentTarget.value || undefined))}>
              {options(items, wanted.id, source === 'inspection' ? '请选择督查督导' : '请选择走访记录')}
            </select>
            <p class="hint" id={statusId} role="status">{status.text}</p>
            <button type="button" class="link" hidden={!status.retry} onClick={() => setRound(round + 1)}>重新加载列表</button>
          </FieldWrap>
        </div>
        <div hidden={source !== 'inspection'}>
          <FieldWrap path={`${path}.findingId`} optional={findingField ? false : undefined}>
            <select {...findingAttrs} value={wanted.findingId ?? ''} onChange={(e) => set(withField({ source, id: wanted.id }, 'findingId', e.currentTarget.value || undefined))}>
              {options(findings, wanted.findingId, wanted.id ? '请选择发现问题' : '请先选择督查督导')}
            </select>
          </FieldWrap>
        </div>
      </div>
    </FieldWrap>
  );
}
