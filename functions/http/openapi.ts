import * as z from 'zod/mini';
import { problemSchema } from '#schemas/problem-details.ts';
import { type RouteSpec } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Malformed JSON, bad query or cursor',
  404: 'No such record',
  409: 'Id reused with a different body, or an illegal state change',
  412: 'Stale If-Match',
  413: 'Body over 64 KiB',
  415: 'Body is not JSON',
  422: 'Well-formed JSON that breaks the schema or a rule; every bad field listed',
  428: 'If-Match missing',
  500: 'Internal error (no details)',
  503: 'Busy; retry after Retry-After seconds',
};

/**
 * Converts a zod schema; named schemas (`.meta({ id })`) become shared components. Request schemas
 * are described as they are sent (io: input), responses as they are returned (io: output).
 */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodMiniType, io: Io): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $schema: _ignored, $defs, ...rest } = json;
    for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
    return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  };
}

function errorStatuses(route: RouteSpec): number[] {
  const statuses = [500, 503];
  if (route.params) statuses.push(404);
  if (route.query) statuses.push(400);
  if (route.body) statuses.push(400, 409, 413, 415, 422);
  if (route.ifMatch) statuses.push(412);
  if (route.ifMatch === 'required') statuses.push(428);
  return [...new Set(statuses)].sort();
}

function operation(route: RouteSpec, convert: ReturnType<typeof converter>) {
  const objectFields = (schema: z.ZodMiniType | undefined) => {
    const json = schema ? convert(schema, 'input') : {};
    return { properties: (json.properties ?? {}) as Record<string, JsonSchema>, required: new Set((json.required ?? []) as string[]) };
  };
  const path = objectFields(route.params);
  const query = objectFields(route.query);
  const parameters = [
    ...Object.entries(path.properties).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...Object.entries(query.properties).map(([name, schema]) => ({ name, in: 'query', required: query.required.has(name), schema })),
    ...(route.ifMatch ? [{ name: 'If-Match', in: 'header', required: route.ifMatch === 'required', schema: { type: 'string' }, description: 'The ETag of the version being changed, e.g. "3"' }] : []),
  ];
  const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };
  const responses: Record<string, unknown> = {};
  for (const [status, { description, schema }] of Object.entries(route.responses)) {
    responses[status] = { description, ...(schema ? { content: { 'application/json': { schema: convert(schema, 'output') } } } : {}) };
  }
  for (const status of errorStatuses(route)) responses[status] = { description: ERROR_RESPONSES[status], ...problem };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === 'public' ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } } } : {}),
    responses,
  };
}

function build() {
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  convert(problemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES as readonly RouteSpec[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, convert);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'xiajiceng 下基层',
      version: '1',
      description: '青海省百名组织部长“下基层支部、过组织生活”活动报送系统 API. Errors are RFC 9457 problem+json; Accept-Language: en for English messages.',
    },
    paths,
    components: { schemas: components },
  };
}

let document: ReturnType<typeof build> | undefined;

/** Generated from the route table and its zod schemas, once per instance. */
export function openApiDocument() {
  return (document ??= build());
}
