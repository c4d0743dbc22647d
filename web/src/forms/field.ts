/**
 * What a form field is, read off the JSON Schema of the catalogue's zod schema (schema-fields.ts):
 * the web forms are generated from the very schemas the API validates with, so a field added to a
 * form appears on the page (and a test fails until it has a label).
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

/** Every field path of a form, `branch.name` and `suggestions.text` style (items without their index). */
export function pathsOf(fields: [string, Field][], prefix = ''): string[] {
  return fields.flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (field.kind === 'group' || field.kind === 'items') return [path, ...pathsOf(field.fields, path)];
    return [path];
  });
}
