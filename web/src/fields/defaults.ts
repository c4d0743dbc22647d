import { fieldText, type Kind } from '#schemas/kind.ts';
import { beijingDate } from '#schemas/time.ts';
import type { Field } from '../forms/field.ts';
import { type FieldsContext, labelKey } from './context.ts';
import { onlyCounty } from './widgets.tsx';

/** What a form holds before anyone types: its values as the widgets set them, fields left empty left out. */
export type Value = Record<string, unknown>;
export const objectOf = (value: unknown): Value => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {});

/** An object with one field changed, fields left empty left out. */
export function withField(value: unknown, name: string, next: unknown): Value {
  const changed = objectOf(value);
  if (next === undefined) delete changed[name];
  else changed[name] = next;
  return changed;
}

/** A new item: its own id (a suggestion's, a finding's) made when it is added, never typed. */
export const newItem = (field: Extract<Field, { kind: 'items' }>): Value =>
  (field.fields.some(([name, f]) => name === 'id' && f.kind === 'id') ? { id: crypto.randomUUID() } : {});

/** A fresh form's values: today for a date just past, a choice's preset, a count's usual start, the only county, an item per one required. */
export function defaultsOf(kind: Kind, ctx: FieldsContext, fields: [string, Field][], prefix = ''): Value {
  let value: Value = {};
  for (const [name, field] of fields) {
    const path = prefix ? `${prefix}.${name}` : name;
    value = withField(value, name, defaultOf(kind, ctx, path, field));
  }
  return value;
}

function defaultOf(kind: Kind, ctx: FieldsContext, path: string, field: Field): unknown {
  switch (field.kind) {
    case 'date': return field.past && !field.optional ? beijingDate() : undefined;
    case 'choice': return field.preset;
    case 'int': return fieldText(kind, labelKey(path))?.initial;
    case 'county': return onlyCounty(ctx);
    case 'minister': return ctx.ministerId ?? (ctx.ministers.some((m) => m.id === ctx.lastMinisterId) ? ctx.lastMinisterId : undefined);
    case 'group': {
      const value = defaultsOf(kind, ctx, field.fields, path);
      return field.optional && Object.keys(value).length === 0 ? undefined : value;
    }
    case 'items': return Array.from({ length: field.min }, (_, i) => ({ ...newItem(field), ...defaultsOf(kind, ctx, field.fields, `${path}[${i}]`) }));
    default: return undefined;
  }
}

