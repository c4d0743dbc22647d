import type { Form, FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { describeIssue } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { type Field, fieldsOf } from '../forms/model.ts';

/**
 * A correction as the API takes it: only the fields that changed (`PATCH /{kind}/{id}` with
 * If-Match), checked in the browser with the kind's own patch schema and its rules on the merged
 * record, in the API's words. No DOM.
 */
export interface FieldError {
  path: string;
  message: string;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A stored value cut to what the form holds (an inspection finding without the problems the server lists). */
function project(field: Field, value: unknown): unknown {
  if (isEmpty(value)) return undefined;
  if (field.kind === 'group' && value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A registered branch is the branch its id names: what the registry adds to it is no change.
    if (field.branch && typeof v.id === 'string') return { id: v.id };
    return Object.fromEntries(field.fields.map(([name, f]) => [name, project(f, v[name])]).filter(([, x]) => x !== undefined));
  }
  if (field.kind === 'items' && Array.isArray(value)) {
    return value.map((item) => project({ kind: 'group', fields: field.fields, optional: false, branch: !!field.branch }, item));
  }
  return value;
}

/** JSON with keys in order, so two objects with the same content compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The fields a correction may name: the form's own, and the status where the form shows it (a kind
 * that may be reported in more than one, as the forms page does); never `id` or fixed ones.
 */
export function correctableFields(form: Form): [string, Field][] {
  const immutable = new Set(form.immutable ?? []);
  const fields = fieldsOf(form).filter(([name]) => !immutable.has(name));
  if (form.statuses.initial.length > 1) fields.push(['status', { kind: 'choice', options: Object.entries(form.statuses.labels), optional: false }]);
  return fields;
}

/**
 * What a correction changes: each field whose content differs from the record's. A list may be
 * emptied (`[]`); a single optional field once filled cannot be (the API keeps what a patch leaves
 * out), so emptying one is an error at its path rather than a silent no-op.
 */
export function patchOf(form: Form, record: Record<string, unknown>, read: Record<string, unknown>): { patch: Record<string, unknown>; errors: FieldError[] } {
  const patch: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, field] of correctableFields(form)) {
    const before = project(field, record[name]);
    const after = project(field, read[name]);
    if (canonical(before) === canonical(after)) continue;
    if (after !== undefined) patch[name] = read[name];
    else if (field.kind === 'items' || field.kind === 'choices' || field.kind === 'lines') patch[name] = [];
    else errors.push({ path: name, message: '已填写的内容不能清空，可改为其他内容' });
  }
  return { patch, errors };
}

/**
 * The API's checks of a correction, run in the browser: the patch against the kind's patch schema,
 * then the record it makes against the kind's rules (`kind.merge`, as the API merges it).
 */
export function checkPatch(kind: Kind, record: FormRecord, patch: Record<string, unknown>): FieldError[] {
  const parsed = kind.form.schemas.patch.safeParse(patch, { reportInput: true });
  if (!parsed.success) return fieldIssues(parsed.error).map(({ path, issue }) => ({ path, message: describeIssue(issue, 'zh') }));
  try {
    kind.merge(record, parsed.data);
    return [];
  } catch (error) {
    const fields = (error as { fields?: { path: string; issue: Parameters<typeof describeIssue>[0] }[] }).fields;
    if (!fields) throw error;
    return fields.map(({ path, issue }) => ({ path, message: describeIssue(issue, 'zh') }));
  }
}
