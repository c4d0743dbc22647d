import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, type RouteSpec } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { Form } from '#schemas/form.ts';
import { addDays, beijingDate, endOfBeijingDay } from '#schemas/time.ts';
import { SAMPLES, type Where } from '../support/samples.ts';
import { countByKind, storedRecords } from '../support/table-scan.ts';
import { adminAuthorization, startTestApi } from './support/local-stack.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * Hostile input, property-based, over HTTP against DynamoDB Local: generated and mutated requests
 * at every route of the route table, signed in as a province-wide admin (so sign-in and the
 * access rules are not what refuses them). Whatever is sent, the API never answers 5xx, every
 * refusal is well-formed problem+json, where the outcome is known it is exactly that (413 over
 * 64 KiB, 400 for malformed JSON, 415 for other media types, 422 for unknown fields, 409 for a
 * reused id, 412 for a garbage If-Match), and nothing is stored from a refused request.
 *
 * Seeds are random; fast-check prints the seed and path of a failure (replay with FC_SEED=<seed>).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

const MAX_BODY_BYTES = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const daysAgo = (n: number) => addDays(beijingDate(), -n);

const HEADS = [
  { id: 'm-630000-01', level: 'province', regionCode: '630000' },
  { id: 'm-632600-01', level: 'prefecture', regionCode: '632600' },
  { id: 'm-630102-01', level: 'county', regionCode: '630102' },
  { id: 'm-632621-01', level: 'county', regionCode: '632621' },
] as const;
const PLACES: Where[] = [
  { ministerId: 'm-630102-01', countyCode: '630102', date: daysAgo(3) },
  { ministerId: 'm-632621-01', countyCode: '632621', date: daysAgo(40) },
  { ministerId: 'm-632600-01', countyCode: '632622', date: daysAgo(12) },
];
const here = PLACES[0];

/** Each kind's calendar date that may not lie in the future (Beijing time). */
const PAST_DATE_FIELD: Record<string, string> = {
  visit: 'date', problem: 'foundOn', report: 'date', training: 'date', mechanism: 'adoptedOn', model: 'date', inspection: 'date',
};

/** Routes go into generators by key, so a counterexample reads `POST /visits`. */
const ROUTE_BY_KEY = new Map(ROUTES.map((r) => [routeKey(r), r]));
const routeKeys = (routes: readonly RouteSpec[]) => fc.constantFrom(...routes.map(routeKey));
const routeOf = (key: string) => ROUTE_BY_KEY.get(key)!;

const formOfRoute = (route: RouteSpec) => FORMS.find((f) => route.path === `/${f.path}` || route.path.startsWith(`/${f.path}/`));
const formOfKind = (kind: string) => FORMS.find((f) => f.kind === kind)!;
const createRoute = (form: Form) => ROUTES.find((r) => r.handler === 'records/create' && r.path === `/${form.path}`)!;

// ---------------------------------------------------------------------------------------------
// Sending, and what every answer must be

interface Req {
  route: RouteSpec;
  method: string;
  /** As sent: already percent-encoded where it needs to be. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Body;
}

let stack: Awaited<ReturnType<typeof startTestApi>>;
let authorization: Record<string, string>;

const stats = { requests: 0, statuses: new Map<number, number>(), ms: 0 };
/** Route keys exercised, to check every route of the table was. */
const hits = new Set<string>();
/** `<kind>#<id>` of records and ministers stored (by setup, a 201 or a 200 replay), and of refused creates. */
const accepted = new Set<string>();
const refused = new Set<string>();
const created = new Map<string, number>();
let before: Set<string>;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const describeReq = (req: Req) => `${req.method} ${req.path.slice(0, 300)}${req.path.length > 300 ? '…' : ''}`
  + ` ${JSON.stringify(req.headers ?? {}).slice(0, 300)} body ${req.body ? JSON.stringify(req.body.toString('utf8').slice(0, 400)) : '(none)'}`
  + `${req.body && req.body.length > 400 ? ` … (${req.body.length} bytes)` : ''}`;

function idSent(body: Buffer | undefined): string | undefined {
  try {
    const id = JSON.parse(body?.toString('utf8') ?? '')?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

async function send(req: Req): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(stack.url + req.path, { method: req.method, headers: { ...authorization, ...req.headers }, body: req.body === undefined ? undefined : new Uint8Array(req.body) });
  const text = await res.text();
  stats.ms += performance.now() - started;
  stats.requests++;
  stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
  hits.add(routeKey(req.route));
  let parsed: Body;
  try {
    parsed = /\bjson\b/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const answer = { status: res.status, headers: res.headers, text, json: parsed };
  bookkeep(req, answer);
  assertWellFormed(req, answer);
  return answer;
}

/** What a create or a minister's PUT stored (or did not). */
function bookkeep(req: Req, answer: Answer) {
  const form = formOfRoute(req.route);
  if (req.route.handler === 'records/create' && form) {
    if (answer.status === 201 || answer.status === 200) accepted.add(`${form.kind}#${answer.json?.id}`);
    if (answer.status === 201) created.set(form.kind, (created.get(form.kind) ?? 0) + 1);
    const id = idSent(req.body);
    if (answer.status >= 400 && id && UUID.test(id)) refused.add(`${form.kind}#${id}`);
  }
  for (const [handler, kind] of [['ministers/put', 'minister'], ['branches/put', 'branch']] as const) {
    if (req.route.handler !== handler) continue;
    if (answer.status === 201) created.set(kind, (created.get(kind) ?? 0) + 1);
    if (answer.status === 200 || answer.status === 201) accepted.add(`${kind}#${answer.json?.id}`);
  }
  if (req.route.handler === 'branches/import' && answer.status === 200) {
    created.set('branch', (created.get('branch') ?? 0) + (answer.json?.dryRun ? 0 : answer.json?.created ?? 0));
  }
}

/** Never a 5xx; every refusal RFC 9457 problem+json whose `status` is the HTTP status, its `errors` (if any) path + message. */
function assertWellFormed(req: Req, answer: Answer) {
  const what = `${describeReq(req)}\n→ ${answer.status} ${answer.text.slice(0, 500)}`;
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.status, `signed in as admin, yet 401: ${what}`).not.toBe(401);
  expect(answer.headers.get('content-type') ?? '', what).toMatch(/^application\/problem\+json/);
  const problem = answer.json;
  expect(problem, what).toBeTypeOf('object');
  expect(problem.type, what).toBeTypeOf('string');
  expect(problem.title, what).toBeTypeOf('string');
  expect(problem.status, what).toBe(answer.status);
  if (problem.errors !== undefined) {
    expect(Array.isArray(problem.errors), what).toBe(true);
    for (const error of problem.errors) {
      expect(error.path, what).toBeTypeOf('string');
      expect(error.message, what).toBeTypeOf('string');
    }
  }
}

const expectStatus = (req: Req, answer: Answer, expected: number | readonly number[]) => {
  const statuses = typeof expected === 'number' ? [expected] : expected;
  expect(statuses, `${describeReq(req)}\n→ ${answer.status} ${answer.text.slice(0, 500)}`).toContain(answer.status);
};

// ---------------------------------------------------------------------------------------------
// The stored world the requests aim at

/** Records stored in setup, with the bodies that created them (three of each kind, in different places). */
const stored = new Map<string, { body: Body; record: Body }[]>();
let suggestionIds: string[] = [];
/** Attachments announced in setup (pending: no bytes were sent). */
const attachmentIds: string[] = [];
/** Real `nextCursor`s of various lists: replayed on other lists, they are foreign cursors. */
const realCursors: string[] = [];

/** A registered branch of 城东区 (the registry's routes aim at it). */
const BRANCH_ID = 'b-630102-dongguan';

const storedOf = (form: Form, pick: number) => {
  const records = stored.get(form.kind)!;
  return records[pick % records.length];
};

beforeAll(async () => {
  stack = await startTestApi();
  authorization = adminAuthorization();
  const setup = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await fetch(stack.url + path, {
      method, headers: { ...authorization, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : undefined;
  };
  for (const head of HEADS) await setup('PUT', `/ministers/${head.id}`, { name: `部长${head.id}`, level: head.level, regionCode: head.regionCode });
  await setup('PUT', `/branches/${BRANCH_ID}`, { name: '东关村党支部', type: 'village', countyCode: '630102', code: 'DG-01' });
  for (const form of FORMS) {
    const records = [];
    for (const where of PLACES) {
      const body = SAMPLES[form.kind].valid(where);
      records.push({ body, record: await setup('POST', `/${form.path}`, body) });
    }
    stored.set(form.kind, records);
  }
  suggestionIds = stored.get('visit')!.flatMap((v) => v.record.suggestions.map((s: { id: string }) => s.id));
  for (let i = 0; i < 3; i++) attachmentIds.push((await setup('POST', '/attachments', { id: randomUUID(), contentType: 'image/jpeg', size: 1000 + i })).id);
  for (const form of FORMS) {
    for (const query of ['', 'county=630102', 'prefecture=632600', 'ministerId=m-632621-01', `from=${daysAgo(100)}`, 'review=received']) {
      const page = await setup('GET', `/${form.path}?limit=1&${query}`);
      if (page.nextCursor) realCursors.push(page.nextCursor);
    }
  }
  realCursors.push((await setup('GET', '/ministers?limit=1')).nextCursor);
  // Summaries exist, so their routes answer with figures and not only 404.
  const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
  const { rollupDeps } = await import('#functions/rollup-composition.ts');
  await runRollup(rollupDeps(), beijingDate());
  before = await storedRecords(stack.client, stack.tableName);
  for (const key of before) accepted.add(key);
});

afterAll(async () => {
  console.log(`hostile input: ${stats.requests} requests in ${Math.round(stats.ms)} ms of waiting for answers; statuses ${JSON.stringify(Object.fromEntries([...stats.statuses].sort(([a], [b]) => a - b)))}`);
  await stack?.close();
});

/** A month past (the monthly close and the 通报 take no month not yet begun). */
const LAST_MONTH = beijingDate(Date.now() - 40 * 86_400_000).slice(0, 7);

/** A request a caller could well make of `route` (the base that generators then spoil). */
function plausible(route: RouteSpec, pick = 0): { path: string; body?: unknown; headers?: Record<string, string> } {
  const form = formOfRoute(route);
  const v1 = { 'if-match': '"1"' };
  const head = HEADS[pick % HEADS.length].id;
  switch (route.handler) {
    case 'ministers/put': return { path: `/ministers/m-fuzz-${randomUUID().slice(0, 8)}`, body: { name: '新部长', level: 'county', regionCode: '630102' } };
    case 'ministers/get': return { path: `/ministers/${head}` };
    case 'ministers/list': return { path: '/ministers?region=630100' };
    case 'ministers/scorecard': return { path: `/ministers/${head}/scorecard` };
    case 'suggestions/list': return { path: '/suggestions?county=630102' };
    case 'branches/put': return { path: `/branches/b-fuzz-${randomUUID().slice(0, 8)}`, body: { name: `新村${randomUUID().slice(0, 6)}党支部`, type: 'village', countyCode: '630102' } };
    case 'branches/get': return { path: `/branches/${BRANCH_ID}` };
    case 'branches/list': return { path: '/branches?county=630102' };
    case 'branches/import': return { path: '/branches/import', body: { dryRun: true, rows: [{ countyCode: '630102', name: '试点村党支部', type: 'village' }] } };
    case 'reporting/scorecards': return { path: '/scorecards?region=630100' };
    case 'suggestions/progress': return { path: `/suggestions/${suggestionIds[pick % suggestionIds.length]}`, body: { status: 'resolved', response: '已解决' }, headers: v1 };
    case 'records/create': return { path: `/${form!.path}`, body: SAMPLES[form!.kind].valid(PLACES[pick % PLACES.length]) };
    case 'records/list': return { path: `/${form!.path}?county=630102` };
    case 'records/get': return { path: `/${form!.path}/${storedOf(form!, pick).record.id}` };
    case 'records/history': return { path: `/${form!.path}/${storedOf(form!, pick).record.id}/history` };
    case 'records/correct': return { path: `/${form!.path}/${storedOf(form!, pick).record.id}`, body: SAMPLES[form!.kind].correction, headers: v1 };
    case 'records/withdraw': return { path: `/${form!.path}/${storedOf(form!, pick).record.id}`, headers: v1 };
    case 'records/review': return { path: `/${form!.path}/${storedOf(form!, pick).record.id}/review`, body: { state: 'has_issues', comment: '请补充' }, headers: v1 };
    case 'records/bulk-review': return { path: `/${form!.path}/review`, body: { state: 'approved', items: [{ id: storedOf(form!, pick).record.id, version: 1 }] } };
    case 'problems/acceptance': return { path: `/problems/${storedOf(form!, pick).record.id}/acceptance`, body: { state: 'returned', reason: '请补充' }, headers: v1 };
    case 'months/get': return { path: `/months/${LAST_MONTH}/630102` };
    case 'months/act': return { path: `/months/${LAST_MONTH}/630102/return`, body: { reason: '请补充' }, headers: { 'if-match': '"0"' } };
    case 'months/list': return { path: '/months?region=630100' };
    case 'reporting/bulletin': return { path: `/bulletins/${LAST_MONTH}/630100` };
    case 'attachments/create': return { path: '/attachments', body: { id: randomUUID(), contentType: 'image/png', size: 2048 } };
    case 'attachments/get': return { path: `/attachments/${attachmentIds[pick % attachmentIds.length]}` };
    // Routes with a body need one here: without it the raw-body property has nothing to spoil.
    case 'notices/read': return { path: '/notices/read', body: {} };
    case 'notices/put-rules': return { path: '/notice-rules', body: { rules: [{ rule: 'review.waiting', days: 3, enabled: true }] } };
    case 'robots/put': return { path: '/robots/632621', body: { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fuzz-key' } };
    case 'robots/get': case 'robots/delete': return { path: '/robots/632621' };
    case 'accounts/put': return { path: '/accounts/13800000021', body: { name: '扎西', role: 'staff', region: '632621', phone: '13800000021', enabled: true } };
    case 'accounts/get': return { path: '/accounts/13800000021' };
    case 'accounts/list': return { path: '/accounts?region=632600&role=staff&limit=5' };
    default: return { path: route.path };
  }
}

const plausibleReq = (route: RouteSpec, pick = 0): Req => {
  const p = plausible(route, pick);
  return {
    route, method: route.method, path: p.path,
    headers: { ...(p.body !== undefined ? { 'content-type': 'application/json' } : {}), ...p.headers },
    ...(p.body !== undefined ? { body: json(p.body) } : {}),
  };
};

// ---------------------------------------------------------------------------------------------
// Generators

/** Strings people and broken clients send: control characters, lone surrogates, BOMs, separators, combining marks. */
const weirdChar = fc.oneof(
  fc.constantFrom(
    '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u2028', '\u2029',
    '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '"', '\\', '/', '<', '>', '&', '%', '\u0301', '𝕏', '😀', '中',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const weirdString = fc.string({ unit: weirdChar, minLength: 1, maxLength: 24 });

/** Values of the wrong type (or the right type and the wrong value) for any field. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 2, '', ' ', ' \t\n ', [], {}, [null], { '': '' }, '630000', '110101', '630122',
    '2024-02-30', 'NaN', 'true', '1', 'm-nobody', '00000000-0000-0000-0000-000000000000',
  ),
  weirdString,
);

/** Keys no form has (server-kept fields, prototype names, storage attributes, anything). */
const unknownKey = fc.oneof(
  fc.constantFrom(
    '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'review', 'version', 'createdAt', 'updatedAt',
    'submittedBy', 'duplicateOf', 'overdue', 'fingerprint', 'pk', 'sk', 'gsi1pk', 'kind', 'listDate', '',
  ),
  fc.string({ maxLength: 12 }).map((s) => `x-${s}`),
);

type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'unknown'; at: number; key: string; value: unknown }
  | { op: 'deep'; at: number; depth: number; shape: 'array' | 'object'; where: 'field' | 'unknown' | 'body' }
  | { op: 'huge'; at: number; delta: number; char: string }
  | { op: 'weird'; at: number; text: string; keep: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ op: fc.constant('unknown' as const), at: fc.nat(), key: unknownKey, value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    op: fc.constant('deep' as const), at: fc.nat(), depth: fc.constantFrom(200, 1000, 5000),
    shape: fc.constantFrom('array' as const, 'object' as const), where: fc.constantFrom('field' as const, 'unknown' as const, 'body' as const),
  }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), delta: fc.integer({ min: -40, max: 40 }), char: fc.constantFrom('x', '中', '😀', '\u0000') }),
  fc.record({ op: fc.constant('weird' as const), at: fc.nat(), text: weirdString, keep: fc.boolean() }),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function getAt(root: Body, path: Path): Body {
  return path.reduce((node, key) => node?.[key], root);
}

/** Sets (or with `undefined`, removes) the value at a non-empty path; own properties even for `__proto__`. */
function setAt(root: Body, path: Path, value: unknown) {
  const parent = getAt(root, path.slice(0, -1));
  const key = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete parent[key];
  } else {
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

const deepText = (depth: number, shape: 'array' | 'object') =>
  shape === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * A valid body of `kind`, spoiled by `mutations`, as the bytes sent, with the answer that is
 * certain when only one mutation was made (or whatever the mutations, when it is over 64 KiB).
 */
function spoil(kind: string, mutations: Mutation[]): { bytes: Buffer; id: string; expected?: number; unknownPath?: string } {
  const body: Body = structuredClone(SAMPLES[kind].valid(PLACES[mutations.length % PLACES.length]));
  const id: string = body.id;
  const raw = new Map<string, string>();
  let expected: number | undefined;
  let unknownPath: string | undefined;
  let huge: Extract<Mutation, { op: 'huge' }> | undefined;
  let wholeBody: string | undefined;
  for (const [n, m] of mutations.entries()) {
    const paths = pathsOf(body).slice(1);
    const at = paths.length ? paths[m.at % paths.length] : undefined;
    const objects = pathsOf(body).filter((p) => { const v = getAt(body, p); return v && typeof v === 'object' && !Array.isArray(v); });
    switch (m.op) {
      case 'drop':
        if (at) setAt(body, at, undefined);
        break;
      case 'replace':
        if (at) setAt(body, at, m.value);
        break;
      case 'unknown': {
        const target = objects[m.at % objects.length];
        setAt(body, [...target, m.key], m.value ?? null);
        if (target.length === 0) { expected = 422; unknownPath = m.key; }
        break;
      }
      case 'deep': {
        const token = `@@raw${n}@@`;
        raw.set(token, deepText(m.depth, m.shape));
        if (m.where === 'body') wholeBody = raw.get(token);
        else if (m.where === 'unknown' || !at) setAt(body, ['deep'], token);
        else setAt(body, at, token);
        expected = 422;
        break;
      }
      case 'huge':
        if (at) { huge = m; setAt(body, at, '@@huge@@'); }
        break;
      case 'weird': {
        const current = at ? getAt(body, at) : undefined;
        if (at) setAt(body, at, m.keep && typeof current === 'string' ? `${current}${m.text}${current}` : m.text);
        break;
      }
    }
  }
  let text = wholeBody ?? JSON.stringify(body);
  for (const [token, value] of raw) text = text.replace(`"${token}"`, value);
  if (huge && text.includes('"@@huge@@"')) {
    // Fill the string so that the whole body is 64 KiB + delta bytes.
    const room = MAX_BODY_BYTES + huge.delta - (Buffer.byteLength(text) - Buffer.byteLength('@@huge@@'));
    // As it reads inside a JSON string: NUL as its escape, the rest as themselves.
    const filler = JSON.stringify(huge.char).slice(1, -1);
    const unit = Buffer.byteLength(filler);
    const count = Math.max(0, Math.floor(room / unit));
    text = text.replace('@@huge@@', filler.repeat(count) + 'x'.repeat(Math.max(0, room - count * unit)));
    expected = 422;
  }
  if (mutations.length > 1) { expected = undefined; unknownPath = undefined; }
  const bytes = Buffer.from(text);
  if (bytes.length > MAX_BODY_BYTES) expected = 413;
  // A mutation may have replaced the id itself with another valid one (stored lower-case).
  return { bytes, id: typeof body.id === 'string' ? body.id.toLowerCase() : id, expected, unknownPath };
}

/** Cursors no list gave out: any text, any base64. */
const garbageCursor = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.base64String({ maxLength: 60 }));

type QueryPair = { key: string; value: string; encoded: boolean };
const queryOf = (pairs: QueryPair[]) => pairs.map(({ key, value, encoded }) => (encoded
  ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
  // Sent nearly as typed: only what would end the query or break the URL is escaped (a typed `%xx` stays).
  : `${key}=${value}`.replace(/[#%\s]/g, (c) => encodeURIComponent(c)).replace(/%25(?=[0-9A-Fa-f]{2})/g, '%'))).join('&');

/** A cursor the API gave out continues the same list. */
async function followCursor(req: Req, answer: Answer) {
  if (answer.status !== 200 || typeof answer.json?.nextCursor !== 'string') return;
  const withoutCursor = req.path.replace(/([?&])cursor=[^&]*/g, '$1');
  const next = await send({ ...req, path: `${withoutCursor}&cursor=${encodeURIComponent(answer.json.nextCursor)}` });
  expectStatus(req, next, 200);
}

// ---------------------------------------------------------------------------------------------

describe('hostile input never gets a 5xx, always a well-formed refusal, and stores nothing', () => {
  it('create bodies, mutated: fields dropped, of the wrong type, unknown, 200 levels deep and more, around 64 KiB, with control characters and lone surrogates', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...FORMS.map((f) => f.kind)),
      fc.array(mutation, { minLength: 1, maxLength: 3 }).filter((ms) => ms.filter((m) => m.op === 'huge').length <= 1),
      async (kind, mutations) => {
        const form = formOfKind(kind);
        const { bytes, id, expected, unknownPath } = spoil(kind, mutations);
        const req: Req = { route: createRoute(form), method: 'POST', path: `/${form.path}`, headers: { 'content-type': 'application/json' }, body: bytes };
        const answer = await send(req);
        if (expected !== undefined) expectStatus(req, answer, expected);
        if (unknownPath !== undefined) expect(answer.json.errors.map((e: { path: string }) => e.path), describeReq(req)).toContain(unknownPath);
        if (answer.status === 201) {
          expect(answer.json.id).toBe(id);
          // What was acknowledged is what was stored, and the same bytes again are a retry.
          const replay = await send(req);
          expectStatus(req, replay, 200);
          expect(replay.json).toEqual(answer.json);
          const read = await send({ route: ROUTES.find((r) => r.handler === 'records/get' && formOfRoute(r) === form)!, method: 'GET', path: `/${form.path}/${id}` });
          expect(read.json, describeReq(req)).toEqual(answer.json);
        }
      },
    ), runs(500));
  });

  it('raw bodies on every route that takes one: malformed JSON, invalid UTF-8, other media types, over the limits', async () => {
    const bodyRoutes = ROUTES.filter((r) => r.body);
    const BAD_BYTES = [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xfe], [0xf0, 0x9f, 0x98]];
    /** Media types the API refuses (415) whatever the body. */
    const NOT_JSON = ['text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
      'application/json; charset=iso-8859-1', 'application/jsonx', 'application/json+xml', 'json', '*/*', 'application/*'];
    const JSONISH = ['application/json', 'APPLICATION/JSON; charset="UTF-8"', 'application/json;charset=utf-8', 'application/vnd.api+json', 'application/merge-patch+json'];
    const rawBody = fc.oneof(
      fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('inserted' as const), at: fc.nat(), text: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('garbage' as const), text: fc.string({ unit: 'binary', maxLength: 60 }) }),
      fc.record({
        kind: fc.constant('constant' as const),
        text: fc.constantFrom('', ' ', '\n', '{', '}', '{"a":}', "{'a':1}", '[1,]', 'NaN', '\ufeff{}', '{"a":1}{"b":2}', 'null', 'true', '[]', '"s"',
          '123', '[{}]', '{"__proto__":null}', '{"a":1,"a":2}', '{"constructor":{"prototype":{"x":1}}}', '1e999', '-', '{"id":"\\ud800"}', '{"id":"\\u0000"}'),
      }),
      fc.record({ kind: fc.constant('badUtf8' as const), at: fc.nat(), bytes: fc.constantFrom(...BAD_BYTES), type: fc.constantFrom('application/json', 'application/vnd.api+json') }),
      fc.record({ kind: fc.constant('mediaType' as const), type: fc.oneof(fc.constantFrom(...NOT_JSON, ...JSONISH, ''), fc.string({ unit: 'grapheme-ascii', maxLength: 30 })) }),
      fc.record({ kind: fc.constant('oversize' as const), megabytes: fc.constantFrom(1.01, 2) }),
    );
    await fc.assert(fc.asyncProperty(routeKeys(bodyRoutes), fc.nat(), rawBody, async (key, pick, spec) => {
      const route = routeOf(key);
      const base = plausibleReq(route, pick);
      const valid = base.body!.toString('utf8');
      let bytes: Buffer;
      let type = 'application/json';
      let expected: number | readonly number[] | undefined;
      switch (spec.kind) {
        case 'truncated': bytes = Buffer.from(valid.slice(0, spec.at % valid.length)); break;
        case 'inserted': { const at = spec.at % (valid.length + 1); bytes = Buffer.from(valid.slice(0, at) + spec.text + valid.slice(at)); break; }
        case 'garbage': case 'constant': bytes = Buffer.from(spec.text); break;
        case 'badUtf8': {
          const at = spec.at % (valid.length + 1);
          bytes = Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from(spec.bytes), Buffer.from(valid.slice(at))]);
          type = spec.type;
          // Passed base64-encoded (not a text type for API Gateway), the body is decoded strictly.
          if (type !== 'application/json') expected = 400;
          break;
        }
        case 'mediaType':
          bytes = base.body!;
          type = spec.type;
          if (NOT_JSON.includes(type) || type === '') expected = 415;
          break;
        case 'oversize': bytes = Buffer.alloc(Math.round(spec.megabytes * 1024 * 1024), 'x'); expected = 413; break;
      }
      if (spec.kind !== 'badUtf8' && spec.kind !== 'mediaType' && spec.kind !== 'oversize') {
        const text = bytes.toString('utf8');
        let parses = text.trim() !== '';
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (!parses) expected = 400;
      }
      const headers = { ...base.headers, ...(type ? { 'content-type': type } : {}) };
      if (!type) delete headers['content-type'];
      const req: Req = { ...base, headers, body: bytes };
      const answer = await send(req);
      if (expected !== undefined) expectStatus(req, answer, expected);
    }), {
      ...runs(400),
      // A JSON array is an object to `typeof`: it must still be refused as the wrong shape (422), not reach a form's rules.
      examples: [['POST /visits', 0, { kind: 'garbage', text: '[]' }], ['POST /problems', 0, { kind: 'garbage', text: '[{}]' }]],
    });
  });

  it('dates around Beijing midnight: today (Beijing) and the UTC date are accepted, tomorrow (Beijing) is a 422 on that field', async () => {
    for (const form of FORMS) {
      const field = PAST_DATE_FIELD[form.kind];
      const today = beijingDate();
      const utcToday = new Date().toISOString().slice(0, 10);
      const midnight = Date.parse(endOfBeijingDay(today));
      const cases: [string, number][] = [
        [today, 201], [utcToday, 201], [addDays(today, -1), 201],
        // The last instant of the Beijing day is still today; the next one, 16:00 UTC, is tomorrow.
        [beijingDate(midnight - 1), 201], [new Date(midnight - 1).toISOString().slice(0, 10), 201], [beijingDate(midnight), 422], [addDays(today, 1), 422],
        ['2016-01-01', 201], ['2015-12-31', 422], ['2024-02-29', 201], ['2023-02-29', 422], ['2026-1-1', 422], [`${today}T00:00:00+08:00`, 422],
      ];
      for (const [date, status] of cases) {
        const body = { ...SAMPLES[form.kind].valid(here), [field]: date, ...(form.kind === 'problem' ? { deadline: date } : {}) };
        const req: Req = { route: createRoute(form), method: 'POST', path: `/${form.path}`, headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: json(body) };
        const answer = await send(req);
        // A request that straddled Beijing midnight proves nothing about the boundary.
        if (beijingDate() !== today) continue;
        expectStatus(req, answer, status);
        if (status === 422) expect(answer.json.errors.map((e: { path: string }) => e.path), describeReq(req)).toContain(field);
        else expect(answer.json[field]).toBe(date);
      }
    }
  });

  it('ids that collide: the same body is a retry (200), another body under a stored id or suggestion id a conflict (409)', async () => {
    const variants = ['same', 'corrected', 'elsewhere', 'suggestion', 'otherKind'] as const;
    /** Ids this test stored under another kind: sent again with another body, they conflict there too. */
    const borrowed = new Set<string>();
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...FORMS.map((f) => f.kind)), fc.nat(), fc.constantFrom(...variants),
      async (kind, pick, variant) => {
        const form = formOfKind(kind);
        const { body: original } = storedOf(form, pick);
        const elsewhere = PLACES[(pick + 1) % PLACES.length];
        let target = form;
        let body: Body;
        let expected: number | readonly number[];
        switch (variant) {
          case 'same': body = original; expected = 200; break;
          case 'corrected': body = { ...original, ...SAMPLES[kind].correction }; expected = 409; break;
          case 'elsewhere': body = { ...SAMPLES[kind].valid(elsewhere), id: original.id }; expected = 409; break;
          case 'suggestion': {
            // A suggestion id belongs to one visit for good, whichever visit reuses it.
            target = formOfKind('visit');
            const visit: Body = SAMPLES.visit.valid(elsewhere);
            body = { ...visit, suggestions: [{ ...visit.suggestions[0], id: suggestionIds[pick % suggestionIds.length] }] };
            expected = 409;
            break;
          }
          case 'otherKind': {
            // Ids are per kind: another kind's id is free.
            target = FORMS[(FORMS.indexOf(form) + 1 + (pick % (FORMS.length - 1))) % FORMS.length];
            body = { ...SAMPLES[target.kind].valid(elsewhere), id: original.id };
            expected = borrowed.has(`${target.kind}#${original.id}`) ? [200, 409] : [200, 201];
            break;
          }
        }
        const req: Req = { route: createRoute(target), method: 'POST', path: `/${target.path}`, headers: { 'content-type': 'application/json' }, body: json(body) };
        const answer = await send(req);
        expectStatus(req, answer, expected);
        if (variant === 'otherKind' && answer.status === 201) borrowed.add(`${target.kind}#${original.id}`);
        if (answer.status === 409) expect(answer.json.type).toBe('/problems/conflict');
        if (variant === 'same') expect(answer.json.id).toBe(original.id);
      },
    ), runs(120));
  });

  it('ids that differ only in case: a UUID in capitals names the same record (RFC 9562), so the same body is a retry and another a conflict', async () => {
    for (const form of FORMS) {
      const { body: original } = storedOf(form, 0);
      const upper = original.id.toUpperCase();
      const retry: Req = { route: createRoute(form), method: 'POST', path: `/${form.path}`, headers: { 'content-type': 'application/json' }, body: json({ ...original, id: upper }) };
      expectStatus(retry, await send(retry), 200);
      const other: Req = { ...retry, body: json({ ...original, ...SAMPLES[form.kind].correction, id: upper }) };
      expectStatus(other, await send(other), 409);
    }
  });

  it('query strings of every list and figures route: random keys and values, limits of all sorts, garbage cursors', async () => {
    const queryRoutes = ROUTES.filter((r) => r.query);
    const today = beijingDate();
    const regions = fc.constantFrom('630000', '630100', '630102', '632600', '632621', '630122', '110000', '000000', '63010', '6301020', '');
    const dates = fc.oneof(
      fc.constantFrom(today, addDays(today, 1), addDays(today, 400), addDays(today, -401), '2016-01-01', '0000-01-01', '9999-12-31', '2024-02-30', 'yesterday', `${today}T00:00:00Z`),
      fc.integer({ min: -500, max: 500 }).map((n) => addDays(today, n)),
    );
    const limits = fc.oneof(fc.integer().map(String), fc.double().map(String), fc.constantFrom('0', '-1', '1', '500', '501', '1e2', '0x10', '1.5', 'NaN', 'Infinity', ' 5', '5 ', '١٢', '99999999999999999999', ''));
    const value = fc.oneof(
      regions,
      dates,
      limits,
      fc.constantFrom('true', 'false', 'TRUE', '1', 'json', 'csv', 'CSV', 'open', 'rectified', 'withdrawn', 'received', 'approved', 'organizational_life', '2026', '1999', 'm-630102-01'),
      garbageCursor,
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const anyKey = fc.oneof(
      fc.constantFrom('county', 'prefecture', 'ministerId', 'from', 'to', 'status', 'review', 'limit', 'cursor', 'overdue', 'category',
        'suspectedDuplicates', 'region', 'date', 'format', 'year'),
      fc.string({ maxLength: 10 }),
    );
    const pair = fc.record({ key: anyKey, value, encoded: fc.boolean() });
    /** Known keys with values of their own sort (dates for dates, numbers for limits), so the checks past the first are reached. */
    const focused = fc.oneof(
      fc.record({ key: fc.constantFrom('from', 'to', 'date'), value: dates, encoded: fc.constant(true) }),
      fc.record({ key: fc.constant('limit'), value: limits, encoded: fc.constant(true) }),
      fc.record({ key: fc.constant('cursor'), value: garbageCursor, encoded: fc.constant(true) }),
      fc.record({ key: fc.constantFrom('region', 'county', 'prefecture'), value: regions, encoded: fc.constant(true) }),
      fc.record({ key: fc.constant('year'), value: fc.oneof(fc.integer({ min: 1990, max: 2200 }).map(String), fc.constantFrom('20', '2026 ', '２０２６')), encoded: fc.constant(true) }),
    );
    const pairs = fc.tuple(fc.array(pair, { maxLength: 4 }), fc.array(focused, { maxLength: 3 })).map(([random, known]) => [...random, ...known]);
    const historyRoute = 'GET /summary/history';
    const at = (key: string, value: string) => ({ key, value, encoded: true });

    await fc.assert(fc.asyncProperty(
      routeKeys(queryRoutes), pairs, fc.nat(),
      async (key, all, pick) => {
        const route = routeOf(key);
        const base = plausible(route, pick).path.split('?')[0];
        const req: Req = { route, method: 'GET', path: `${base}?${queryOf(all)}` };
        const answer = await send(req);
        expectStatus(req, answer, route.handler === 'reporting/summary' ? [200, 400, 404] : [200, 400]);
        await followCursor(req, answer);
      },
    ), {
      ...runs(500),
      // Ranges open at one end: the other end is the default (today for figures, open for lists).
      examples: [
        [historyRoute, [at('from', addDays(today, 1))], 0],
        [historyRoute, [at('from', '2016-01-01')], 0],
        [historyRoute, [at('to', '0000-01-01')], 0],
        ['GET /visits', [at('from', addDays(today, 1))], 0],
      ],
    });
  });

  it('forged and foreign cursors on every list: any key attributes and values, another list\'s cursor (400, never 5xx)', async () => {
    const listRoutes = ROUTES.filter((r) => r.handler === 'records/list' || r.handler === 'ministers/list');
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const keyValue = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constantFrom('中'.repeat(400), 'x'.repeat(1100), '630102#', '639999#', 'visit#x', 'record', '~'));
    const forged = fc.record({
      index: fc.constantFrom(['gsi1pk', 'gsi1sk'], ['gsi2pk', 'gsi2sk'], ['gsi3pk', 'gsi3sk']),
      partition: fc.constantFrom(...FORMS.map((f) => f.kind), 'minister', 'visit#m-630102-01', 'problem#m-632621-01', ''),
      pk: keyValue, sk: keyValue, sort: keyValue, extra: fc.boolean(),
    }).map(({ index, partition, pk, sk, sort, extra }) => b64({ pk, sk, [index[0]]: partition, [index[1]]: sort, ...(extra ? { x: 'y' } : {}) }));
    const filters = ['', 'county=630102', 'county=632621', 'prefecture=632600', 'prefecture=630100', 'ministerId=m-630102-01', 'ministerId=m-632621-01',
      `from=${daysAgo(30)}`, `to=${daysAgo(5)}`, 'review=received', 'limit=1', 'region=632600'];
    await fc.assert(fc.asyncProperty(
      routeKeys(listRoutes), fc.constantFrom(...filters), fc.oneof(forged, fc.constantFrom(...realCursors), garbageCursor),
      async (key, filter, cursor) => {
        const route = routeOf(key);
        const req: Req = { route, method: 'GET', path: `${route.path}?${filter}${filter ? '&' : ''}cursor=${encodeURIComponent(cursor)}` };
        const answer = await send(req);
        expectStatus(req, answer, [200, 400]);
        await followCursor(req, answer);
      },
    ), runs(250));
  });

  it('ids in paths: not UUIDs, encoded slashes, malformed escapes, very long, a case away from a stored one', async () => {
    const idRoutes = ROUTES.filter((r) => r.path.includes('{id}'));
    const storedIds = [...stored.values()].flatMap((records) => records.map((r) => r.record.id as string));
    const id = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom('..', '.', '%2F', 'a%2Fb', '%2e%2e', '%00', '%E4%B8', '%', '%zz', 'null', '00000000-0000-0000-0000-000000000000', '%20', '+', ';', 'a;b', '~', '*'),
      fc.uuid().map(String),
      fc.integer({ min: 100, max: 7000 }).map((n) => 'a'.repeat(n)),
      fc.constantFrom(...storedIds, ...suggestionIds).chain((stored) => fc.constantFrom(stored, stored.toUpperCase(), `${stored}%20`, `%20${stored}`, `${stored}%00`, stored.slice(1))),
      fc.constantFrom(...HEADS.map((h) => h.id)).chain((head) => fc.constantFrom(head, `${head}%2F..`, `${head}.`, head.toUpperCase(), `-${head}`)),
    );
    await fc.assert(fc.asyncProperty(routeKeys(idRoutes), id, fc.nat(), async (key, pathId, pick) => {
      const route = routeOf(key);
      const base = plausibleReq(route, pick);
      const req: Req = { ...base, path: route.path.replace('{id}', pathId) };
      const answer = await send(req);
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(pathId);
      } catch {
        decoded = undefined;
      }
      // Not a UUID cannot name a record (404) — or the gateway found no such path (400 malformed escape, 404, 405).
      // Heads and branches have ids of the caller's choosing (a PUT creates them), not UUIDs.
      if (!route.path.startsWith('/ministers') && !route.path.startsWith('/branches') && (decoded === undefined || !/^[0-9a-fA-F-]+$/.test(decoded))) expectStatus(req, answer, [400, 404, 405]);
    }), runs(500));
  });

  it('headers: garbage If-Match, Accept-Language, Accept, If-None-Match on every route', async () => {
    const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
    /** No quotes, so never an ETag: only `*` or nothing at all mean something else. */
    const garbageIfMatch = fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replaceAll('"', ''));
    const ifMatch = fc.oneof(
      garbageIfMatch,
      fc.constantFrom('*', '"1"', 'W/"1"', '"01"', '"-1"', '"1.0"', '""', '"9999999999"', '"1", "2"', ' "1" ', 'W/', '"abc"', '"2"', 'w/"1"'),
      printable,
    );
    const language = fc.oneof(
      printable,
      fc.constantFrom('en', 'zh', 'en;q=0', 'en;q=abc', 'en;q=-1', '*', ',,,', ';;', 'en-US,zh;q=0.8', ';q=1', 'q=1', 'EN', 'en;q=1e9', `${'en;q=0.9,'.repeat(600)}zh`),
    );
    const accept = fc.oneof(printable, fc.constantFrom('text/csv', 'application/json', '*/*', 'text/csv;q=0', 'text/*', 'application/problem+json'));
    await fc.assert(fc.asyncProperty(
      routeKeys(ROUTES), fc.nat(),
      fc.record({ ifMatch: fc.option(ifMatch), language: fc.option(language), accept: fc.option(accept), ifNoneMatch: fc.option(ifMatch) }),
      async (key, pick, h) => {
        const route = routeOf(key);
        const base = plausibleReq(route, pick);
        const headers: Record<string, string> = { ...base.headers };
        if (h.ifMatch !== null) headers['if-match'] = h.ifMatch;
        if (h.language !== null) headers['accept-language'] = h.language;
        if (h.accept !== null) headers.accept = h.accept;
        if (h.ifNoneMatch !== null) headers['if-none-match'] = h.ifNoneMatch;
        const req: Req = { ...base, headers };
        const answer = await send(req);
        const sentIfMatch = h.ifMatch?.trim();
        const garbage = sentIfMatch !== undefined && sentIfMatch !== '' && sentIfMatch !== '*' && !sentIfMatch.includes('"');
        if (route.ifMatch === 'required' && sentIfMatch === '') expectStatus(req, answer, 428);
        if (route.ifMatch && garbage) expectStatus(req, answer, 412);
      },
    ), runs(500));
  });

  it('reached every route of the route table', () => {
    expect(ROUTES.map(routeKey).filter((key) => !hits.has(key))).toEqual([]);
  });

  it('stored nothing from a refused request: each kind grew by its 201s, and no refused id is stored', async () => {
    const after = await storedRecords(stack.client, stack.tableName);
    const [was, now] = [countByKind(before), countByKind(after)];
    for (const kind of [...FORMS.map((f) => f.kind), 'minister', 'branch']) {
      expect((now.get(kind) ?? 0) - (was.get(kind) ?? 0), kind).toBe(created.get(kind) ?? 0);
    }
    const leaked = [...refused].filter((key) => !accepted.has(key) && after.has(key));
    expect(leaked).toEqual([]);
    expect(refused.size).toBeGreaterThan(100);
  });
});
