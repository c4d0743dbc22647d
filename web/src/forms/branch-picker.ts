import { BRANCH_TYPES } from '#schemas/common.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { h } from '../dom.ts';
import type { Control } from './control.ts';
import { type CountyList, exactMatch, findKept, type KnownBranch, searchBranches } from './branch-registry.ts';

/**
 * The branch picker (支部名册): a branch field (`branch`, or each of a report's `branches[i]`) laid out
 * as the form generates it — county, then name, then type — made into a search of the county's
 * registered branches as the name is typed. Picking one sends `{ id }`; a name typed to the letter
 * of a registered one (as compared) is that one too; anything else is sent as typed
 * (`{ countyCode, type, name }`, not registered), which is how "名册中没有？手动填写" ends.
 * The county's list comes from the device (kept by `branch-registry.ts`), so it works offline.
 */

import type { BranchSource } from './branch-source.ts';
export type { BranchSource } from './branch-source.ts';

/** At most this many matches under the name as it is typed. */
const SHOWN = 8;
const TYPE_NAMES = BRANCH_TYPES as Record<string, string>;
let pickers = 0;

/** Makes a generated branch field (its `base` control, whose widgets carry `data-path`) into the registry picker. */
export function branchPicker(source: BranchSource, path: string, base: Control): Control {
  const el = base.el;
  const part = (name: string) => el.querySelector<HTMLElement>(`[data-path="${path}.${name}"]`)!;
  const county = part('countyCode').querySelector<HTMLSelectElement>(`select[name="${path}.countyCode"]`)!;
  const name = part('name').querySelector<HTMLInputElement>('input')!;
  const typeBox = part('type');
  const listId = `branch-list-${++pickers}`;
  const list = h('ul', { id: listId, role: 'listbox', class: 'branch-list', 'aria-label': '本县在册党组织', hidden: true });
  const status = h('p', { class: 'hint branch-status', 'aria-live': 'polite' });
  const picked = h('p', { class: 'branch-picked', hidden: true });
  name.setAttribute('role', 'combobox');
  name.setAttribute('aria-autocomplete', 'list');
  name.setAttribute('aria-expanded', 'false');
  name.setAttribute('aria-controls', listId);
  name.placeholder = '输入名称搜索本县在册党组织';
  name.after(list, picked);
  part('name').append(status);
  // The list lies over what follows it: opening and closing it moves nothing a finger is about to tap.
  part('name').classList.add('branch-search');
  // Each part is optional to the schema only because a registered branch needs none of them: not to the person.
  for (const name of ['countyCode', 'name', 'type']) part(name).querySelector(':scope > label .optional, :scope > legend .optional')?.remove();

  let registry: CountyList | undefined;
  /** The county's list could not be had (refused, or no answer) and none is kept. */
  let unreadable = false;
  let chosen: (KnownBranch & { county: string }) | undefined;
  let active = -1;
  let options: KnownBranch[] = [];

  const describe = () => {
    if (!county.value) return '先选择所在县（市、区），再输入名称搜索。';
    if (!registry && unreadable) return '未能读取本县支部名册，请手动填写名称和类型。';
    if (!registry) return navigator.onLine ? '正在读取本县支部名册…' : '本机还没有本县的支部名册（联网后自动下载），请手动填写名称和类型。';
    if (registry.items.length === 0) return '本县支部名册暂无在册党组织，请手动填写名称和类型。';
    return `本县在册党组织 ${registry.items.length} 个（名册更新于 ${beijingDateTime(registry.fetchedAt)}${navigator.onLine ? '' : '，离线可用'}）。`;
  };
  const showStatus = () => { status.textContent = describe(); };

  const close = () => {
    list.hidden = true;
    name.setAttribute('aria-expanded', 'false');
    name.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (branch: KnownBranch) => {
    chosen = { ...branch, county: county.value };
    name.value = branch.name;
    close();
    showChosen();
    name.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const manual = () => {
    close();
    typeBox.querySelector<HTMLInputElement>('input')?.focus();
  };
  const showChosen = () => {
    typeBox.hidden = !!chosen;
    picked.hidden = !chosen;
    if (!chosen) return;
    picked.replaceChildren(
      h('span', { class: 'badge ok' }, '在册'), ` ${chosen.name} · ${TYPE_NAMES[chosen.type] ?? chosen.type} `,
      h('button', { type: 'button', class: 'link', onclick: () => { unchoose(); name.select(); name.focus(); } }, '重选'));
  };
  const unchoose = () => {
    if (!chosen) return;
    chosen = undefined;
    showChosen();
  };
  const open = () => {
    if (!registry || registry.items.length === 0 || !county.value) return close();
    options = searchBranches(registry.items, name.value, SHOWN);
    list.replaceChildren(
      ...options.map((b, i) => h('li', { role: 'option', id: `${listId}-${i}`, 'aria-selected': 'false', 'data-branch': b.id, onmousedown: (e: Event) => { e.preventDefault(); choose(b); } },
        b.name, h('small', {}, ` ${TYPE_NAMES[b.type] ?? ''}${b.aliases?.length ? ` · 曾用名 ${b.aliases.join('、')}` : ''}`))),
      ...(options.length === 0 ? [h('li', { class: 'empty', role: 'presentation' }, '本县名册中没有匹配的名称')] : []),
      h('li', { role: 'option', id: `${listId}-manual`, class: 'manual', 'aria-selected': 'false', onmousedown: (e: Event) => { e.preventDefault(); manual(); } }, '名册中没有？手动填写'));
    list.hidden = false;
    name.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const highlight = (next: number) => {
    const items = [...list.querySelectorAll<HTMLElement>('[role=option]')];
    if (items.length === 0) return;
    active = (next + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute('aria-selected', String(i === active)));
    name.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView?.({ block: 'nearest' });
  };

  name.addEventListener('input', () => { unchoose(); open(); });
  name.addEventListener('focus', () => { if (!chosen) open(); });
  name.addEventListener('blur', () => close());
  name.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) open();
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      if (active < options.length) choose(options[active]);
      else manual();
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });

  let loads = 0;
  const countyChanged = async () => {
    const load = ++loads;
    if (chosen && chosen.county !== county.value) { unchoose(); name.value = ''; }
    registry = county.value ? source.kept(county.value) : undefined;
    unreadable = false;
    showStatus();
    if (!county.value) return;
    const fresh = await source.load(county.value);
    if (load !== loads) return;
    registry = fresh ?? registry;
    unreadable = !registry && navigator.onLine;
    showStatus();
  };
  // The prefecture's select refills the counties without a change of its own: follow both.
  el.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target === county || (target as HTMLSelectElement).name === `${path}.countyCode:prefecture`) void countyChanged();
  });
  void countyChanged();

  return {
    el,
    read: () => {
      if (chosen && chosen.county === county.value) return { id: chosen.id };
      const exact = registry && county.value ? exactMatch(registry.items, name.value) : undefined;
      if (exact) return { id: exact.id };
      return base.read();
    },
    load: (value) => {
      const v = (value ?? {}) as { id?: string; name?: string; type?: string; countyCode?: string };
      const kept = v.id ? findKept(v.id) : undefined;
      base.load(v.id ? { countyCode: v.countyCode ?? kept?.county, name: v.name ?? kept?.name ?? v.id } : value);
      chosen = v.id
        ? { id: v.id, name: v.name ?? kept?.name ?? v.id, type: (v.type ?? kept?.type ?? 'village') as KnownBranch['type'], county: v.countyCode ?? kept?.county ?? county.value }
        : undefined;
      showChosen();
      void countyChanged();
    },
  };
}
