import * as z from 'zod/mini';
import type { Form } from '#schemas/form.ts';
import { branchInputSchema, countyCodeSchema, pastDateSchema, regionCodeSchema, slugIdSchema } from '#schemas/common.ts';
import type { Field } from './field.ts';

/**
 * A form's fields worked out from public schema information: the JSON Schema zod writes of the
 * form's shape (`z.toJSONSchema`, its input side) and the labels its enumerations carry. The web
 * build runs this once for every kind and puts the answer in the pages (model.ts), so a phone never
 * downloads the JSON Schema generator (6.7 KB gzipped); tests and tools run it where they are.
 */

type Json = z.core.JSONSchema.JSONSchema;

/**
 * The shared schemas that stand for a widget of their own (a county is picked, not typed): JSON
 * Schema cannot tell them from any other string, so the conversion marks them by identity.
 */
const WIDGET = 'x-widget';
const WIDGETS = new Map<unknown, string>([
  [countyCodeSchema, 'county'],
  [regionCodeSchema, 'region'],
  [slugIdSchema, 'minister'],
  [pastDateSchema, 'past-date'],
  [branchInputSchema, 'branch'],
]);

/** A shape's JSON Schema as the submitter writes it: defaults make a field optional, transforms are read on their input side. */
const jsonOf = (shape: z.core.$ZodShape): Json => z.toJSONSchema(z.object(shape), {
  io: 'input',
  // A refinement or a transform has no JSON form: its field is still the type it refines.
  unrepresentable: 'any',
  override: ({ zodSchema, jsonSchema }) => {
    const widget = WIDGETS.get(zodSchema);
    if (widget) jsonSchema[WIDGET] = widget;
  },
});

const isJson = (node: unknown): node is Json => typeof node === 'object' && node !== null && !Array.isArray(node);
const isLabels = (value: unknown): value is Record<string, string> =>
  isJson(value) && Object.values(value).every((v) => typeof v === 'string');

/** The Chinese labels an enumeration carries (labelledEnum's `x-enum-labels`), else its values. */
function optionsOf(node: Json): [string, string][] {
  const labels = isLabels(node['x-enum-labels']) ? node['x-enum-labels'] : {};
  return (node.enum ?? []).map((value) => [String(value), labels[String(value)] ?? String(value)]);
}

/**
 * A node as itself: a schema registered with an `id` (a kind's record, say) is written once under
 * `$defs` and referred to by `$ref`.
 */
function deref(root: Json, node: Json): Json {
  const name = node.$ref?.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
  return name !== undefined && root.$defs?.[name] ? deref(root, root.$defs[name]) : node;
}

function fieldOfJson(root: Json, ref: Json, optional: boolean): Field {
  const node = deref(root, ref);
  const widget = node[WIDGET];
  if (widget === 'county' || widget === 'region' || widget === 'minister') return { kind: widget, optional };
  if (node.type === 'string' && node.enum) return { kind: 'choice', options: optionsOf(node), optional };
  if (node.type === 'string' && node.format === 'uuid') return { kind: 'id', optional };
  if (node.type === 'string' && node.format === 'date') return { kind: 'date', optional, past: widget === 'past-date' };
  if (node.type === 'string') return { kind: 'text', max: node.maxLength ?? 2000, optional };
  if (node.type === 'integer' || node.type === 'number') return { kind: 'int', min: node.minimum, max: node.maximum, optional };
  if (node.type === 'object') {
    const branch = widget === 'branch';
    return { kind: 'group', fields: fieldsOfJson(root, node, branch), optional, branch };
  }
  if (node.type === 'array' && isJson(node.items)) {
    const element = deref(root, node.items);
    const min = node.minItems ?? 0;
    const max = node.maxItems ?? 100;
    if (element.type === 'string' && element.enum) return { kind: 'choices', options: optionsOf(element), min, optional };
    if (element.type === 'string') return { kind: 'lines', max, optional };
    if (element.type === 'object') {
      const branch = element[WIDGET] === 'branch';
      return { kind: 'items', fields: fieldsOfJson(root, element, branch), min, max, optional, ...(branch ? { branch } : {}) };
    }
  }
  throw new Error(`no form widget for a JSON Schema ${JSON.stringify(node.type)}`);
}

/**
 * An object's fields in order. A branch's are its fields as typed in (county, type, name); naming a
 * registered one by its `id` is the registry picker's (`branch-picker.ts`), not a field of its own.
 */
function fieldsOfJson(root: Json, ref: Json, branch = false): [string, Field][] {
  const node = deref(root, ref);
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {})
    .filter(([name]) => !(branch && name === 'id'))
    .map(([name, child]) => [name, fieldOfJson(root, isJson(child) ? child : {}, !required.has(name))]);
}

/** A form's fields (its zod shape) as widgets. */
export function fieldsFromSchema(shape: z.core.$ZodShape): [string, Field][] {
  const root = jsonOf(shape);
  return fieldsOfJson(root, root);
}

/** One schema as a widget: optional when the schema accepts a missing value. */
export const fieldOf = (schema: z.core.$ZodType): Field => fieldsFromSchema({ value: schema })[0][1];

/** The fields a kind's record answer may carry (those the server keeps or computes as well as the form's). */
export function answeredFromSchema(record: z.core.$ZodType): string[] {
  const root = z.toJSONSchema(record, { unrepresentable: 'any' });
  return Object.keys(deref(root, root).properties ?? {});
}

/** What a page needs of a form's schemas. */
export interface FormFields {
  fields: [string, Field][];
  /** Fields a record answer carries beyond the form's own and those of every kind (`duplicateOf`, `overdue`). */
  answered: string[];
}

/** Every form's fields, by kind: what the web build puts in the pages. */
export function formFieldTable(forms: readonly Form[]): Record<string, FormFields> {
  const answered = forms.map((form) => answeredFromSchema(form.schemas.record));
  const everyKinds = answered.reduce((common, names) => common.filter((name) => names.includes(name)));
  return Object.fromEntries(forms.map((form, i) => {
    const fields = fieldsFromSchema(form.fields);
    const own = new Set([...everyKinds, ...fields.map(([name]) => name)]);
    return [form.kind, { fields, answered: answered[i].filter((name) => !own.has(name)) }];
  }));
}
