import { useRef, useState } from 'preact/hooks';
import type { Field } from '../forms/field.ts';
import { BranchField } from './branch.tsx';
import { domId, type FieldProps, labelFor, useFormState } from './context.ts';
import { ChoiceField, ChoicesField, CountyField, DateField, IdField, IntField, LinesField, MinisterField, RegionField, TextField } from './widgets.tsx';
import { defaultsOf, newItem, objectOf, type Value, withField } from './defaults.ts';
import { FieldWrap } from './wrap.tsx';

/** Any field of a form, by its kind: the one entry the forms page and the desk's correction use. */
export function FieldWidget(props: FieldProps<Field>) {
  const { ctx } = useFormState();
  const { field } = props;
  const custom = ctx.custom?.(props);
  if (custom) return custom;
  switch (field.kind) {
    case 'text': return <TextField {...props} field={field} />;
    case 'int': return <IntField {...props} field={field} />;
    case 'date': return <DateField {...props} field={field} />;
    case 'choice': return <ChoiceField {...props} field={field} />;
    case 'choices': return <ChoicesField {...props} field={field} />;
    case 'lines': return <LinesField {...props} field={field} />;
    case 'county': return <CountyField {...props} field={field} />;
    case 'region': return <RegionField {...props} field={field} />;
    case 'minister': return <MinisterField {...props} field={field} />;
    case 'id': return <IdField {...props} field={field} />;
    case 'group': return field.branch && ctx.branches ? <BranchField {...props} field={field} /> : <GroupField {...props} field={field} />;
    case 'items': return <ItemsField {...props} field={field} />;
  }
}

/** Every branch field's widgets come in one order, on every form: where it is, then its name, then what kind. */
const BRANCH_ORDER = ['countyCode', 'name', 'type'];
export const inBranchOrder = (fields: [string, Field][]) =>
  [...fields].sort(([a], [b]) => (BRANCH_ORDER.indexOf(a) + 1 || 99) - (BRANCH_ORDER.indexOf(b) + 1 || 99));

/** The fields of a group or an item, each at its path. */
function Members({ path, fields, value, set }: { path: string; fields: [string, Field][]; value: unknown; set: (value: Value) => void }) {
  const own = objectOf(value);
  return <>{fields.map(([name, child]) => (
    <FieldWidget key={name} path={`${path}.${name}`} field={child} value={own[name]} set={(v) => set(withField(own, name, v))} />
  ))}</>;
}

export function GroupField({ path, field, value, set }: FieldProps<Extract<Field, { kind: 'group' }>>) {
  return (
    <FieldWrap path={path} optional={field.optional} group>
      <div>
        <Members path={path} fields={field.branch ? inBranchOrder(field.fields) : field.fields} value={value}
          set={(v) => set(field.optional && Object.keys(v).length === 0 ? undefined : v)} />
      </div>
    </FieldWrap>
  );
}

/** Repeated items (suggestions, trainees, a report's branches): each its own fieldset, added and removed. */
export function ItemsField({ path, field, value, set }: FieldProps<Extract<Field, { kind: 'items' }>>) {
  const { ctx, fixed } = useFormState();
  const items = Array.isArray(value) ? value : [];
  // An item's branch may be set late (its county's list loaded): it changes the items as they are then.
  const latest = useRef(items);
  latest.current = items;
  // Items keep their widgets (and what is typed in them) when one before them is removed.
  const made = useRef(0);
  const [keys, setKeys] = useState<number[]>(() => items.map(() => made.current++));
  while (keys.length < items.length) keys.push(made.current++);
  const fields = (field.branch ? inBranchOrder(field.fields) : field.fields).filter(([name, f]) => !(name === 'id' && f.kind === 'id'));
  const send = (next: unknown[]) => set(next.length === 0 && field.optional ? undefined : next);
  const disabled = fixed.includes(path) || undefined;
  const add = () => {
    setKeys([...keys.slice(0, items.length), made.current++]);
    send([...items, { ...newItem(field), ...defaultsOf(ctx.kind, ctx, field.fields, `${path}[${items.length}]`) }]);
    // The new item's first input takes the focus once drawn.
    requestAnimationFrame(() => document.getElementById(`${path}-${items.length}`)?.querySelector<HTMLElement>('input, select, textarea')?.focus());
  };
  return (
    <FieldWrap path={path} optional={field.optional} group>
      <div>
        <div>
          {items.map((item, index) => {
            const itemPath = `${path}[${index}]`;
            const update = (next: unknown) => { latest.current = latest.current.map((old, i) => (i === index ? next : old)); send(latest.current); };
            const remove = () => { setKeys(keys.filter((_, i) => i !== index)); send(items.filter((_, i) => i !== index)); };
            const legend = <legend>{`第 ${index + 1} 条 `}<button type="button" class="link" disabled={disabled} onClick={remove}>删除</button></legend>;
            return (
              <fieldset key={keys[index]} class="item" data-path={itemPath} id={`${path}-${index}`}>
                {legend}
                {field.branch && ctx.branches
                  ? <BranchField path={itemPath} field={{ kind: 'group', fields: field.fields, optional: false, branch: true }} value={item} set={update} bare />
                  : <Members path={itemPath} fields={fields} value={item} set={update} />}
                <ItemError path={itemPath} />
              </fieldset>
            );
          })}
        </div>
        <button type="button" disabled={disabled || items.length >= field.max} onClick={add}>{`添加${labelFor(ctx.kind, path).label.replace(/^(收集的|调研的|发现的)/, '')}`}</button>
      </div>
    </FieldWrap>
  );
}

function ItemError({ path }: { path: string }) {
  const { errorOf } = useFormState();
  return <div class="error-text" id={`${domId(path)}-error`}>{errorOf(path)}</div>;
}
