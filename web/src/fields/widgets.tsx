import { useState } from 'preact/hooks';
import { ALL_REGIONS, findRegion, parentOf, regionContains } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import type { Field } from '../forms/field.ts';
import { lengthOf, lengthText } from '../text.ts';
import { type FieldProps, type FieldsContext, domId, type Minister, useFormState } from './context.ts';
import { countOf } from './count.ts';
import { FieldWrap, useInputAttrs } from './wrap.tsx';

/** One widget per kind of single field: each keeps what is typed, and tells its form the value to send. */
type Of<K extends Field['kind']> = FieldProps<Extract<Field, { kind: K }>>;

const orUndefined = (value: string) => (value === '' ? undefined : value);
const textOf = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const onText = (set: (text: string) => void) => (event: Event) => {
  if (event.currentTarget instanceof HTMLInputElement || event.currentTarget instanceof HTMLTextAreaElement || event.currentTarget instanceof HTMLSelectElement) set(event.currentTarget.value);
};

/**
 * A text field says its limit as the person types instead of cutting what they type or paste (the
 * browser's maxlength cuts silently, and counts an emoji as two where the API's limit counts one): a
 * long text always, a short one once it nears its limit. Past the limit the count turns red and the
 * check says so.
 */
export function TextField({ path, field, value, set }: Of<'text'>) {
  const long = field.max > 200;
  const count = `${domId(path)}-count`;
  const attrs = useInputAttrs(path, count);
  const text = textOf(value);
  const length = lengthOf(text);
  const change = onText((t) => set(orUndefined(t)));
  return (
    <FieldWrap path={path} optional={field.optional}>
      {long ? <textarea {...attrs} rows={4} value={text} onInput={change} /> : <input {...attrs} type="text" autocomplete="off" value={text} onInput={change} />}
      <span class={length > field.max ? 'counter over' : 'counter'} id={count} data-counter="" hidden={!long && length < field.max * 0.8}>{lengthText(length, field.max)}</span>
    </FieldWrap>
  );
}

/** Text with a numeric keyboard: a number input would hide "abc" as an empty value. What is typed stays as typed ("2." on the way to 2.5). */
export function IntField({ path, field, value, set }: Of<'int'>) {
  const attrs = useInputAttrs(path);
  const [typed, setTyped] = useState(() => ({ text: textOf(value), value }));
  const text = typed.value === value ? typed.text : textOf(value);
  return (
    <FieldWrap path={path} optional={field.optional}>
      <input {...attrs} type="text" inputmode="numeric" autocomplete="off" value={text}
        placeholder={field.min !== undefined && field.max !== undefined ? `${field.min}–${field.max}` : ''}
        onInput={onText((t) => { const v = countOf(t); setTyped({ text: t, value: v }); set(v); })} />
    </FieldWrap>
  );
}

export function DateField({ path, field, value, set }: Of<'date'>) {
  return (
    <FieldWrap path={path} optional={field.optional}>
      <input {...useInputAttrs(path)} type="date" min="2016-01-01" max={field.past ? beijingDate() : undefined} value={textOf(value)} onInput={onText((t) => set(orUndefined(t)))} />
    </FieldWrap>
  );
}

/** A few choices as radios, more as a select. */
export function ChoiceField({ path, field, value, set }: Of<'choice'>) {
  const attrs = useInputAttrs(path);
  if (field.options.length <= 4) {
    return (
      <FieldWrap path={path} optional={field.optional} group>
        <div class="choices">
          {field.options.map(([option, label]) => (
            <label key={option}><input type="radio" name={path} value={option} checked={value === option} disabled={attrs.disabled} aria-invalid={attrs['aria-invalid']} onChange={() => set(option)} />{label}</label>
          ))}
        </div>
      </FieldWrap>
    );
  }
  return (
    <FieldWrap path={path} optional={field.optional}>
      <select {...attrs} value={textOf(value)} onChange={onText((t) => set(orUndefined(t)))}>
        <option value="">请选择</option>
        {field.options.map(([option, label]) => <option key={option} value={option}>{label}</option>)}
      </select>
    </FieldWrap>
  );
}

export function ChoicesField({ path, field, value, set }: Of<'choices'>) {
  const attrs = useInputAttrs(path);
  const chosen = Array.isArray(value) ? value : [];
  return (
    <FieldWrap path={path} optional={field.optional} group>
      <div class="choices">
        {field.options.map(([option, label]) => (
          <label key={option}>
            <input type="checkbox" name={path} value={option} checked={chosen.includes(option)} disabled={attrs.disabled} aria-invalid={attrs['aria-invalid']}
              onChange={(e) => set(e.currentTarget.checked ? field.options.map(([o]) => o).filter((o) => o === option || chosen.includes(o)) : chosen.filter((o) => o !== option))} />
            {label}
          </label>
        ))}
      </div>
    </FieldWrap>
  );
}

const linesOf = (text: string, optional: boolean) => {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length === 0 && optional ? undefined : lines;
};

/** One entry a line: what is typed stays as typed (a new line not yet written on). */
export function LinesField({ path, field, value, set }: Of<'lines'>) {
  const asText = (v: unknown) => (Array.isArray(v) ? v.join('\n') : '');
  const [typed, setTyped] = useState(() => ({ text: asText(value), value }));
  const text = typed.value === value ? typed.text : asText(value);
  return (
    <FieldWrap path={path} optional={field.optional}>
      <textarea {...useInputAttrs(path)} rows={4} value={text} onInput={onText((t) => { const v = linesOf(t, field.optional); setTyped({ text: t, value: v }); set(v); })} />
    </FieldWrap>
  );
}

/** Regions within the person's reach, for a picker. */
export const within = (ctx: FieldsContext, level?: string) =>
  ALL_REGIONS.filter((r) => (level === undefined || r.level === level) && regionContains(ctx.region, r.code));

const countiesOf = (ctx: FieldsContext, prefecture: string) => (prefecture === ''
  ? []
  : ALL_REGIONS.filter((r) => r.level === 'county' && regionContains(prefecture, r.code) && regionContains(ctx.region, r.code)));

/** The prefectures a county picker offers: all within the person's province, else their own. */
const prefecturesOf = (ctx: FieldsContext) => {
  const own = findRegion(ctx.region);
  if (own?.level === 'province') return within(ctx, 'prefecture');
  const prefecture = own?.level === 'county' ? parentOf(ctx.region) : own;
  return prefecture ? [prefecture] : [];
};

/** The county a new record starts with: the only one the person may pick, if so. */
export function onlyCounty(ctx: FieldsContext): string | undefined {
  const prefectures = prefecturesOf(ctx);
  if (prefectures.length !== 1) return undefined;
  const counties = countiesOf(ctx, prefectures[0].code);
  return counties.length === 1 ? counties[0].code : undefined;
}

/** Prefecture, then county: the campaign's 8 prefectures and 45 counties. */
export function CountyField({ path, field, value, set }: Of<'county'>) {
  const { ctx } = useFormState();
  const attrs = useInputAttrs(path);
  const prefectures = prefecturesOf(ctx);
  const parent = typeof value === 'string' ? parentOf(value)?.code : undefined;
  const [picked, setPicked] = useState(() => parent ?? (prefectures.length === 1 ? prefectures[0].code : ''));
  const prefecture = parent && prefectures.some((p) => p.code === parent) ? parent : picked;
  const counties = countiesOf(ctx, prefecture);
  return (
    <FieldWrap path={path} optional={field.optional}>
      <select name={`${path}:prefecture`} aria-label="市州" disabled={attrs.disabled} value={prefecture}
        onChange={onText((p) => { setPicked(p); const c = countiesOf(ctx, p); set(c.length === 1 ? c[0].code : undefined); })}>
        {prefectures.length > 1 && <option value="">请选择市州</option>}
        {prefectures.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
      </select>
      <select {...attrs} value={counties.some((c) => c.code === value) ? textOf(value) : ''} onChange={onText((t) => set(orUndefined(t)))}>
        {counties.length !== 1 && <option value="">{prefecture ? '请选择县（市、区）' : '请先选择市州'}</option>}
        {counties.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
      </select>
    </FieldWrap>
  );
}

const INDENT: Record<string, string> = { province: '', prefecture: '　', county: '　　' };

/** A region of any level, within the person's. */
export function RegionField({ path, field, value, set }: Of<'region'>) {
  const { ctx } = useFormState();
  return (
    <FieldWrap path={path} optional={field.optional}>
      <select {...useInputAttrs(path)} value={textOf(value)} onChange={onText((t) => set(orUndefined(t)))}>
        <option value="">请选择</option>
        {within(ctx).map((r) => <option key={r.code} value={r.code}>{`${INDENT[r.level]}${r.name}`}</option>)}
      </select>
    </FieldWrap>
  );
}

const LEVELS: Record<string, string> = { province: '省', prefecture: '市州', county: '县' };
/** 王建国（城东区 · 县）: a head by name, told apart from a namesake by region and level. */
const ministerText = (m: Minister) => `${m.name}（${findRegion(m.regionCode)?.name ?? m.regionCode}${LEVELS[m.level] ? ` · ${LEVELS[m.level]}` : ''}）`;

export function MinisterField({ path, field, value, set }: Of<'minister'>) {
  const { ctx } = useFormState();
  const attrs = useInputAttrs(path);
  if (ctx.ministerId) {
    // Shown by name (the id only when this device never learnt it); what is sent is the id.
    const own = ctx.ministers.find((m) => m.id === ctx.ministerId);
    return <FieldWrap path={path} optional={field.optional}><input {...attrs} name={`${path}:shown`} type="text" readonly value={own ? ministerText(own) : ctx.ministerName ?? ctx.ministerId} /></FieldWrap>;
  }
  if (ctx.ministers.length === 0) {
    // Offline with no list kept: the id as text.
    return <FieldWrap path={path} optional={field.optional}><input {...attrs} type="text" autocomplete="off" placeholder="m-630102-01" value={textOf(value)} onInput={onText((t) => set(orUndefined(t.trim())))} /></FieldWrap>;
  }
  return (
    <FieldWrap path={path} optional={field.optional}>
      <select {...attrs} value={textOf(value)} onChange={onText((t) => set(orUndefined(t)))}>
        <option value="">请选择</option>
        {ctx.ministers.map((m) => <option key={m.id} value={m.id}>{ministerText(m)}</option>)}
      </select>
    </FieldWrap>
  );
}

/** A reference to another record by its id (a visit, an inspection's finding). */
export function IdField({ path, field, value, set }: Of<'id'>) {
  return (
    <FieldWrap path={path} optional={field.optional}>
      <input {...useInputAttrs(path)} type="text" autocomplete="off" spellcheck={false} placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" value={textOf(value)} onInput={onText((t) => set(orUndefined(t.trim())))} />
    </FieldWrap>
  );
}
