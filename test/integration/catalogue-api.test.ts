import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW, REVIEW_STATES, type ReviewState } from '#schemas/form.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { SAMPLES, type Where } from '../support/samples.ts';
import { daysAgo, EN, ifMatch, looseCaller, startTestApi } from './support/local-stack.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * The same contract, checked on every kind of the form catalogue over HTTP against DynamoDB Local:
 * create, idempotent replay, 409 on a different body, every bad field listed, correction with
 * If-Match, withdrawal, history, listing with filters, each legal and illegal status and review move.
 * The kinds and their moves come from the catalogue itself; only the sample bodies are written here.
 */

let api: Awaited<ReturnType<typeof startTestApi>>;
const call = looseCaller();
const en = EN;

const PROVINCE_HEAD = 'm-630000-01';
const here: Where = { ministerId: PROVINCE_HEAD, countyCode: '630102', date: daysAgo(10) };

beforeAll(async () => {
  api = await startTestApi();
  call.connect(api.url);
  for (const [id, level, regionCode] of [[PROVINCE_HEAD, 'province', '630000'], ['m-632621-01', 'county', '632621']]) {
    expect((await call('PUT', `/ministers/${id}`, { name: `部长${id}`, level, regionCode })).status).toBe(201);
  }
});

afterAll(async () => api?.close());

/** The shortest way from a state a record may be reported in to `target`, by legal moves. */
function pathTo(initial: readonly string[], moves: Record<string, readonly string[]>, target: string): string[] {
  const queue: string[][] = initial.map((s) => [s]);
  for (let path = queue.shift(); path; path = queue.shift()) {
    const last = path.at(-1)!;
    if (last === target) return path;
    for (const next of moves[last]) if (!path.includes(next)) queue.push([...path, next]);
  }
  throw new Error(`${target} cannot be reached`);
}

describe.each(FORMS.map((form) => [form.path, form] as const))('%s', (path, form) => {
  const sample = SAMPLES[form.kind];
  const create = async (body: Record<string, unknown>) => {
    const res = await call('POST', `/${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  /** A record in `status`, reached the way people would: reported, then moved on. */
  const recordIn = async (status: string) => {
    const [first, ...rest] = pathTo(form.statuses.initial, form.statuses.moves, status);
    let record = await create({ ...sample.valid(here), ...(form.statuses.initial.length > 1 ? { status: first } : {}), ...sample.statusFields?.(first, here) });
    for (const next of rest) {
      const res = await call('PATCH', `/${path}/${record.id}`, { status: next, ...sample.statusFields?.(next, here) }, ifMatch(record.version));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      record = res.body;
    }
    expect(record.status).toBe(status);
    return record;
  };

  it('has a sample body (a new kind needs one here)', () => {
    expect(sample).toBeDefined();
  });

  it('creates (201, ETag, Location), answers a replay with the stored record (200) and a reused id with 409', async () => {
    const body = sample.valid(here);
    const first = await call('POST', `/${path}`, body);
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.headers.get('location')).toBe(`/${path}/${body.id}`);
    expect(first.body).toMatchObject({ id: body.id, version: 1, status: form.statuses.initial[0], review: { state: 'received' } });

    const replay = await call('POST', `/${path}`, body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);

    const [field, value] = Object.entries(sample.correction)[0];
    const conflict = await call('POST', `/${path}`, { ...body, [field]: value }, en);
    expect(conflict.status).toBe(409);
    expect((await call('GET', `/${path}/${body.id}`)).body).toEqual(first.body);
  });

  it('lists every bad field in one 422, in Chinese by default and in English on request', async () => {
    const body = sample.invalid.body(here);
    const zh = await call('POST', `/${path}`, body);
    expect(zh.status).toBe(422);
    expect(zh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const paths = zh.body.errors.map((e: { path: string }) => e.path);
    for (const p of sample.invalid.paths) expect(paths, p).toContain(p);
    expect(zh.body.errors.every((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    const english = await call('POST', `/${path}`, body, en);
    expect(english.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect(english.body.errors.some((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message))).toBe(false);
    expect((await call('GET', `/${path}/${body.id}`)).status).toBe(404);
  });

  it('refuses a record whose minister does not exist (422 on ministerId)', async () => {
    const res = await call('POST', `/${path}`, sample.valid({ ...here, ministerId: 'm-nobody' }), en);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'ministerId', message: 'No such minister' }]);
  });

  it('corrects with If-Match (412 stale, 428 missing) and keeps before/after in the history', async () => {
    const record = await create(sample.valid(here));
    expect((await call('PATCH', `/${path}/${record.id}`, sample.correction)).status).toBe(428);
    expect((await call('PATCH', `/${path}/${record.id}`, sample.correction, ifMatch(2))).status).toBe(412);
    const fixed = await call('PATCH', `/${path}/${record.id}`, sample.correction, ifMatch(1));
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('etag')).toBe('"2"');
    expect(fixed.body).toMatchObject({ ...sample.correction, version: 2 });
    expect((await call('PATCH', `/${path}/${record.id}`, { id: record.id }, ifMatch(2))).status).toBe(422);

    const history = (await call('GET', `/${path}/${record.id}/history`)).body.items;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['create', 'correct']);
    expect(history[1].before).toMatchObject({ version: 1 });
    expect(history[1].after).toMatchObject({ ...sample.correction, version: 2 });
    expect(history[1]).toMatchObject({ version: 2, by: 'test-admin' });
  });

  it('withdraws: the record stays readable, takes no more changes (409), and the trail shows it', async () => {
    const record = await create(sample.valid(here));
    expect((await call('DELETE', `/${path}/${record.id}`)).status).toBe(428);
    const gone = await call('DELETE', `/${path}/${record.id}`, undefined, ifMatch(1));
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await call('GET', `/${path}/${record.id}`)).body.status).toBe('withdrawn');
    expect((await call('DELETE', `/${path}/${record.id}`, undefined, ifMatch(2))).status).toBe(409);
    expect((await call('PATCH', `/${path}/${record.id}`, sample.correction, ifMatch(2))).status).toBe(409);
    const history = (await call('GET', `/${path}/${record.id}/history`)).body.items;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['create', 'withdraw']);
    expect(history[1].after.status).toBe('withdrawn');
    expect((await call('GET', `/${path}/00000000-0000-4000-8000-000000000000/history`)).status).toBe(404);
  });

  it('lists by county, prefecture, minister, dates, status and review, page by page', async () => {
    const golog: Where = { ministerId: 'm-632621-01', countyCode: '632621', date: daysAgo(40) };
    const ids = [await create(sample.valid(golog)), await create(sample.valid({ ...golog, date: daysAgo(20) })), await create(sample.valid(golog))]
      .map((r) => r.id).sort();
    const list = async (query: string) => {
      const res = await call('GET', `/${path}?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((r: { id: string }) => r.id).sort();
    };
    expect(await list('county=632621')).toEqual(ids);
    expect(await list('prefecture=632600')).toEqual(ids);
    expect(await list('ministerId=m-632621-01')).toEqual(ids);
    expect(await list('ministerId=m-632621-01&prefecture=630100')).toEqual([]);
    expect(await list(`county=632621&from=${daysAgo(25)}&to=${daysAgo(15)}`)).toHaveLength(1);
    expect(await list(`prefecture=632600&from=${daysAgo(25)}`)).toHaveLength(1);
    expect(await list(`county=632621&status=${form.statuses.initial[0]}`)).toEqual(ids);
    expect(await list('county=632621&status=withdrawn')).toEqual([]);
    expect(await list('county=632621&review=received')).toEqual(ids);
    expect(await list('county=632621&review=approved')).toEqual([]);

    const first = (await call('GET', `/${path}?county=632621&limit=2`)).body;
    expect(first.items).toHaveLength(2);
    const second = (await call('GET', `/${path}?county=632621&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).body;
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((r: { id: string }) => r.id).sort()).toEqual(ids);

    const bad = await call('GET', `/${path}?county=630100&from=2026-02-01&to=2026-01-01&limit=501`, undefined, en);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['county', 'from', 'limit']);
  });

  const moves = form.states.flatMap((from) => form.states.filter((to) => to !== from).map((to) => [from, to, form.statuses.moves[from].includes(to)] as const));
  if (moves.length) {
    it.each(moves)('status %s → %s is legal: %s', async (from, to, legal) => {
      const record = await recordIn(from);
      const res = await call('PATCH', `/${path}/${record.id}`, { status: to, ...sample.statusFields?.(to, here) }, ifMatch(record.version));
      expect(res.status, JSON.stringify(res.body)).toBe(legal ? 200 : 409);
      expect((await call('GET', `/${path}/${record.id}`)).body.status).toBe(legal ? to : from);
    });
  } else {
    it('has no status to move: a correction naming one is refused (422)', async () => {
      const record = await create(sample.valid(here));
      const res = await call('PATCH', `/${path}/${record.id}`, { status: 'withdrawn' }, ifMatch(1));
      expect(res.status).toBe(422);
    });
  }

  const reviewMoves = (Object.keys(REVIEW_STATES) as ReviewState[]).flatMap((from) =>
    (['approved', 'has_issues', 'rejected'] as const).filter((to) => to !== from).map((to) => [from, to, REVIEW.moves[from].includes(to)] as const));
  it.each(reviewMoves)('review %s → %s is legal: %s', async (from, to, legal) => {
    let record = await create(sample.valid(here));
    if (from !== 'received') {
      record = (await call('PATCH', `/${path}/${record.id}/review`, { state: from, comment: '初审' }, ifMatch(1))).body;
      expect(record.review.state).toBe(from);
    }
    const res = await call('PATCH', `/${path}/${record.id}/review`, { state: to, comment: '复核意见' }, ifMatch(record.version));
    expect(res.status, JSON.stringify(res.body)).toBe(legal ? 200 : 409);
    if (legal) expect(res.body.review).toMatchObject({ state: to, comment: '复核意见', by: 'test-admin' });
  });

  it('needs a reason for anything but an approval, and a correction sends a reviewed record back to received', async () => {
    const record = await create(sample.valid(here));
    const noReason = await call('PATCH', `/${path}/${record.id}/review`, { state: 'has_issues' }, { ...ifMatch(1), ...en });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ path: 'comment', message: 'Give a reason' }]);
    const flagged = await call('PATCH', `/${path}/${record.id}/review`, { state: 'has_issues', comment: '请补充' }, ifMatch(1));
    expect(flagged.body.review.state).toBe('has_issues');
    const fixed = await call('PATCH', `/${path}/${record.id}`, sample.correction, ifMatch(2));
    expect(fixed.body.review).toEqual({ state: 'received' });
    const history = (await call('GET', `/${path}/${record.id}/history`)).body.items;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['create', 'review', 'correct']);
    expect(history[1].after.review).toMatchObject({ state: 'has_issues', comment: '请补充' });
  });

  it('sends a returned (rejected) record back to received when it is corrected', async () => {
    const record = await create(sample.valid(here));
    const returned = await call('PATCH', `/${path}/${record.id}/review`, { state: 'rejected', comment: '内容不实，请核实后修改' }, ifMatch(1));
    expect(returned.body.review.state).toBe('rejected');
    const fixed = await call('PATCH', `/${path}/${record.id}`, sample.correction, ifMatch(2));
    expect(fixed.status).toBe(200);
    expect(fixed.body.review).toEqual({ state: 'received' });
  });
});
