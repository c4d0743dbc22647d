import { attachmentsField } from '#schemas/attachment-field.ts';
import type { Form } from '#schemas/form.ts';

/** Whether a form's field is the evidence field: the kinds that carry it declare `attachments: attachmentsField`. */
export const takesEvidence = (form: Pick<Form, 'fields'>, name: string) =>
  form.fields[name] === attachmentsField;
