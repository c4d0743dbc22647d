import * as z from 'zod/mini';
import { once } from './once.ts';
import type { RuleKey } from './messages.ts';
import {
  countyCodeSchema, intSchema, labelledEnum, listQueryBase, prefectureCodeSchema, queryDateSchema, recordMetaSchema, rule, slugIdSchema, textSchema, uuidSchema,
} from './common.ts';

/**
 * The schema half of a kind of record (a visit, a problem, a report, …), declared once with
 * `defineForm`: its submitter's fields, its status machine and its cross-field rules. Every schema
 * the API, the OpenAPI document and the web forms need is derived from that. The rest of what makes
 * a kind (where it counts, what a write adds, how people see it) is its `Kind` (kind.ts).
 */

export const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

/** How staff judge a record (as in ODK Central): every record starts `received`. */
export const REVIEW_STATES = { received: '待审核', approved: '已通过', has_issues: '有问题', rejected: '已退回' } as const;
export type ReviewState = keyof typeof REVIEW_STATES;

/** A lifecycle: the states, their Chinese labels, and the moves each allows. */
export interface StatusMachine<S extends string> {
  labels: Record<S, string>;
  /** States a new record may be reported in; the first is the default. */
  initial: readonly [S, ...S[]];
  moves: Record<S, readonly S[]>;
  /** States that are the department's decision: only staff and admins move a record into them. */
  decisions?: readonly S[];
}

/** Whether `from → to` is one of a machine's moves. */
export const mayMove = <S extends string>(machine: Pick<StatusMachine<S>, 'moves'>, from: S, to: S): boolean => machine.moves[from]?.includes(to) ?? false;

/** Staff may change their mind, but nothing goes back to `received` except through the submitter's correction. */
export const REVIEW: StatusMachine<ReviewState> = {
  labels: REVIEW_STATES,
  initial: ['received'],
  moves: {
    received: ['approved', 'has_issues', 'rejected'],
    has_issues: ['approved', 'rejected'],
    approved: ['has_issues', 'rejected'],
    rejected: ['approved', 'has_issues'],
  },
};

export const reviewSchema = z.object({
  state: labelledEnum(REVIEW_STATES),
  comment: z.optional(z.string()),
  /** Who judged, and when (absent while `received`). */
  by: z.optional(z.string()),
  at: z.optional(z.iso.datetime()),
});
export type Review = z.infer<typeof reviewSchema>;

/** A review needs a reason whenever it is not an approval. Built on first use, as the review routes and the desk ask for it. */
export const reviewPatchSchema = once(() => z
  .strictObject({ state: z.enum(['approved', 'has_issues', 'rejected']), comment: z.optional(textSchema(1000)) })
  .check(z.refine((r) => r.state === 'approved' || r.comment !== undefined, { ...rule('review.commentRequired'), path: ['comment'] }))
  .register(z.globalRegistry, { id: 'ReviewPatch' }));
export type ReviewPatch = z.infer<ReturnType<typeof reviewPatchSchema>>;

export const WITHDRAWN = { withdrawn: '已撤回' } as const;

/** The lifecycle of a kind that is only reported (and perhaps withdrawn): no moves of its own. */
export const SUBMITTED_ONLY = { labels: { submitted: '已提交' }, initial: ['submitted'], moves: { submitted: [] } } as const satisfies StatusMachine<'submitted'>;

/** What a change entry records: how the record came to this version. */
export const CHANGE_ACTIONS = {
  create: '新建',
  correct: '修改',
  withdraw: '撤回',
  suggestion: '办理意见建议',
  replace: '更新',
  review: '审核',
  link: '关联问题',
  /** 验收销号 of a rectified problem by the level above (schemas/acceptance.ts), and its return to 整改中. */
  accept: '验收销号',
  return: '验收退回',
} as const;
export type ChangeAction = keyof typeof CHANGE_ACTIONS;

/** Why a change did more than it was asked (said in the trail beside its action). */
export const CHANGE_REASONS = {
  redecide: '修改了已作决定的内容，退回重新决定',
} as const;
export type ChangeReason = keyof typeof CHANGE_REASONS;

/** One entry of a record's append-only change trail (who, when, before/after): built on first use, by the trail's route. */
export const changeSchema = once(() => z
  .object({
    version: intSchema(),
    action: z.enum(keysOf(CHANGE_ACTIONS)),
    reason: z.optional(z.enum(keysOf(CHANGE_REASONS))),
    requestId: z.string(),
    at: z.iso.datetime(),
    /** The token subject of whoever made the change. */
    by: z.string(),
    /** Whoever made the change as people know them (their name, or their head's), as it was then; absent on older entries. */
    byName: z.optional(z.string()),
    before: z.nullable(z.record(z.string(), z.unknown())),
    after: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, { id: 'Change' }));

/** A broken rule across fields, at `path`, phrased by its message key. */
export function ruleIssue(ctx: z.core.$RefinementCtx, path: (string | number)[], key: RuleKey): void {
  ctx.addIssue({ code: 'custom', path, message: key, params: { key } });
}

/** Flags every item whose `keyOf` repeats an earlier one's, at `[field, index, ...sub]`. */
export function flagRepeats<T>(ctx: z.core.$RefinementCtx, field: string, items: readonly T[], keyOf: (item: T) => string, key: RuleKey, sub: string[] = []): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(keyOf(item))) ruleIssue(ctx, [field, i, ...sub], key);
    seen.add(keyOf(item));
  });
}

type Shape = z.core.$ZodShape;

/** A record's content as its rules see it: the submitter's fields as stored, and its status. */
export type ContentOf<F extends Shape, C extends Shape, S extends string> = z.output<z.ZodMiniObject<Omit<F, keyof C> & C>> & { status: S };

export interface FormDefinition<F extends Shape, S extends string, Q extends Shape, R extends Shape, C extends Shape, X extends Shape> {
  /** Singular, stored in keys: `problem`. */
  kind: string;
  /** The collection's path segment: `problems`. */
  path: string;
  /** Names for schemas (`ProblemInput`, …). */
  name: string;
  label: { zh: string; en: string };
  /**
   * What a submitter fills, besides `id` and `status`. Every kind has `ministerId`. This and the other
   * shapes below are functions, called on first use: a function that bundles every kind serves one
   * kind's request at a time, and building every kind's fields at import was its cold start's largest
   * own work (docs/benchmarks.md, the bundles).
   */
  fields: () => F & { ministerId: typeof slugIdSchema };
  /** Fields fixed when the record is created (a correction cannot change them). */
  immutable?: readonly (keyof F & string)[];
  statuses: StatusMachine<S>;
  /**
   * The fields the department's decision (a status of `statuses.decisions`) is about: a correction
   * changing one of them sends a decided record back to its first status, to be decided again.
   */
  decidedOn?: readonly (keyof F & string)[];
  /** Rules across fields, checked on a new record and on the merged result of a correction. */
  rules?: (record: ContentOf<F, C, S>, ctx: z.core.$RefinementCtx) => void;
  /**
   * The fields the rules read: the rules run whenever these are valid, even if other fields are
   * not, so one answer lists every bad field (zod skips rules after any failed field otherwise).
   */
  ruleReads?: readonly (keyof F & string | 'status')[];
  /** Kind-specific list filters (query parameters). */
  filters?: () => Q;
  /** Fields the server keeps that a submitter never sends (`duplicateOf`). */
  recordFields?: () => R;
  /** Submitter fields shaped differently once stored (an inspection's findings carry their problems). */
  storedFields?: () => C;
  /** Fields computed whenever a record is read, never stored (`overdue`). */
  computedFields?: () => X;
}

const BOOLEAN_TEXT = z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'));
/** A query flag: `?overdue=true`. */
export const queryFlagSchema = z.optional(BOOLEAN_TEXT);

const withoutDefault = (schema: z.core.$ZodType): z.core.$ZodType => (schema instanceof z.ZodMiniDefault ? schema.def.innerType : schema);

/** Server-kept fields of every stored record. */
const serverFields = once(() => ({
  review: reviewSchema,
  /** The token subject of whoever reported it (a submitter's "own" records). */
  submittedBy: z.optional(z.string()),
  ...recordMetaSchema.shape,
}));

/** Fields of every record answer that are not stored with it. */
const answerFields = once(() => ({
  /**
   * The head's name, as the heads' records have it now: whoever may read a record may know whose it
   * is, though the head serve outside their region (absent when no such head is stored).
   */
  ministerName: z.optional(z.string()),
}));

/** Everything derived from one form definition. */
export function defineForm<F extends Shape, S extends string, Q extends Shape = {}, R extends Shape = {}, C extends Shape = {}, X extends Shape = {}>(
  def: FormDefinition<F, S, Q, R, C, X>,
) {
  const states = keysOf(def.statuses.labels);
  const labels = def.statuses.labels;
  const fields = once(def.fields);
  const statusSchema = once(() => labelledEnum(labels));
  const anyStatusSchema = once(() => labelledEnum({ ...labels, ...WITHDRAWN }));
  const initialSchema = once(() => labelledEnum(Object.fromEntries(def.statuses.initial.map((s) => [s, labels[s]])) as Record<S, string>));
  const movable = states.some((s) => def.statuses.moves[s].length > 0);
  const reads = new Set<string>(def.ruleReads ?? []);
  const readsAreValid = (payload: z.core.ParsePayload) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) && payload.issues.every((i) => !reads.has(String(i.path?.[0])));
  // Every schema below holds the content's fields (and more), so its output is what the rules read:
  // zod cannot see that through the generic shapes, hence the one narrowing here.
  const rulesCheck = () =>
    z.superRefine<unknown>((record, ctx) => def.rules?.(record as ContentOf<F, C, S>, ctx), def.ruleReads ? { when: readsAreValid } : undefined);
  const immutable = new Set<string>(def.immutable ?? []);
  // A correction names only what changes: a field's default (e.g. no suggestions) must not fill it in.
  const mutableFields = () => Object.fromEntries(
    Object.entries(fields()).filter(([k]) => !immutable.has(k)).map(([k, schema]) => [k, withoutDefault(schema)]),
  ) as F;
  const storedShape = once(() => ({ ...(fields() as Omit<F, keyof C>), ...(def.storedFields?.() ?? ({} as C)) }));
  const serverKept = once(() => ({ ...serverFields(), ...(def.recordFields?.() ?? ({} as R)) }));

  // Each schema is built on first use: a function serves one kind's route or a few, and building all
  // seven kinds' five schemas at import was most of a cold start's own work (docs/benchmarks.md).
  const input = once(() => z
    .strictObject({ id: uuidSchema, ...fields(), status: z._default(initialSchema(), def.statuses.initial[0]) })
    .check(rulesCheck())
    .register(z.globalRegistry, { id: `${def.name}Input` }));

  const patch = once(() => z
    .partial(z.strictObject({ ...mutableFields(), ...(movable ? { status: statusSchema() } : {}) }))
    .check(z.refine((p) => Object.keys(p).length > 0, rule('patch.empty')))
    .register(z.globalRegistry, { id: `${def.name}Patch` }));

  /** A record as stored, its rules checked: what a correction must still satisfy. */
  const stored = once(() => z
    .object({ id: uuidSchema, ...storedShape(), status: anyStatusSchema(), ...serverKept() })
    .check(rulesCheck()));

  /** A record as the API answers it: as stored, with the fields computed when read. */
  const record = once(() => z
    .object({ id: uuidSchema, ...storedShape(), status: anyStatusSchema(), ...serverKept(), ...(def.computedFields?.() ?? ({} as X)), ...answerFields() })
    .register(z.globalRegistry, { id: def.name }));

  const listQuery = once(() => z
    .strictObject({
      county: z.optional(countyCodeSchema),
      prefecture: z.optional(prefectureCodeSchema),
      ministerId: z.optional(slugIdSchema),
      from: z.optional(queryDateSchema),
      to: z.optional(queryDateSchema),
      status: z.optional(anyStatusSchema()),
      review: z.optional(labelledEnum(REVIEW_STATES)),
      ...(def.filters?.() ?? ({} as Q)),
      ...listQueryBase,
    })
    .check(z.refine<unknown>((query) => {
      const { from, to } = query as { from?: string; to?: string };
      return !from || !to || from <= to;
    }, { ...rule('range.reversed'), path: ['from'] })));

  const schemas = {
    get input() { return input(); },
    get patch() { return patch(); },
    get stored() { return stored(); },
    get record() { return record(); },
    get listQuery() { return listQuery(); },
    get status() { return statusSchema(); },
  };
  const { kind, path, name, label, immutable: fixed, statuses, decidedOn, rules, ruleReads } = def;
  return {
    kind, path, name, label, immutable: fixed, statuses, decidedOn, rules, ruleReads,
    get fields() { return fields(); },
    states, movable, schemas,
  };
}

/** Any kind's form, as the generic code (routes, repository, use cases, web forms) sees it. */
export interface Form {
  kind: string;
  path: string;
  name: string;
  label: { zh: string; en: string };
  fields: Shape;
  immutable?: readonly string[];
  statuses: StatusMachine<string>;
  decidedOn?: readonly string[];
  states: readonly string[];
  /** Whether a correction may move the status on (the patch then takes `status`). */
  movable: boolean;
  schemas: {
    input: z.ZodMiniType<object>;
    patch: z.ZodMiniType<object>;
    stored: z.ZodMiniType<FormRecord>;
    record: z.ZodMiniType<object>;
    listQuery: z.ZodMiniType<RecordListQuery>;
    status: z.ZodMiniType<string>;
  };
}

export const recordIdParamsSchema = z.object({ id: uuidSchema });

/** Fields every stored record of every kind carries, whatever its form. */
export interface FormRecord {
  id: string;
  ministerId: string;
  /** The token subject of whoever reported it (a submitter's "own" records). */
  submittedBy?: string;
  status: string;
  review: Review;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A list query's common part, as the generic repository reads it. */
export interface RecordListQuery {
  county?: string;
  prefecture?: string;
  ministerId?: string;
  from?: string;
  to?: string;
  status?: string;
  review?: ReviewState;
  limit: number;
  cursor?: string;
  [filter: string]: unknown;
}

/** Records stored before reviews existed have none: they await review like any new one. */
export const reviewStateOf = (record: { review?: { state: ReviewState } }): ReviewState => record.review?.state ?? 'received';
