import type { Form, FormRecord } from '#schemas/form.ts';
import { sameContent } from './fingerprint.ts';

const fieldOf = (record: object, field: string): unknown => (record as Record<string, unknown>)[field];

/**
 * Whether a correction takes a decided record away from what was decided: its status is one of the
 * kind's decisions (a model 已选树 / 未选树) and a field that decision is about (the kind's
 * `decidedOn`: the model's nominee) changed. Such a record goes back to be decided again.
 */
export function changesWhatWasDecided(form: Pick<Form, 'statuses' | 'decidedOn'>, current: FormRecord, next: FormRecord): boolean {
  if (!form.statuses.decisions?.includes(current.status)) return false;
  return (form.decidedOn ?? []).some((field) => !sameContent(fieldOf(current, field), fieldOf(next, field)));
}
