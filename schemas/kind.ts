import type * as z from 'zod/mini';
import type { AppError } from './errors.ts';
import type { ChangeAction, Form, FormRecord, RecordListQuery, Review } from './form.ts';
import type { Figure, SumKey } from './figures.ts';
import type { Target } from './targets.ts';
import { parseWith } from './validation.ts';
import { ValidationError } from './errors.ts';

/**
 * A kind of record, whole: its form (fields, statuses, rules), where and when it counts, what a write
 * of it adds beyond the record, its counting rule, and how people see it. Each kind is one module
 * under `kinds/`, listed once in `kinds/index.ts`; the routes, the repository, the use cases, the
 * rollup, the scorecard and the web pages read everything from there.
 *
 * Kinds are plain data and pure functions: no storage, no SDK. What a write needs from the store
 * is said as intents, which the record repository turns into DynamoDB transaction items.
 */

/** A branch as records name it: its county, type and name, and its registry id when it is registered. */
export interface BranchRef {
  id?: string;
  countyCode: string;
  type: 'village' | 'community';
  name: string;
}

/** An item one record holds in the store for good or for a while (a suggestion's id, a visit's slot). */
export type HeldKey =
  | { space: 'suggestion'; id: string }
  /** The first visit of a head to a branch (its `branchIdentity`) on a day holds it; a later one is a suspected duplicate. */
  | { space: 'visit-slot'; ministerId: string; date: string; branch: string }
  /** A registered branch's official code, and its county and name as compared: one branch each. */
  | { space: 'branch-code'; code: string }
  | { space: 'branch-name'; identity: string }
  /** A record (of `kind`) that holds an attachment: whoever may see that record may see the attachment. */
  | { space: 'attachment-holder'; attachment: string; kind: string; record: string };

/** A head a record names: they must exist, serve a region holding `covers`, and (`within`) lie in the writer's region. */
export interface MinisterTarget {
  minister: string;
  covers: string;
  within?: string;
}

/** What a failed condition means: an answer for the caller, or `retry` (the state relied on moved: plan again). */
export type Refusal = AppError | 'retry';

/** What a write adds besides the record and its change entry, all in one transaction. */
export type Intent =
  /**
   * Take `key` for `holder` (or keep it, if already its). `alone`: harmless without the record, so
   * it may be written ahead in its own transaction when the record's is full.
   */
  | { type: 'hold'; key: HeldKey; holder: string; alone?: boolean; onTaken(): Refusal }
  /** Give `key` up, if `holder` still holds it. */
  | { type: 'release'; key: HeldKey; holder: string }
  /** A record this one names must exist (a head: and serve where the record counts, and where its writer may act). */
  | { type: 'exists'; target: MinisterTarget | { kind: Kind; id: string }; onMissing(): Refusal | Promise<Refusal> }
  /** Another record's next version, in the same transaction (a link both ways); a stale `before` plans again. */
  | { type: 'revise'; kind: Kind; before: FormRecord; after: FormRecord; action: ChangeAction }
  /** The month of a region must not be signed off (月度报送: 已报送, 已审核, 已确认) as the write lands. */
  | { type: 'open'; region: string; month: string; onLocked(): Refusal | Promise<Refusal> };

/** What a kind reads of the store while it plans a write. */
export interface PlanContext<T> {
  /** The stored version being replaced; absent for a new record. */
  previous?: T;
  holderOf(key: HeldKey): Promise<string | undefined>;
  read<U extends FormRecord>(kind: Kind<U>, id: string): Promise<U | undefined>;
  /** The instant of the write. */
  now: string;
}

export interface Plan<T> {
  /** The record to store, possibly amended (e.g. flagged as a suspected duplicate). */
  record: T;
  intents: Intent[];
}

/** A condition on stored records, for a kind's own list filters (the repository makes a filter expression of it). */
export type Condition =
  | { field: string; eq: string }
  | { field: string; in: readonly string[] }
  | { field: string; lt: string }
  | { exists: string }
  | { not: Condition }
  | { all: readonly Condition[] };

/**
 * What one counted version of a record adds to the figures of the region it counts in (and those
 * above it). Withdrawn and rejected records count nothing: that is decided once, by the rollup.
 */
export interface Counted<S extends string = string> {
  sums: Partial<Record<S, number>>;
  /** A counted visit: its head (at the level they held on its date) and its branch, for the distinct counts. */
  visit?: { ministerId: string; date: string; branch: BranchRef };
  /** A counted problem not yet rectified: its deadline, to count it overdue once past. */
  openDeadline?: string;
  /** A counted visit's suggestions still waiting for an answer (待答复), waiting since its date. */
  waiting?: { since: string; count: number };
}

/** The words beside a field: its label and, where it helps, a hint. */
export interface FieldText {
  label: string;
  hint?: string;
  /** What a new form holds before anything is typed: a count most records leave at 0 starts there. */
  initial?: number;
}

/** A column of a list of records. */
export interface Column<T> {
  key: string;
  label: string;
  value(record: T): string | number | undefined;
}

export interface Presentation<T> {
  /** What a person recognises a record by (its branch or title, and its date), also for an unfinished one. */
  title(record: Partial<T>): string;
  /** The columns a list of this kind shows, beyond the common ones. */
  columns: readonly Column<T>[];
  /** Labels of the kind's fields by path (`branch.name`; items without their index); common ones are in FIELD_TEXT. */
  labels: Readonly<Record<string, FieldText>>;
}

/** Server-kept fields a new record is stamped with. */
export interface Stamp {
  review: Review;
  submittedBy?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Everything about a kind that the generic code reads. Methods (not function properties), so a `Kind<Visit>` is a `Kind`. */
export interface Kind<T extends FormRecord = FormRecord> {
  /** Singular, stored in keys: `visit`. */
  name: string;
  form: Form;
  /** Fields naming a branch (or a list of branches) that a submission may give as a registered `{ id }`. */
  branchFields: readonly string[];
  /** The region a record counts in and is listed under (a county, or any level for region-wide records). */
  regionOf(record: T): string;
  /** The calendar date a record is listed by and counted under. */
  dateOf(record: T): string;
  /** A new record as stored: the validated input, stamped. */
  create(input: object, stamp: Stamp): T;
  /** A correction merged into the stored record and checked against the kind's rules (422 listing every bad field). */
  merge(current: T, patch: object): T;
  /** What a write of `next` adds, from what the store holds now. */
  plan(next: T, context: PlanContext<T>): Promise<Plan<T>>;
  /** The kind's own list filters, from its query parameters. */
  filters(query: RecordListQuery, today: string): Condition[];
  /** A record as answered: with the fields computed when read (`overdue`). */
  present(record: T, today: string): T;
  /** What a version counts for, once it counts at all; undefined when the kind's rule says it does not. */
  count(record: T): Counted | undefined;
  /**
   * Progress (a problem's rectification, a suggestion's answer): fields that move on after the month
   * is reported, and are reported in the month they move, so the monthly close's lock leaves them
   * alone. Paths; `*` stands for each element of a list (`suggestions.*.status`).
   */
  progress: readonly string[];
  /** Figures of its own that the table (figures.ts) does not hold, by their key in `totals`: a new kind's counted sums. */
  figures: KindFigures;
  /** Its own part of a scorecard (after the six targets), where its figures show there. */
  target?: { key: string } & Target;
  presentation: Presentation<T>;
}

/** A kind's own figures, by their key in `totals` (flat: one figure each). */
export type KindFigures = Readonly<Record<string, Figure>>;

/** The sum keys a kind's own figures keep. */
type SumsOf<F extends KindFigures> = Extract<F[keyof F]['source'], { sum: string }>['sum'];

/** The parts of a kind its module writes; everything else has a default. */
export interface KindSpec<T, I, F extends KindFigures = {}> {
  /** Fields naming a branch (or a list of branches) that a submission may give as a registered `{ id }`. */
  branchFields?: readonly string[];
  regionOf(record: T): string;
  dateOf(record: T): string;
  /** The validated input as stored, where the two differ (an inspection's findings gain `problemIds`). */
  fromInput?(input: I): object;
  /** A correction merged, where a plain overwrite of fields will not do; the result is checked like any other. */
  merge?(current: T, patch: Partial<T>): object;
  plan?(next: T, context: PlanContext<T>): Promise<Plan<T>>;
  filters?(query: RecordListQuery, today: string): Condition[];
  present?(record: T, today: string): T;
  /** Counts into the table's sums and its own figures' (a sum nobody declared is a type error). */
  count(record: T): Counted<SumKey | SumsOf<F>> | undefined;
  /** Fields that are progress rather than reported facts (none by default): see `Kind.progress`. */
  progress?: readonly string[];
  figures?: F;
  target?: { key: string } & Target;
  presentation: Presentation<T>;
}

type FormOf<T, I> = Form & { schemas: { stored: z.ZodMiniType<T>; input: z.ZodMiniType<I> } };

/** A kind, from its form and the rest of what it is. */
export function defineKind<T extends FormRecord, I, F extends KindFigures = {}>(form: FormOf<T, I>, spec: KindSpec<T, I, F>): Kind<T> {
  // Read from the form when used, not here: the form builds its schemas on first use.
  const check = (value: object) => parseWith(form.schemas.stored, value, (fields) => new ValidationError(undefined, fields));
  return {
    name: form.kind,
    form,
    branchFields: spec.branchFields ?? [],
    regionOf: spec.regionOf,
    dateOf: spec.dateOf,
    create: (input, stamp) => check({ ...(spec.fromInput ? spec.fromInput(form.schemas.input.parse(input)) : input), ...stamp }),
    merge: (current, patch) => check(spec.merge ? spec.merge(current, patch) : { ...current, ...patch }),
    plan: spec.plan ?? (async (record) => ({ record, intents: [] })),
    filters: spec.filters ?? (() => []),
    present: spec.present ?? ((record) => record),
    count: spec.count,
    progress: spec.progress ?? [],
    figures: spec.figures ?? {},
    ...(spec.target ? { target: spec.target } : {}),
    presentation: spec.presentation,
  };
}

/** A value without what lies at `path` (`*`: in each element of a list). */
function without(value: unknown, path: readonly string[]): unknown {
  if (!path.length || value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.map((element) => without(element, rest)) : value;
  if (Array.isArray(value) || !(head in value)) return value;
  const { [head]: inner, ...others } = value as Record<string, unknown>;
  return rest.length ? { ...others, [head]: without(inner, rest) } : others;
}

/**
 * A record's reported facts: the record less its kind's progress fields and the stamps every write
 * moves (version, updatedAt). What the monthly close locks; its review is among them.
 */
export function reportedFacts<T extends FormRecord>(kind: Pick<Kind<T>, 'progress'>, record: T): unknown {
  const { version: _version, updatedAt: _updatedAt, ...rest } = record;
  return kind.progress.reduce<unknown>((value, path) => without(value, path.split('.')), rest);
}

/** Words of fields every kind may have; a kind's own labels override them. */
export const FIELD_TEXT: Readonly<Record<string, FieldText>> = {
  id: { label: '编号' },
  ministerId: { label: '组织部长', hint: '记录所属的组织部长（部长本人及其工作人员填报时固定为本人）' },
  date: { label: '日期' },
  status: { label: '状态' },
  branch: { label: '党组织' },
  'branch.countyCode': { label: '所在县（市、区）' },
  'branch.type': { label: '类型' },
  'branch.name': { label: '党组织名称', hint: '如：城东区东关大街社区党委' },
  regionCode: { label: '适用范围', hint: '省、市州或县（市、区）' },
  attachments: { label: '佐证材料', hint: '照片或 PDF，最多 20 个' },
  'attachments.caption': { label: '说明' },
};

/** The words of a kind's field path, or undefined when nobody wrote one (a test forbids that). */
export function fieldText(kind: Pick<Kind, 'presentation'>, path: string): FieldText | undefined {
  return kind.presentation.labels[path] ?? FIELD_TEXT[path] ?? (path.endsWith('.id') ? FIELD_TEXT.id : undefined);
}

/** Joins the parts of a title that are there: `走访记录 · 东关大街社区党委 · 2026-11-20`. */
export const titleOf = (...parts: (string | undefined)[]) => parts.filter((p) => typeof p === 'string' && p.trim() !== '').join(' · ');
