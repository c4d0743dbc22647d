import type { Form } from '#schemas/form.ts';
import { describeIssue } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The browser's check of a new record: the catalogue's own input schema, its paths as the API
 * writes them and its messages in the API's words, so the page says what the server would.
 */
export function checkInput(form: Form, value: unknown): FieldError[] {
  const result = form.schemas.input.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return fieldIssues(result.error).map(({ path, issue }) => ({ path, message: describeIssue(issue, 'zh') }));
}
