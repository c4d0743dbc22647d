import { REVIEW_STATES, WITHDRAWN } from '#schemas/form.ts';
import { fieldText, type Kind } from '#schemas/kind.ts';
import { findRegion } from '#schemas/regions.ts';
import { answers, type Field, fieldsOf } from '../forms/model.ts';

/**
 * A record in people's words: every field under its Chinese label, every enumeration under the
 * Chinese label its zod schema carries (`x-enum-labels`), regions and heads by name. The detail
 * view, the change trail and the "changed meanwhile" notice all read records through here. No DOM.
 */

/** Words the desk adds for what every record carries (review) beside its kind's own labels. */
export const RECORD_TEXT: Readonly<Record<string, string>> = {
  'review.state': '审核状态',
  'review.comment': '审核意见',
};

/** How the desk names a head and a person who changed a record. */
export interface Names {
  /** A head by name (from `GET /ministers`); one outside the caller's reach by a phrase, never by id. */
  minister(id: string): string;
}

/** A field of a record as the desk shows it: a form field, or one the server keeps. */
export type ShownField = Field | { kind: 'flag'; optional: boolean };

export type Node =
  | { path: string; label: string; text: string }
  | { path: string; label: string; group: Node[] }
  | { path: string; label: string; items: Node[][] };

const labelKey = (path: string) => path.replace(/\[\d+\]/g, '');

/** The label of a path of a kind's record (`suggestions[0].status` → 办理情况). */
export function labelOf(kind: Pick<Kind, 'presentation'>, path: string): string {
  const key = labelKey(path);
  return RECORD_TEXT[key] ?? fieldText(kind, key)?.label ?? key;
}

/** The fields a stored record shows: its form's, then its status and what the server keeps (its review aside). */
export function shownFields(kind: Kind): [string, ShownField][] {
  const { form } = kind;
  const statuses = { ...(form.statuses.labels as Record<string, string>), ...WITHDRAWN };
  const fields: [string, ShownField][] = [
    ...fieldsOf(form),
    ['status', { kind: 'choice', options: Object.entries(statuses), optional: false }],
  ];
  if (answers(form, 'duplicateOf')) fields.push(['duplicateOf', { kind: 'id', optional: true }]);
  if (answers(form, 'overdue')) fields.push(['overdue', { kind: 'flag', optional: true }]);
  return fields;
}

/** One value in words: a choice by its label, a region by its name, a head by name, a number as 12,536. */
export function valueText(field: ShownField, value: unknown, names: Names): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.kind) {
    case 'choice': return field.options.find(([v]) => v === value)?.[1] ?? String(value);
    case 'choices': return Array.isArray(value) ? value.map((v) => field.options.find(([o]) => o === v)?.[1] ?? String(v)).join('、') : String(value);
    case 'lines': return Array.isArray(value) ? value.join('、') : String(value);
    case 'int': return typeof value === 'number' ? value.toLocaleString('zh-CN') : String(value);
    case 'county':
    case 'region': return findRegion(String(value))?.name ?? String(value);
    case 'minister': return names.minister(String(value));
    case 'flag': return value ? '是' : '否';
    default: return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Any value the form does not describe (an inspection finding's problems, kept by the server): plain. */
const plainText = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.map(String).join('、') : String(value);

function nodesOf(kind: Kind, fields: [string, ShownField][], value: Record<string, unknown> | undefined, prefix: string, names: Names): Node[] {
  const nodes: Node[] = [];
  const known = new Set(fields.map(([name]) => name));
  for (const [name, field] of fields) {
    const path = prefix ? `${prefix}.${name}` : name;
    const v = value?.[name];
    // An item's own id is made when the item is added, never typed: it is no one's business to read.
    if (prefix.endsWith(']') && name === 'id' && field.kind === 'id') continue;
    if (field.kind === 'group') {
      nodes.push({ path, label: labelOf(kind, path), group: nodesOf(kind, field.fields, v as Record<string, unknown> | undefined, path, names) });
    } else if (field.kind === 'items') {
      const items = Array.isArray(v) ? v : [];
      nodes.push({ path, label: labelOf(kind, path), items: items.map((item, i) => nodesOf(kind, field.fields, item as Record<string, unknown>, `${path}[${i}]`, names)) });
    } else {
      nodes.push({ path, label: labelOf(kind, path), text: valueText(field, v, names) });
    }
  }
  // Inside items, what the server adds (a finding's problems) shows too.
  if (prefix.endsWith(']') && value) {
    for (const [name, v] of Object.entries(value)) {
      if (!known.has(name)) nodes.push({ path: `${prefix}.${name}`, label: labelOf(kind, `${prefix}.${name}`), text: plainText(v) });
    }
  }
  return nodes;
}

/** A record as a tree of labelled values, in its form's order, then status, review and server-kept fields. */
export function recordTree(kind: Kind, record: object, names: Names): Node[] {
  const review = (record as { review?: { state?: string; comment?: string } }).review;
  return [
    ...nodesOf(kind, shownFields(kind), record as Record<string, unknown>, '', names),
    { path: 'review.state', label: RECORD_TEXT['review.state'], text: valueText(REVIEW_FIELD, review?.state ?? 'received', names) },
    { path: 'review.comment', label: RECORD_TEXT['review.comment'], text: review?.comment ?? '' },
  ];
}

const REVIEW_FIELD: ShownField = { kind: 'choice', options: Object.entries(REVIEW_STATES), optional: false };

export interface Leaf {
  path: string;
  /** The label with where it sits: `收集的意见建议 第 2 条 · 办理情况`. */
  label: string;
  text: string;
}

/** Every value of a tree, one line each, labelled with where it sits. */
export function leavesOf(nodes: Node[], labelPrefix = ''): Leaf[] {
  return nodes.flatMap((node): Leaf[] => {
    if ('group' in node) return leavesOf(node.group, `${labelPrefix}${node.label} · `);
    if ('items' in node) return node.items.flatMap((item, i) => leavesOf(item, `${labelPrefix}${node.label} 第 ${i + 1} 条 · `));
    return [{ path: node.path, label: `${labelPrefix}${node.label}`, text: node.text }];
  });
}
