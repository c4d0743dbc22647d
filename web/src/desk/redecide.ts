import { fieldText, type Kind } from '#schemas/kind.ts';

/**
 * What a correction of a decided record says before it is sent: changing a field the decision is
 * about (the kind's `decidedOn`: a model's nominee) sends it back to its first status and to review
 * (the API does so in correct-record.ts). Undefined when the record is not decided.
 */
export function redecisionWarning(kind: Pick<Kind, 'form' | 'presentation'>, record: { status: string }): string | undefined {
  const { statuses, decidedOn } = kind.form;
  if (!decidedOn?.length || !statuses.decisions?.includes(record.status)) return undefined;
  const fields = decidedOn.map((field) => fieldText(kind, field)?.label ?? field).join('、');
  return `本记录为“${statuses.labels[record.status]}”：修改${fields}将退回“${statuses.labels[statuses.initial[0]]}”，重新审核。`;
}
