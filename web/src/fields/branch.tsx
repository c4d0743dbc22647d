import { useEffect, useRef, useState } from 'preact/hooks';
import { BRANCH_TYPES } from '#schemas/common.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { type CountyList, exactMatch, findKept, type KnownBranch, searchBranches } from '../forms/branch-registry.ts';
import type { Field } from '../forms/field.ts';
import { domId, type FieldProps, useFormState } from './context.ts';
import { ChoiceField, CountyField } from './widgets.tsx';
import { FieldWrap, useInputAttrs } from './wrap.tsx';

/**
 * The branch picker (支部名册): a branch field (`branch`, or each of a report's `branches[i]`) laid
 * out county, then name, then type, its name a search of the county's registered branches as it is
 * typed. Picking one sends `{ id }`; a name typed to the letter of a registered one (as compared) is
 * that one too; anything else is sent as typed (`{ countyCode, type, name }`, not registered), which
 * is how "名册中没有？手动填写" ends. The county's list comes from the device, so it works offline.
 */

/** At most this many matches under the name as it is typed. */
const SHOWN = 8;
const TYPE_NAMES: Record<string, string> = BRANCH_TYPES;

interface Parts { countyCode?: string; name?: string; type?: string }
type Chosen = KnownBranch & { county: string };

const textAt = (value: unknown, name: string): string | undefined => {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const found: unknown = Object.entries(value).find(([key]) => key === name)?.[1];
  return typeof found === 'string' ? found : undefined;
};

/** What the field holds when it opens: a registered branch named from the list kept on the device, or the parts typed. */
function opened(value: unknown): { parts: Parts; chosen?: Chosen } {
  const id = textAt(value, 'id');
  const parts = { countyCode: textAt(value, 'countyCode'), name: textAt(value, 'name'), type: textAt(value, 'type') };
  if (!id) return { parts };
  const kept = findKept(id);
  const county = parts.countyCode ?? kept?.county;
  const name = parts.name ?? kept?.name ?? id;
  const type = parts.type ?? kept?.type;
  return { parts: { countyCode: county, name }, chosen: { id, name, type: type === 'community' ? 'community' : 'village', county: county ?? '' } };
}

let pickers = 0;

export function BranchField({ path, field, value, set, bare }: FieldProps<Extract<Field, { kind: 'group' }>> & { bare?: boolean }) {
  const { ctx } = useFormState();
  const source = ctx.branches!;
  const [start] = useState(() => opened(value));
  const [parts, setParts] = useState<Parts>(start.parts);
  const [chosen, setChosen] = useState<Chosen | undefined>(start.chosen);
  const [registry, setRegistry] = useState<CountyList | undefined>(() => {
    if (!start.parts.countyCode) return undefined;
    // Asked for as the form is drawn, not after: the effect below finds the same request under way.
    void source.load(start.parts.countyCode);
    return source.kept(start.parts.countyCode);
  });
  /** The county's list could not be had (refused, or no answer) and none is kept. */
  const [unreadable, setUnreadable] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useRef(`branch-list-${++pickers}`).current;
  const fields = new Map(field.fields);
  const county = parts.countyCode ?? '';

  const send = (p: Parts, c: Chosen | undefined, list: CountyList | undefined) => {
    if (c && c.county === (p.countyCode ?? '')) return set({ id: c.id });
    const exact = list && p.countyCode ? exactMatch(list.items, p.name ?? '') : undefined;
    if (exact) return set({ id: exact.id });
    const typed = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
    set(field.optional && Object.keys(typed).length === 0 ? undefined : typed);
  };
  // The parts as last typed, for the county's list arriving after the person typed on.
  const latest = useRef({ parts, chosen });
  const change = (next: Parts, c = chosen) => { latest.current = { parts: next, chosen: c }; setParts(next); setChosen(c); send(next, c, registry); };

  useEffect(() => {
    let current = true;
    setRegistry(county ? source.kept(county) : undefined);
    setUnreadable(false);
    if (!county) return;
    void source.load(county).then((fresh) => {
      if (!current) return;
      const list = fresh ?? source.kept(county);
      setRegistry(list);
      setUnreadable(!list && navigator.onLine);
      send(latest.current.parts, latest.current.chosen, list);
    });
    return () => { current = false; };
  }, [county]);

  const options = open && registry && registry.items.length > 0 && county ? searchBranches(registry.items, parts.name ?? '', SHOWN) : undefined;
  const optionIds = options ? [...options.map((_, i) => `${listId}-${i}`), `${listId}-manual`] : [];
  const close = () => { setOpen(false); setActive(-1); };
  const choose = (branch: KnownBranch) => { close(); change({ ...parts, name: branch.name }, { ...branch, county }); };
  const manual = () => { close(); document.getElementById(domId(`${path}.type`))?.querySelector('input')?.focus(); };
  const describe = () => {
    if (!county) return '先选择所在县（市、区），再输入名称搜索。';
    if (!registry && unreadable) return '未能读取本县支部名册，请手动填写名称和类型。';
    if (!registry) return navigator.onLine ? '正在读取本县支部名册…' : '本机还没有本县的支部名册（联网后自动下载），请手动填写名称和类型。';
    if (registry.items.length === 0) return '本县支部名册暂无在册党组织，请手动填写名称和类型。';
    return `本县在册党组织 ${registry.items.length} 个（名册更新于 ${beijingDateTime(registry.fetchedAt)}${navigator.onLine ? '' : '，离线可用'}）。`;
  };
  const keydown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const count = options ? optionIds.length : 0;
      if (count) setActive((active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
    } else if (event.key === 'Enter' && options && active >= 0) {
      event.preventDefault();
      if (active < options.length) choose(options[active]);
      else manual();
    } else if (event.key === 'Escape' && options) {
      event.preventDefault();
      close();
    }
  };
  useEffect(() => { if (active >= 0) document.getElementById(optionIds[active])?.scrollIntoView?.({ block: 'nearest' }); }, [active]);
  const nameAttrs = useInputAttrs(`${path}.name`);

  const countyField = fields.get('countyCode');
  const typeField = fields.get('type');
  // Each part is optional to the schema only because a registered branch needs none of them: not to the person.
  const body = (
    <div>
      {countyField?.kind === 'county' && <CountyField path={`${path}.countyCode`} field={{ ...countyField, optional: false }} value={parts.countyCode}
        set={(v) => change({ ...parts, countyCode: typeof v === 'string' ? v : undefined, ...(chosen && chosen.county !== v ? { name: undefined } : {}) }, chosen && chosen.county !== v ? undefined : chosen)} />}
      {/* The list lies over what follows it: opening and closing it moves nothing a finger is about to tap. */}
      <FieldWrap path={`${path}.name`} class="branch-search">
        <input {...nameAttrs} type="text" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded={options ? 'true' : 'false'} aria-controls={listId}
          aria-activedescendant={active >= 0 ? optionIds[active] : undefined} placeholder="输入名称搜索本县在册党组织" value={parts.name ?? ''}
          onInput={(e) => { setOpen(true); setActive(-1); change({ ...parts, name: e.currentTarget.value || undefined }, undefined); }}
          onFocus={() => { if (!chosen) setOpen(true); }} onBlur={close} onKeyDown={keydown} />
        <ul id={listId} role="listbox" class="branch-list" aria-label="本县在册党组织" hidden={!options}>
          {options?.map((b, i) => (
            <li key={b.id} role="option" id={optionIds[i]} aria-selected={i === active ? 'true' : 'false'} data-branch={b.id} onMouseDown={(e) => { e.preventDefault(); choose(b); }}>
              {b.name}<small>{` ${TYPE_NAMES[b.type] ?? ''}${b.aliases?.length ? ` · 曾用名 ${b.aliases.join('、')}` : ''}`}</small>
            </li>
          ))}
          {options?.length === 0 && <li class="empty" role="presentation">本县名册中没有匹配的名称</li>}
          {options && <li role="option" id={`${listId}-manual`} class="manual" aria-selected={active === options.length ? 'true' : 'false'} onMouseDown={(e) => { e.preventDefault(); manual(); }}>名册中没有？手动填写</li>}
        </ul>
        <p class="branch-picked" hidden={!chosen}>
          {chosen && <><span class="badge ok">在册</span>{` ${chosen.name} · ${TYPE_NAMES[chosen.type] ?? chosen.type} `}
            <button type="button" class="link" disabled={nameAttrs.disabled} onClick={() => { change(parts, undefined); document.getElementById(nameAttrs.id)?.focus(); }}>重选</button></>}
        </p>
        <p class="hint branch-status" aria-live="polite">{describe()}</p>
      </FieldWrap>
      {typeField?.kind === 'choice' && <div hidden={!!chosen}><ChoiceField path={`${path}.type`} field={{ ...typeField, optional: false }} value={parts.type} set={(v) => change({ ...parts, type: typeof v === 'string' ? v : undefined })} /></div>}
    </div>
  );
  return bare ? body : <FieldWrap path={path} optional={field.optional} group>{body}</FieldWrap>;
}
