import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fieldText, type Kind } from '#schemas/kind.ts';
import { takesEvidence } from '../evidence/field.ts';
import type { Field } from '../forms/field.ts';
import { formFields } from '../forms/model.ts';
import type { FieldError } from '../forms/validate.ts';
import { domId, type FieldsContext, FormStateContext, labelKey } from './context.ts';
import { EvidenceField } from './evidence.tsx';
import { defaultsOf, objectOf, type Value, withField } from './defaults.ts';
import { FieldWidget } from './field.tsx';

/**
 * A kind's form, generated from its catalogue entry and read back as the API's JSON: the one form
 * of both the forms page (a new record) and the desk (a correction, its first fields fixed).
 * Errors (the browser's own check, or the API's 422) are given back as props: each shows under the
 * widget its path names, or the nearest one holding it, and all of them in a summary at the top.
 */
export interface RecordFormProps {
  kind: Kind;
  ctx: FieldsContext;
  /** The record's id: a retry of this submission carries the same one. */
  id: string;
  /** The record the form opens with (a draft, a refused submission, a correction's record); empty if none. */
  initial?: Record<string, unknown>;
  /** Fields fixed once reported (a problem's source): shown, not editable. */
  fixed?: readonly string[];
  /** The submit button's words; 提交 and the kind's name unless said. */
  submitLabel?: string;
  errors?: readonly FieldError[];
  onSubmit: (body: Record<string, unknown>) => void;
  /** Each change, with the body as it would be sent (a draft kept on the device). */
  onChange?: (body: Record<string, unknown>) => void;
}


/** A value as the API expects it from what the widgets hold: no box ticked is none, an empty list of a required field is an empty list. */
function sent(ctx: FieldsContext, field: Field, value: unknown): unknown {
  switch (field.kind) {
    case 'choices': return Array.isArray(value) ? value : [];
    case 'lines': return value ?? (field.optional ? undefined : []);
    case 'minister': return ctx.ministerId ?? value;
    case 'items': {
      if (!Array.isArray(value)) return field.optional ? undefined : [];
      // A branch picked from the registry is its id alone.
      return value.map((item) => (field.branch && isPicked(item) ? item : sentAll(ctx, field.fields, item)));
    }
    case 'group': {
      const own = objectOf(value);
      if (field.branch && isPicked(own)) return own;
      const all = sentAll(ctx, field.fields, own);
      return field.optional && Object.keys(all).length === 0 ? undefined : all;
    }
    default: return value;
  }
}

const isPicked = (value: unknown) => {
  const own = objectOf(value);
  return typeof own.id === 'string' && Object.keys(own).length === 1;
};

const sentAll = (ctx: FieldsContext, fields: [string, Field][], value: unknown): Value => {
  const own = objectOf(value);
  let out: Value = 'id' in own && !fields.some(([n]) => n === 'id') ? { id: own.id } : {};
  for (const [name, field] of fields) out = withField(out, name, sent(ctx, field, own[name]));
  return out;
};

/** Every path a widget shows errors under, for the form's values as they are. */
function wrapperPaths(fields: [string, Field][], value: unknown, prefix: string, evidence: (name: string) => boolean, into: Set<string>): Set<string> {
  const own = objectOf(value);
  for (const [name, field] of fields) {
    const path = prefix ? `${prefix}.${name}` : name;
    into.add(path);
    const items = Array.isArray(own[name]) ? own[name] : [];
    if (!prefix && evidence(name)) items.forEach((_, i) => into.add(`${path}[${i}]`));
    else if (field.kind === 'group') wrapperPaths(field.fields, own[name], path, () => false, into);
    else if (field.kind === 'items') items.forEach((item, i) => { into.add(`${path}[${i}]`); wrapperPaths(field.fields, item, `${path}[${i}]`, () => false, into); });
  }
  return into;
}

/** The widget an error belongs to: its own path, or the nearest enclosing one (`trainees[2]` → `trainees`). */
function ownerOf(paths: Set<string>, path: string): string | undefined {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    if (paths.has(p)) return p;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return undefined;
}

const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);

export function RecordForm({ kind, ctx, id, initial, fixed = [], submitLabel, errors = [], onSubmit, onChange }: RecordFormProps) {
  const { form } = kind;
  const fields = useMemo(() => formFields(form), [form]);
  const [values, setValues] = useState<Value>(() => (initial ? objectOf(initial) : defaultsOf(kind, ctx, fields)));
  const summary = useRef<HTMLDivElement>(null);
  const body = (v: Value): Value => ({ id, ...sentAll(ctx, fields, v) });

  const evidence = (name: string) => takesEvidence(form, name);
  const paths = wrapperPaths(fields, values, '', evidence, new Set());
  const owned = errors.map((error) => ({ error, owner: ownerOf(paths, error.path) }));
  const state = {
    ctx, recordId: id, fixed, valueOf: (name: string) => values[name],
    errorOf: (path: string) => owned.filter((o) => o.owner === path).map((o) => o.error.message).join('；') || undefined,
    invalid: (path: string) => owned.some((o) => o.owner !== undefined && within(path, o.owner)),
  };
  useLayoutEffect(() => { if (errors.length) summary.current?.focus(); }, [errors]);

  // What the widgets last set, for one that sets late (a registry loaded after the person typed on).
  const latest = useRef(values);
  const set = (name: string, value: unknown) => {
    // A widget settling on what it holds (a registry loaded) is no change of the person's.
    if (JSON.stringify(value) === JSON.stringify(latest.current[name])) return;
    const next = withField(latest.current, name, value);
    latest.current = next;
    setValues(next);
    onChange?.(body(next));
  };
  const focus = (path: string) => {
    const target = document.getElementById(domId(path));
    (target instanceof HTMLFieldSetElement || target instanceof HTMLLIElement ? target.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea') : target)?.focus();
  };
  return (
    <FormStateContext.Provider value={state}>
      <form novalidate aria-label={form.label.zh} data-kind={form.kind} onSubmit={(e) => { e.preventDefault(); onSubmit(body(values)); }}>
        <div class="notice error" role="alert" tabIndex={-1} hidden={errors.length === 0} ref={summary}>
          {errors.length > 0 && <>
            <strong>{`有 ${errors.length} 处需要修改：`}</strong>
            <ul>{owned.map(({ error, owner }, i) => {
              const label = fieldText(kind, labelKey(error.path))?.label ?? (owner ? fieldText(kind, labelKey(owner))?.label : undefined) ?? '本表';
              const words = `${label}：${error.message}`;
              return <li key={i}>{owner ? <a href={`#${domId(owner)}`} onClick={(e) => { e.preventDefault(); focus(owner); }}>{words}</a> : words}</li>;
            })}</ul>
          </>}
        </div>
        {fields.map(([name, field]) => (evidence(name)
          ? <EvidenceField key={name} path={name} field={field} value={values[name]} set={(v) => set(name, v)} />
          : <FieldWidget key={name} path={name} field={field} value={values[name]} set={(v) => set(name, v)} />))}
        <div class="actions"><button type="submit" class="primary">{submitLabel ?? `提交${form.label.zh}`}</button></div>
      </form>
    </FormStateContext.Provider>
  );
}
