import type * as z from 'zod/mini';
import type { Permission } from '#functions/auth/policy.ts';
import { listOf } from '#schemas/common.ts';
import { changeSchema, type Form, recordIdParamsSchema, reviewPatchSchema } from '#schemas/form.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table: least privilege follows from this. */
export type TableAccess = 'none' | 'read' | 'write';

/**
 * What a route's function may do with the evidence bucket's objects: presign uploads (`put`: S3
 * checks the URL against the function's own s3:PutObject) or downloads (`get`: s3:GetObject).
 */
export type BucketAccess = 'put' | 'get';

/** The function S3 invokes for each object created in the evidence bucket (not a route: nothing calls it over HTTP). */
export const VERIFY_HANDLER = 'attachments/verify';

/**
 * One route of the public API, as plain data. The CDK stack makes a function and an HTTP API route
 * of each, the local server serves each with the same handler module, the OpenAPI document is
 * generated from them, and the tests iterate them.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** API Gateway path syntax: `/visits/{id}`. */
  path: string;
  /** Module under `functions/handlers/`, without extension; it exports `handler`. */
  handler: string;
  access: TableAccess;
  /** The evidence bucket, for the routes that hand out its URLs; none by default. */
  bucket?: BucketAccess;
  /** Robots' credentials (SSM SecureStrings on AWS), for the routes that set or remove them; none by default. */
  robotSecrets?: 'write';
  /** `public` routes answer without sign-in. */
  auth: 'public' | 'signed-in';
  /** What a signed-in caller's role must allow (functions/auth/policy.ts). */
  permission?: Permission;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodMiniType<P>;
  query?: z.ZodMiniType<Q>;
  body?: z.ZodMiniType<B>;
  /** Success responses by status. */
  responses: Record<number, { description: string; schema?: z.ZodMiniType }>;
  /** `required`: writes that change a stored record (428 without it); `optional`: checked when sent. */
  ifMatch?: 'required' | 'optional';
}

/** What can be done to the records of every kind, each served by one handler module under `records/`. */
export const RECORD_OPERATIONS = {
  create: { method: 'POST', suffix: '', access: 'write', permission: 'records.create' },
  list: { method: 'GET', suffix: '', access: 'read', permission: 'records.read' },
  get: { method: 'GET', suffix: '/{id}', access: 'read', permission: 'records.read' },
  correct: { method: 'PATCH', suffix: '/{id}', access: 'write', permission: 'records.correct' },
  withdraw: { method: 'DELETE', suffix: '/{id}', access: 'write', permission: 'records.withdraw' },
  history: { method: 'GET', suffix: '/{id}/history', access: 'read', permission: 'records.read' },
  review: { method: 'PATCH', suffix: '/{id}/review', access: 'write', permission: 'records.review' },
} as const satisfies Record<string, { method: HttpMethod; suffix: string; access: TableAccess; permission: Permission }>;

export type RecordOperation = keyof typeof RECORD_OPERATIONS;

/** `METHOD /path` of an operation on a kind: `PATCH /problems/{id}`. */
export const recordRouteKey = (operation: RecordOperation, form: Pick<Form, 'path'>) =>
  `${RECORD_OPERATIONS[operation].method} /${form.path}${RECORD_OPERATIONS[operation].suffix}`;

/** The seven routes of one kind, from its form, by operation (typed by the form's schemas). */
export function recordRoutes(form: Form) {
  const { name, label, schemas } = form;
  const one = { description: `${label.zh} / the ${label.en.toLowerCase()}`, schema: schemas.record };
  const base = <O extends RecordOperation>(operation: O) => ({
    method: RECORD_OPERATIONS[operation].method,
    path: `/${form.path}${RECORD_OPERATIONS[operation].suffix}`,
    handler: `records/${operation}`,
    access: RECORD_OPERATIONS[operation].access,
    auth: 'signed-in' as const,
    permission: RECORD_OPERATIONS[operation].permission,
    tag: form.path,
  });
  return {
    create: {
      ...base('create'), operationId: `create${name}`, summary: `Report a ${label.en.toLowerCase()} (${label.zh})`, body: schemas.input,
      responses: {
        201: { description: 'Stored', schema: schemas.record },
        200: { description: 'Already stored with the same body (a retry)', schema: schemas.record },
        204: { description: 'Already stored with the same body, by a caller who may no longer see it (moved or handed over since): stored, nothing shown' },
      },
    },
    list: {
      ...base('list'), operationId: `list${name}s`, summary: `List ${label.en.toLowerCase()}s by region, minister, date, status and review`, query: schemas.listQuery,
      responses: { 200: { description: `A page of ${label.en.toLowerCase()}s`, schema: listOf(schemas.record) } },
    },
    get: { ...base('get'), operationId: `get${name}`, summary: `Read a ${label.en.toLowerCase()}`, params: recordIdParamsSchema, responses: { 200: one } },
    correct: {
      ...base('correct'), operationId: `correct${name}`, summary: `Correct a ${label.en.toLowerCase()}${form.movable ? ' or move its status on' : ''}`,
      params: recordIdParamsSchema, body: schemas.patch, ifMatch: 'required' as const, responses: { 200: one },
    },
    withdraw: {
      ...base('withdraw'), operationId: `withdraw${name}`, summary: `Withdraw a ${label.en.toLowerCase()} (stays readable, stops counting)`,
      params: recordIdParamsSchema, ifMatch: 'required' as const, responses: { 200: one },
    },
    history: {
      ...base('history'), operationId: `get${name}History`, summary: `Append-only change trail of a ${label.en.toLowerCase()}`, params: recordIdParamsSchema,
      responses: { 200: { description: 'Changes, oldest first', schema: listOf(changeSchema()) } },
    },
    review: {
      ...base('review'), operationId: `review${name}`, summary: `Review a ${label.en.toLowerCase()}: approved, has_issues or rejected (rejected stops counting)`,
      params: recordIdParamsSchema, body: reviewPatchSchema(), ifMatch: 'required' as const, responses: { 200: one },
    },
  } satisfies Record<RecordOperation, RouteSpec>;
}

export type RecordRoutes = ReturnType<typeof recordRoutes>;

/** `METHOD /path` exactly as API Gateway spells a route key. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** `METHOD /path` of each route in a list written out. */
export type RouteKeyOf<R extends readonly RouteSpec[]> = `${R[number]['method']} ${R[number]['path']}`;

/** The route of a list written out (`MINISTER_ROUTES`, …), typed as written: its schemas type the handler's request. */
export function routeIn<const R extends readonly RouteSpec[], K extends RouteKeyOf<R>>(routes: R, key: K) {
  type Route = Extract<R[number], { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;
  const route = routes.find((r): r is Route => routeKey(r) === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}
