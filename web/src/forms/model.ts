import type { Form } from '#schemas/form.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { Field } from './field.ts';
import { formFieldTable, type FormFields } from './schema-fields.ts';

export { type Field, pathsOf } from './field.ts';

/**
 * Set by the web build (web/build.ts): every kind's fields, worked out from its schemas when the
 * site is built. Elsewhere (tests, tools) the same table is worked out on first use.
 */
declare const __FORM_FIELDS_BUILT__: true;
declare const __FORM_FIELDS__: string;

/** The table as the build wrote it, from `formFieldTable` itself. */
const parsed = (text: string): Record<string, FormFields> => JSON.parse(text);

let table: Record<string, FormFields> | undefined;
// A conditional the build folds away, and with it the JSON Schema generator (an `if` it does not).
const workOut = () => (typeof __FORM_FIELDS_BUILT__ !== 'undefined' ? parsed(__FORM_FIELDS__) : formFieldTable(KINDS.map((kind) => kind.form)));

const formFieldsOf = (form: Pick<Form, 'kind'>): FormFields => (table ??= workOut())[form.kind];

/** A form's fields as widgets, in the form's order (a fresh list: callers add their own). */
export const fieldsOf = (form: Pick<Form, 'kind'>): [string, Field][] => [...formFieldsOf(form).fields];

/** Whether a kind's record answer carries a field of its kind's own beyond its form's (`duplicateOf`, `overdue`). */
export const answers = (form: Pick<Form, 'kind'>, field: string): boolean => formFieldsOf(form).answered.includes(field);

/** The fields a submitter fills: the form's own, and the status when a record may start in more than one. */
export function formFields(form: Form): [string, Field][] {
  const fields = fieldsOf(form);
  if (form.statuses.initial.length > 1) {
    const labels = form.statuses.labels as Record<string, string>;
    fields.push(['status', { kind: 'choice', options: form.statuses.initial.map((s) => [s, labels[s]]), optional: false, preset: form.statuses.initial[0] }]);
  }
  return fields;
}
