import * as z from 'zod/mini';
import type { RuleKey } from './messages.ts';
import {
  countyCodeSchema, labelledEnum, listQueryBase, prefectureCodeSchema, queryDateSchema, recordMetaSchema, rule, slugIdSchema, textSchema, uuidSchema,
} from './common.ts';

/**
 * The form catalogue's schema half. A kind of record (a visit, a problem, a report, …) is declared
 * once with `defineForm`: its submitter's fields, its status machine and its cross-field rules.
 * Every schema the API, the OpenAPI document and the web forms need is derived from that.
 */

export const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

/** How staff judge a record (as in ODK Central): every record starts `received`. */
export const REVIEW_STATES = { received: '待审核', approved: '已通过', has_issues: '有问题', rejected: '已驳回' } as const;
export type ReviewState = keyof typeof REVIEW_STATES;

/** Staff may change their mind, but nothing goes back to `received` except through the submitter's correction. */
export const REVIEW_MOVES: Record<ReviewState, readonly ReviewState[]> = {
  received: ['approved', 'has_issues', 'rejected'],
  has_issues: ['approved', 'rejected'],
  approved: ['has_issues', 'rejected'],
  rejected: ['approved', 'has_issues'],
};

export const reviewSchema = z.object({
  state: labelledEnum(REVIEW_STATES),
  comment: z.optional(z.string()),
  /** Who judged, and when (absent while `received`). */
  by: z.optional(z.string()),
  at: z.optional(z.iso.datetime()),
});
export type Review = z.infer<typeof reviewSchema>;

/** A review needs a reason whenever it is not an approval. */
export const reviewPatchSchema = z
  .strictObject({ state: z.enum(['approved', 'has_issues', 'rejected']), comment: z.optional(textSchema(1000)) })
  .check(z.refine((r) => r.state === 'approved' || r.comment !== undefined, { ...rule('review.commentRequired'), path: ['comment'] }))
  .register(z.globalRegistry, { id: 'ReviewPatch' });
export type ReviewPatch = z.infer<typeof reviewPatchSchema>;

/** The lifecycle of a kind: `withdrawn` is reached only by DELETE, from any state, and is final. */
export interface StatusMachine<S extends string> {
  /** Chinese labels of every state but `withdrawn`. */
  labels: Record<S, string>;
  /** States a new record may be reported in; the first is the default. */
  initial: readonly [S, ...S[]];
  /** Moves a correction (PATCH with `status`) may make. */
  moves: Record<S, readonly S[]>;
}

export const WITHDRAWN = { withdrawn: '已撤回' } as const;

/** The lifecycle of a kind that is only reported (and perhaps withdrawn): no moves of its own. */
export const SUBMITTED_ONLY = { labels: { submitted: '已提交' }, initial: ['submitted'], moves: { submitted: [] } } as const satisfies StatusMachine<'submitted'>;

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
type RulesCtx = z.core.$RefinementCtx;

export interface FormDefinition<F extends Shape, S extends string, Q extends Shape, R extends Shape, C extends Shape> {
  /** Singular, stored in keys: `problem`. */
  kind: string;
  /** The collection's path segment: `problems`. */
  path: string;
  /** Names for schemas (`ProblemInput`, …) and people. */
  name: string;
  label: { zh: string; en: string };
  /** What a submitter fills, besides `id` and `status`. Every kind has `ministerId`. */
  fields: F & { ministerId: typeof slugIdSchema };
  /** Fields fixed when the record is created (a correction cannot change them). */
  immutable?: readonly (keyof F & string)[];
  statuses: StatusMachine<S>;
  /** Rules across fields, checked on a new record and on the merged result of a correction. */
  rules?: (record: Record<string, unknown> & { status: string }, ctx: RulesCtx) => void;
  /**
   * The fields the rules read: the rules run whenever these are valid, even if other fields are
   * not, so one answer lists every bad field (zod skips rules after any failed field otherwise).
   */
  ruleReads?: readonly string[];
  /** Kind-specific list filters (query parameters). */
  filters?: Q;
  /** Fields the server keeps or computes that a submitter never sends (`duplicateOf`, `overdue`). */
  recordFields?: R;
  /** Submitter fields shaped differently once stored (an inspection's findings carry their problems). */
  storedFields?: C;
  /** The region a record counts in and is listed under (a county, or any level for region-wide records). */
  regionOf(record: Record<string, unknown>): string;
  /** The calendar date a record is listed by. */
  dateOf(record: Record<string, unknown>): string;
}

const BOOLEAN_TEXT = z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'));
/** A query flag: `?overdue=true`. */
export const queryFlagSchema = z.optional(BOOLEAN_TEXT);

function withoutDefault(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return def.type === 'default' && def.innerType ? def.innerType : schema;
}

/** Everything derived from one form definition. */
export function defineForm<F extends Shape, S extends string, Q extends Shape = {}, R extends Shape = {}, C extends Shape = {}>(
  def: FormDefinition<F, S, Q, R, C>,
) {
  const states = keysOf(def.statuses.labels) as [S, ...S[]];
  const labels = def.statuses.labels as Record<S, string>;
  const statusSchema = labelledEnum(labels);
  const anyStatusSchema = labelledEnum({ ...labels, ...WITHDRAWN } as Record<S | 'withdrawn', string>);
  const initialSchema = labelledEnum(Object.fromEntries(def.statuses.initial.map((s) => [s, labels[s]])) as Record<S, string>);
  const movable = states.some((s) => def.statuses.moves[s].length > 0);
  const rules = (record: Record<string, unknown> & { status: string }, ctx: RulesCtx) => def.rules?.(record, ctx);
  const reads = new Set(def.ruleReads ?? []);
  const readsAreValid = (payload: z.core.ParsePayload) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) && payload.issues.every((i) => !reads.has(String(i.path?.[0])));
  const rulesCheck = () => z.superRefine(rules as never, def.ruleReads ? { when: readsAreValid } : undefined);
  const immutable = new Set<string>(def.immutable ?? []);
  // A correction names only what changes: a field's default (e.g. no suggestions) must not fill it in.
  const mutableFields = Object.fromEntries(
    Object.entries(def.fields).filter(([k]) => !immutable.has(k)).map(([k, schema]) => [k, withoutDefault(schema)]),
  ) as F;

  const input = z
    .strictObject({ id: uuidSchema, ...def.fields, status: z._default(initialSchema, def.statuses.initial[0]) })
    .check(rulesCheck())
    .register(z.globalRegistry, { id: `${def.name}Input` });

  const patch = z
    .partial(z.strictObject({ ...mutableFields, ...(movable ? { status: statusSchema } : {}) }))
    .check(z.refine((p) => Object.keys(p).length > 0, rule('patch.empty')))
    .register(z.globalRegistry, { id: `${def.name}Patch` });

  /** A corrected record, merged, must satisfy the same rules as a new one. */
  const content = z.object({ ...(def.fields as Omit<F, keyof C>), ...(def.storedFields ?? ({} as C)), status: statusSchema }).check(rulesCheck());

  const record = z
    .object({
      id: uuidSchema,
      ...(def.fields as Omit<F, keyof C>),
      ...(def.storedFields ?? ({} as C)),
      status: anyStatusSchema,
      review: reviewSchema,
      submittedBy: z.optional(z.string()),
      ...(def.recordFields ?? ({} as R)),
      ...recordMetaSchema.shape,
    })
    .register(z.globalRegistry, { id: def.name });

  const listQuery = z
    .strictObject({
      county: z.optional(countyCodeSchema),
      prefecture: z.optional(prefectureCodeSchema),
      ministerId: z.optional(slugIdSchema),
      from: z.optional(queryDateSchema),
      to: z.optional(queryDateSchema),
      status: z.optional(anyStatusSchema),
      review: z.optional(labelledEnum(REVIEW_STATES)),
      ...(def.filters ?? ({} as Q)),
      ...listQueryBase,
    })
    .check(z.refine((query) => {
      const { from, to } = query as { from?: string; to?: string };
      return !from || !to || from <= to;
    }, { ...rule('range.reversed'), path: ['from'] }));

  return { ...def, states, movable, schemas: { input, patch, content, record, listQuery, status: statusSchema } };
}

/** Any kind's form, as the generic code (routes, repository, use cases) sees it. */
export interface Form {
  kind: string;
  path: string;
  name: string;
  label: { zh: string; en: string };
  fields: Shape;
  immutable?: readonly string[];
  statuses: StatusMachine<string>;
  states: readonly string[];
  /** Whether a correction may move the status on (the patch then takes `status`). */
  movable: boolean;
  regionOf(record: Record<string, unknown>): string;
  dateOf(record: Record<string, unknown>): string;
  schemas: Record<'input' | 'patch' | 'content' | 'record' | 'listQuery' | 'status', z.ZodMiniType>;
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
