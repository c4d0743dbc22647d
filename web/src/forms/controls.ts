import { ALL_REGIONS, findRegion, parentOf, regionContains } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { h } from '../dom.ts';
import { fieldText, type Kind } from '#schemas/kind.ts';
import type { Field } from './model.ts';
import type { Control } from './control.ts';
import { branchPicker, type BranchSource } from './branch-picker.ts';
import { lengthOf, lengthText } from '../text.ts';
import type { StoredFile } from '../evidence/files.ts';

/**
 * One widget per kind of field. Every widget sits in a wrapper marked with its API path
 * (`data-path="suggestions[0].text"`), the path the API's problem+json names, so errors from the
 * browser's own check and from the server land in the same place.
 */
export type { Control } from './control.ts';

export interface Minister {
  id: string;
  name: string;
  level: string;
  regionCode: string;
}

export interface FormContext {
  kind: Kind;
  /** The signed-in person's region: pickers offer only what lies within it. */
  region: string;
  /** A head or their staff report for that head only. */
  ministerId?: string;
  ministers: Minister[];
  /** The name this device knows for `ministerId` (when the list could not be loaded). */
  ministerName?: string;
  /** The minister last reported for on this device: staff and admins often enter several records for one head. */
  lastMinisterId?: string;
  /** A widget of the page's own for a field (a problem's source, chosen from lists), else the generated one. */
  custom?: (ctx: FormContext, path: string, field: Field) => Control | undefined;
  /** The branch registry (支部名册) kept on the device: branch fields search it; without it they are typed in. */
  branches?: BranchSource;
  /** The record's files already stored (a correction on the desk), so its evidence shows their pictures. */
  storedFile?: (id: string) => Promise<StoredFile | undefined>;
}

/** `suggestions[0].text` → `suggestions.text`: the label's key. */
export const labelKey = (path: string) => path.replace(/\[\d+\]/g, '');
export const domId = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

function labelFor(ctx: FormContext, path: string) {
  const text = fieldText(ctx.kind, labelKey(path));
  return { label: text?.label ?? labelKey(path), hint: text?.hint };
}

/** The wrapper every widget sits in: label, hint, the widget, and a slot for its error. */
export function wrap(ctx: FormContext, path: string, field: Field, input: HTMLElement, group = false): HTMLElement {
  const { label, hint } = labelFor(ctx, path);
  const id = domId(path);
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = h('div', { class: 'error-text', id: `${id}-error` });
  const optional = field.optional ? h('span', { class: 'optional' }, '（选填）') : null;
  if (group) {
    return h('fieldset', { class: 'field', 'data-path': path, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}` },
      h('legend', {}, label, optional), hintEl, input, error);
  }
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return h('div', { class: 'field', 'data-path': path }, h('label', { for: id }, label, optional), hintEl, input, error);
}

const orUndefined = (value: string) => (value === '' ? undefined : value);

/**
 * A text field says its limit as the person types instead of cutting what they type or paste (the
 * browser's maxlength cuts silently, and counts an emoji as two where the API's limit counts one): a
 * long text always, a short one once it nears its limit. Past the limit the count turns red and the
 * check says so.
 */
function textControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'text' }>): Control {
  const long = field.max > 200;
  const input = long
    ? h('textarea', { name: path, rows: 4 })
    : h('input', { name: path, type: 'text', autocomplete: 'off' });
  const el = wrap(ctx, path, field, input);
  const count = h('span', { class: 'counter', id: `${domId(path)}-count`, 'data-counter': '' });
  input.after(count);
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} ${count.id}`);
  const show = () => {
    const length = lengthOf(input.value);
    count.textContent = lengthText(length, field.max);
    count.hidden = !long && length < field.max * 0.8;
    count.classList.toggle('over', length > field.max);
  };
  input.addEventListener('input', show);
  show();
  return { el, read: () => orUndefined(input.value), load: (v) => { input.value = v === undefined ? '' : String(v); show(); } };
}

/** A count as typed: a number when it reads as one (2.5 too, so the check says 应为整数), else the text for the check to refuse. */
export const countOf = (text: string): number | string | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : trimmed;
};

function intControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'int' }>): Control {
  // Text with a numeric keyboard: a number input would hide "abc" as an empty value.
  const input = h('input', { name: path, type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: field.min !== undefined && field.max !== undefined ? `${field.min}–${field.max}` : '' });
  const initial = fieldText(ctx.kind, labelKey(path))?.initial;
  const load = (v: unknown) => { input.value = v === undefined ? (initial === undefined ? '' : String(initial)) : String(v); };
  load(undefined);
  return { el: wrap(ctx, path, field, input), read: () => countOf(input.value), load };
}

function dateControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'date' }>): Control {
  const input = h('input', { name: path, type: 'date', min: '2016-01-01', max: field.past ? beijingDate() : undefined });
  const initial = field.past && !field.optional ? beijingDate() : '';
  input.value = initial;
  return { el: wrap(ctx, path, field, input), read: () => orUndefined(input.value), load: (v) => { input.value = v === undefined ? '' : String(v); } };
}

function choiceControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'choice' }>): Control {
  if (field.options.length <= 4) {
    const radios = field.options.map(([value, label]) => h('label', {}, h('input', { type: 'radio', name: path, value }), label));
    const inputs = () => [...el.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const el = wrap(ctx, path, field, h('div', { class: 'choices' }, radios), true);
    for (const input of el.querySelectorAll<HTMLInputElement>('input[type=radio]')) input.checked = input.value === field.preset;
    return {
      el,
      read: () => inputs().find((i) => i.checked)?.value,
      load: (v) => inputs().forEach((i) => { i.checked = i.value === v; }),
    };
  }
  const select = h('select', { name: path }, h('option', { value: '' }, '请选择'), field.options.map(([value, label]) => h('option', { value }, label)));
  select.value = field.preset ?? '';
  return { el: wrap(ctx, path, field, select), read: () => orUndefined(select.value), load: (v) => { select.value = v === undefined ? '' : String(v); } };
}

function choicesControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'choices' }>): Control {
  const boxes = field.options.map(([value, label]) => h('label', {}, h('input', { type: 'checkbox', name: path, value }), label));
  const el = wrap(ctx, path, field, h('div', { class: 'choices' }, boxes), true);
  const inputs = () => [...el.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  return {
    el,
    read: () => inputs().filter((i) => i.checked).map((i) => i.value),
    load: (v) => inputs().forEach((i) => { i.checked = Array.isArray(v) && v.includes(i.value); }),
  };
}

function linesControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'lines' }>): Control {
  const input = h('textarea', { name: path, rows: 4 });
  return {
    el: wrap(ctx, path, field, input),
    read: () => {
      const lines = input.value.split('\n').map((l) => l.trim()).filter(Boolean);
      return lines.length === 0 && field.optional ? undefined : lines;
    },
    load: (v) => { input.value = Array.isArray(v) ? v.join('\n') : ''; },
  };
}

/** Regions within the person's reach, for a picker. */
const within = (ctx: FormContext, level?: string) =>
  ALL_REGIONS.filter((r) => (level === undefined || r.level === level) && regionContains(ctx.region, r.code));

/** Prefecture, then county: the branch picker of the campaign's 8 prefectures and 45 counties. */
function countyControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'county' }>): Control {
  const own = findRegion(ctx.region);
  const prefectures = own?.level === 'province' ? within(ctx, 'prefecture') : [own?.level === 'county' ? parentOf(ctx.region)! : own!];
  const prefecture = h('select', { name: `${path}:prefecture`, 'aria-label': '市州' },
    prefectures.length > 1 ? h('option', { value: '' }, '请选择市州') : null,
    prefectures.map((p) => h('option', { value: p.code }, p.name)));
  const county = h('select', { name: path });
  const fillCounties = (selected?: string) => {
    const counties = prefecture.value === '' ? [] : ALL_REGIONS.filter((r) => r.level === 'county' && regionContains(prefecture.value, r.code) && regionContains(ctx.region, r.code));
    county.replaceChildren(
      ...(counties.length === 1 ? [] : [h('option', { value: '' }, prefecture.value ? '请选择县（市、区）' : '请先选择市州')]),
      ...counties.map((c) => h('option', { value: c.code }, c.name)),
    );
    county.value = selected && counties.some((c) => c.code === selected) ? selected : counties.length === 1 ? counties[0].code : '';
  };
  prefecture.addEventListener('change', () => fillCounties());
  fillCounties();
  const el = wrap(ctx, path, field, county);
  el.insertBefore(prefecture, county);
  return {
    el,
    read: () => orUndefined(county.value),
    load: (v) => {
      const parent = typeof v === 'string' ? parentOf(v) : undefined;
      if (parent && [...prefecture.options].some((o) => o.value === parent.code)) prefecture.value = parent.code;
      fillCounties(typeof v === 'string' ? v : undefined);
    },
  };
}

/** A region of any level, within the person's. */
function regionControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'region' }>): Control {
  const indent = { province: '', prefecture: '　', county: '　　' } as Record<string, string>;
  const select = h('select', { name: path }, h('option', { value: '' }, '请选择'),
    within(ctx).map((r) => h('option', { value: r.code }, `${indent[r.level]}${r.name}`)));
  return { el: wrap(ctx, path, field, select), read: () => orUndefined(select.value), load: (v) => { select.value = v === undefined ? '' : String(v); } };
}

const LEVELS: Record<string, string> = { province: '省', prefecture: '市州', county: '县' };
/** 王建国（城东区 · 县）: a head by name, told apart from a namesake by region and level. */
const ministerText = (m: Minister) => `${m.name}（${findRegion(m.regionCode)?.name ?? m.regionCode}${LEVELS[m.level] ? ` · ${LEVELS[m.level]}` : ''}）`;

function ministerControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'minister' }>): Control {
  if (ctx.ministerId) {
    // Shown by name (the id only when this device never learnt it); what is sent is the id.
    const own = ctx.ministers.find((m) => m.id === ctx.ministerId);
    const name = own ? ministerText(own) : ctx.ministerName ?? ctx.ministerId;
    const shown = h('input', { name: `${path}:shown`, type: 'text', readonly: true, value: name });
    const el = wrap(ctx, path, field, shown);
    return { el, read: () => ctx.ministerId, load: () => undefined };
  }
  if (ctx.ministers.length === 0) {
    // Offline with no list kept: the id as text.
    const input = h('input', { name: path, type: 'text', autocomplete: 'off', placeholder: 'm-630102-01' });
    return { el: wrap(ctx, path, field, input), read: () => orUndefined(input.value.trim()), load: (v) => { input.value = v === undefined ? '' : String(v); } };
  }
  const select = h('select', { name: path }, h('option', { value: '' }, '请选择'),
    ctx.ministers.map((m) => h('option', { value: m.id }, ministerText(m))));
  if (ctx.ministers.some((m) => m.id === ctx.lastMinisterId)) select.value = ctx.lastMinisterId!;
  return { el: wrap(ctx, path, field, select), read: () => orUndefined(select.value), load: (v) => { select.value = v === undefined ? '' : String(v); } };
}

/** A reference to another record by its id (a visit, an inspection's finding). */
function idControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'id' }>): Control {
  const input = h('input', { name: path, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' });
  return { el: wrap(ctx, path, field, input), read: () => orUndefined(input.value.trim()), load: (v) => { input.value = v === undefined ? '' : String(v); } };
}

/** An item's own id (a suggestion's, a finding's): made when the item is added, never typed. */
function itemIdControl(path: string): Control {
  let id: string = crypto.randomUUID();
  const el = h('input', { type: 'hidden', name: path, value: id });
  return { el, read: () => id, load: (v) => { if (typeof v === 'string') id = v; el.value = id; } };
}

function groupControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'group' }>): Control {
  // A branch is found the way people think of it: where it is, then its name (searched in the county's
  // registry), then what kind (asked only when it is typed in).
  const fields = field.branch ? inBranchOrder(field.fields) : field.fields;
  const children = fields.map(([name, child]) => [name, controlFor(ctx, `${path}.${name}`, child)] as const);
  const body = h('div', {}, children.map(([, c]) => c.el));
  const group: Control = {
    el: wrap(ctx, path, field, body, true),
    read: () => {
      const value = Object.fromEntries(children.map(([name, c]) => [name, c.read()]).filter(([, v]) => v !== undefined));
      return field.optional && Object.keys(value).length === 0 ? undefined : value;
    },
    load: (v) => children.forEach(([name, c]) => c.load((v as Record<string, unknown> | undefined)?.[name])),
  };
  return field.branch && ctx.branches ? branchPicker(ctx.branches, path, group) : group;
}

/** Every branch field's widgets come in one order, on every form. */
const BRANCH_ORDER = ['countyCode', 'name', 'type'];
const inBranchOrder = (fields: [string, Field][]) =>
  [...fields].sort(([a], [b]) => (BRANCH_ORDER.indexOf(a) + 1 || 99) - (BRANCH_ORDER.indexOf(b) + 1 || 99));

function itemsControl(ctx: FormContext, path: string, field: Extract<Field, { kind: 'items' }>): Control {
  const list = h('div', {});
  const add = h('button', { type: 'button' }, `添加${labelFor(ctx, path).label.replace(/^(收集的|调研的|发现的)/, '')}`);
  let items: Control[] = [];
  const itemControl = (index: number): Control => {
    const itemPath = `${path}[${index}]`;
    const children = (field.branch ? inBranchOrder(field.fields) : field.fields).map(([name, child]) => [name, name === 'id' && child.kind === 'id' ? itemIdControl(`${itemPath}.id`) : controlFor(ctx, `${itemPath}.${name}`, child)] as const);
    const remove = h('button', { type: 'button', class: 'link', onclick: () => { const values = read(); values.splice(index, 1); render(values); } }, '删除');
    const el = h('fieldset', { class: 'item', 'data-path': itemPath },
      h('legend', {}, `第 ${index + 1} 条 `, remove), children.map(([, c]) => c.el), h('div', { class: 'error-text', id: `${domId(itemPath)}-error` }));
    const item: Control = {
      el,
      read: () => Object.fromEntries(children.map(([name, c]) => [name, c.read()]).filter(([, v]) => v !== undefined)),
      load: (v) => children.forEach(([name, c]) => c.load((v as Record<string, unknown> | undefined)?.[name])),
    };
    return field.branch && ctx.branches ? branchPicker(ctx.branches, itemPath, item) : item;
  };
  const read = () => items.map((item) => item.read() as Record<string, unknown>);
  const render = (values: unknown[]) => {
    items = values.map((value, i) => {
      const item = itemControl(i);
      if (value !== undefined) item.load(value);
      return item;
    });
    list.replaceChildren(...items.map((i) => i.el));
    add.disabled = items.length >= field.max;
  };
  add.addEventListener('click', () => {
    render([...read(), undefined]);
    items[items.length - 1].el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  });
  render(Array.from({ length: field.min }, () => undefined));
  return {
    el: wrap(ctx, path, field, h('div', {}, list, add), true),
    read: () => { const values = read(); return values.length === 0 && field.optional ? undefined : values; },
    load: (v) => render(Array.isArray(v) ? v : []),
  };
}

export function controlFor(ctx: FormContext, path: string, field: Field): Control {
  const custom = ctx.custom?.(ctx, path, field);
  if (custom) return custom;
  switch (field.kind) {
    case 'text': return textControl(ctx, path, field);
    case 'int': return intControl(ctx, path, field);
    case 'date': return dateControl(ctx, path, field);
    case 'choice': return choiceControl(ctx, path, field);
    case 'choices': return choicesControl(ctx, path, field);
    case 'lines': return linesControl(ctx, path, field);
    case 'group': return groupControl(ctx, path, field);
    case 'items': return itemsControl(ctx, path, field);
    case 'county': return countyControl(ctx, path, field);
    case 'region': return regionControl(ctx, path, field);
    case 'minister': return ministerControl(ctx, path, field);
    case 'id': return idControl(ctx, path, field);
  }
}
