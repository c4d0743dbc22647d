import * as z from 'zod/mini';
import { branchInputSchema, countyCodeSchema, regionCodeSchema, slugIdSchema } from '#schemas/common.ts';

/**
 * What a form field is, read off the catalogue's zod schema: the web forms are generated from the
 * very schemas the API validates with, so a field added to a form appears on the page (and a test
 * fails until it has a label).
 */
export type Field =
  | { kind: 'text'; max: number; optional: boolean }
  | { kind: 'int'; min?: number; max?: number; optional: boolean }
  | { kind: 'date'; optional: boolean; past: boolean }
  | { kind: 'choice'; options: [string, string][]; optional: boolean; preset?: string }
  | { kind: 'choices'; options: [string, string][]; min: number; optional: boolean }
  | { kind: 'lines'; max: number; optional: boolean }
  | { kind: 'group'; fields: [string, Field][]; optional: boolean; branch: boolean }
  /** `branch`: a list of branches (a report's), each typed in or picked from the registry like a `branch` group. */
  | { kind: 'items'; fields: [string, Field][]; min: number; max: number; optional: boolean; branch?: boolean }
  | { kind: 'county'; optional: boolean }
  | { kind: 'region'; optional: boolean }
  | { kind: 'minister'; optional: boolean }
  | { kind: 'id'; optional: boolean };

interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; params?: { key?: string } } } }[];
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  entries?: Record<string, string>;
  shape?: Record<string, z.core.$ZodType>;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;
const checksOf = (schema: z.core.$ZodType) => (defOf(schema).checks ?? []).map((c) => c._zod.def);
const bound = (schema: z.core.$ZodType, check: string, key: 'minimum' | 'maximum' | 'value') =>
  checksOf(schema).find((c) => c.check === check)?.[key];

/** The Chinese labels an enumeration carries (labelledEnum), else its values. */
function optionsOf(schema: z.core.$ZodType): [string, string][] {
  const labels = (z.globalRegistry.get(schema) as { 'x-enum-labels'?: Record<string, string> } | undefined)?.['x-enum-labels'] ?? {};
  return Object.keys(defOf(schema).entries ?? {}).map((value) => [value, labels[value] ?? value]);
}

export function fieldOf(schema: z.core.$ZodType, optional = false): Field {
  const def = defOf(schema);
  if (def.type === 'optional' || def.type === 'default') return fieldOf(def.innerType!, true);
  if (schema === (countyCodeSchema as unknown)) return { kind: 'county', optional };
  if (schema === (regionCodeSchema as unknown)) return { kind: 'region', optional };
  if (schema === (slugIdSchema as unknown)) return { kind: 'minister', optional };
  if (def.type === 'string' && def.format === 'uuid') return { kind: 'id', optional };
  if (def.type === 'string' && def.format === 'date') {
    return { kind: 'date', optional, past: checksOf(schema).some((c) => c.params?.key === 'date.future') };
  }
  if (def.type === 'string') return { kind: 'text', max: bound(schema, 'max_length', 'maximum') ?? 2000, optional };
  if (def.type === 'number') return { kind: 'int', min: bound(schema, 'greater_than', 'value'), max: bound(schema, 'less_than', 'value'), optional };
  if (def.type === 'enum') return { kind: 'choice', options: optionsOf(schema), optional };
  if (def.type === 'object') {
    const branch = schema === (branchInputSchema as unknown);
    return { kind: 'group', fields: fieldsOf(branch ? typedBranchShape() : def.shape!), optional, branch };
  }
  if (def.type === 'array') {
    const element = defOf(def.element!);
    const min = bound(schema, 'min_length', 'minimum') ?? 0;
    const max = bound(schema, 'max_length', 'maximum') ?? 100;
    if (element.type === 'enum') return { kind: 'choices', options: optionsOf(def.element!), min, optional };
    if (element.type === 'string') return { kind: 'lines', max, optional };
    if (def.element === (branchInputSchema as unknown)) return { kind: 'items', fields: fieldsOf(typedBranchShape()), min, max, optional, branch: true };
    if (element.type === 'object') return { kind: 'items', fields: fieldsOf(element.shape!), min, max, optional };
  }
  throw new Error(`no form widget for a zod ${def.type}`);
}

/**
 * A branch's fields as typed in (county, type, name); naming a registered one by its `id` is the
 * registry picker's (`branch-picker.ts`), not a field of its own.
 */
const typedBranchShape = () => Object.fromEntries(Object.entries(defOf(branchInputSchema).shape!).filter(([name]) => name !== 'id'));

export const fieldsOf = (shape: Record<string, z.core.$ZodType>): [string, Field][] =>
  Object.entries(shape).map(([name, schema]) => [name, fieldOf(schema)]);

/** Every field path of a form, `branch.name` and `suggestions.text` style (items without their index). */
export function pathsOf(fields: [string, Field][], prefix = ''): string[] {
  return fields.flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (field.kind === 'group' || field.kind === 'items') return [path, ...pathsOf(field.fields, path)];
    return [path];
  });
}
