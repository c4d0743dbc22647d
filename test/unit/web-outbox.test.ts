import { describe, expect, it } from 'vitest';
import { createOutbox, type KeyValueStore, type Post } from '#web/src/outbox.ts';
import { unsentOf } from '#web/src/outbox-unsent.ts';
import { drafts } from '#web/src/forms/drafts.ts';
import { memoryStore as memoryFiles, ownedBy } from '#web/src/evidence/store.ts';
import type { EvidenceFile } from '#web/src/evidence/files.ts';

class Offline extends Error {}
class Expired extends Error {}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** A server that stores each id once: 201 the first time, 200 after (as the API does). */
function server() {
  const stored = new Map<string, string>();
  const posts: { path: string; body: unknown }[] = [];
  let mode: 'up' | 'down' | 'expired' | 'busy' = 'up';
  const post: Post = async (path, body) => {
    posts.push({ path, body });
    if (mode === 'down') throw new Offline();
    if (mode === 'expired') throw new Expired();
    if (mode === 'busy') return { status: 503, body: { status: 503 }, retryAfterSeconds: 7 };
    const id = (body as { id: string }).id;
    if ((body as { bad?: boolean }).bad) return { status: 422, body: { status: 422, title: 'Invalid', errors: [{ path: 'x', message: '必填' }] } };
    if (stored.has(id)) return { status: stored.get(id) === JSON.stringify(body) ? 200 : 409, body: {} };
    stored.set(id, JSON.stringify(body));
    return { status: 201, body: {} };
  };
  return { stored, posts, post, set: (m: typeof mode) => { mode = m; } };
}

function setup() {
  const store = memoryStore();
  const api = server();
  let clock = 1_000_000;
  const changes: number[] = [];
  const outbox = createOutbox({
    store, owner: 'head-1', post: api.post, now: () => clock, onChange: (entries) => changes.push(entries.length),
    isUnreachable: (e) => e instanceof Offline, isSignInRequired: (e) => e instanceof Expired,
  });
  return { store, api, outbox, changes, advance: (ms: number) => { clock += ms; } };
}

const entry = (id: string, body: Record<string, unknown> = {}) => ({ id, kind: 'visit', path: '/visits', title: `visit ${id}`, body: { id, ...body } });

describe('the outbox', () => {
  it('keeps a submission made without a connection, and sends it once when asked again', async () => {
    const { api, outbox, store } = setup();
    api.set('down');
    await outbox.add(entry('a'));
    expect(outbox.entries()).toMatchObject([{ id: 'a', state: 'waiting', attempts: 1 }]);
    expect(store.data.get('xjc.outbox@head-1')).toContain('"id":"a"');

    api.set('up');
    const result = await outbox.flush(true);
    expect(result).toEqual({ sent: 1 });
    expect(outbox.entries()).toMatchObject([{ id: 'a', state: 'sent', status: 201 }]);
    await outbox.flush(true);
    expect(api.stored.size).toBe(1);
    expect(api.posts.filter((p) => (p.body as { id: string }).id === 'a')).toHaveLength(2);
  });

  it('survives the page: a new outbox over the same storage sends what the old one kept', async () => {
    const { api, outbox, store } = setup();
    api.set('down');
    await outbox.add(entry('kept'));
    api.set('up');
    const reopened = createOutbox({ store, owner: 'head-1', post: api.post, isUnreachable: (e) => e instanceof Offline, isSignInRequired: () => false });
    await reopened.flush(true);
    expect(reopened.entries()).toMatchObject([{ id: 'kept', state: 'sent' }]);
    expect([...api.stored.keys()]).toEqual(['kept']);
  });

  it('backs off after a failed attempt unless forced', async () => {
    const { api, outbox, advance } = setup();
    api.set('down');
    await outbox.add(entry('b'));
    api.set('up');
    expect(await outbox.flush()).toEqual({ sent: 0 });
    advance(2_001);
    expect(await outbox.flush()).toEqual({ sent: 1 });
  });

  it('waits as long as a busy API asks (Retry-After), then sends', async () => {
    const { api, outbox, advance } = setup();
    api.set('busy');
    await outbox.add(entry('c'));
    expect(outbox.entries()[0]).toMatchObject({ state: 'waiting', notBefore: 1_000_000 + 7_000 });
    api.set('up');
    advance(6_999);
    expect(await outbox.flush()).toEqual({ sent: 0 });
    advance(1);
    expect(await outbox.flush()).toEqual({ sent: 1 });
  });

  it('marks a refused submission with the API problem and keeps it until corrected or removed', async () => {
    const { outbox } = setup();
    await outbox.add(entry('d', { bad: true }));
    expect(outbox.entries()).toMatchObject([{ id: 'd', state: 'refused', status: 422, problem: { errors: [{ path: 'x', message: '必填' }] } }]);
    await outbox.add(entry('d', { fixed: true }));
    expect(outbox.entries()).toMatchObject([{ id: 'd', state: 'sent', body: { fixed: true } }]);
    outbox.remove('d');
    expect(outbox.entries()).toEqual([]);
  });

  it('stops, keeping everything, when the person must sign in again', async () => {
    const { api, outbox } = setup();
    api.set('expired');
    await outbox.add(entry('e'));
    expect(await outbox.flush(true)).toEqual({ sent: 0, stopped: 'sign-in' });
    expect(outbox.entries()).toMatchObject([{ id: 'e', state: 'waiting' }]);
  });

  it('runs one flush at a time, and sends what was added meanwhile', async () => {
    const { api, outbox } = setup();
    api.set('down');
    await outbox.add(entry('f1'));
    await outbox.add(entry('f2'));
    api.set('up');
    const [first, second] = await Promise.all([outbox.flush(true), outbox.flush(true)]);
    expect(first).toBe(second);
    expect(outbox.entries().map((e) => e.state)).toEqual(['sent', 'sent']);
    expect(api.posts.filter((p) => ['f1', 'f2'].includes((p.body as { id: string }).id)).length).toBe(4); // 2 failed + 2 sent, none doubled
  });
});

/** An outbox over the same device's storage for another person (a shared phone). */
const outboxOf = (store: KeyValueStore, owner: string, post: Post) =>
  createOutbox({ store, owner, post, isUnreachable: (e) => e instanceof Offline, isSignInRequired: (e) => e instanceof Expired });

describe("one person's outbox on a shared device", () => {
  it('is neither listed nor sent for the next person signed in, and is sent when its owner is back', async () => {
    const store = memoryStore();
    const api = server();
    api.set('down');
    await outboxOf(store, 'head-1', api.post).add(entry('h1'));
    api.set('up');

    const admin = outboxOf(store, 'admin-1', api.post);
    expect(admin.entries()).toEqual([]);
    expect(await admin.flush(true)).toEqual({ sent: 0 });
    expect(api.stored.size).toBe(0);
    expect(unsentOf(store, 'admin-1')).toEqual({ waiting: 0, refused: 0 });
    expect(unsentOf(store, 'head-1')).toEqual({ waiting: 1, refused: 0 });

    const head = outboxOf(store, 'head-1', api.post);
    expect(await head.flush(true)).toEqual({ sent: 1 });
    expect([...api.stored.keys()]).toEqual(['h1']);
  });

  it('owner by owner, even for owners whose names would run together in a key', async () => {
    const store = memoryStore();
    const api = server();
    api.set('down');
    await outboxOf(store, 'a@b', api.post).add(entry('x'));
    expect(outboxOf(store, 'a', api.post).entries()).toEqual([]);
    expect(outboxOf(store, 'a@b', api.post).entries()).toMatchObject([{ id: 'x' }]);
  });

  it('adopts what was kept before outboxes had owners for the first person who opens one, losing nothing', async () => {
    const store = memoryStore();
    const api = server();
    const old = { ...entry('legacy'), state: 'waiting', queuedAt: '2026-11-20T01:00:00.000Z', attempts: 2 };
    store.setItem('xjc.outbox', JSON.stringify([old]));
    api.set('down');
    await outboxOf(store, 'head-1', api.post).add(entry('own'));
    expect(store.data.has('xjc.outbox')).toBe(false);
    expect(outboxOf(store, 'head-1', api.post).entries().map((e) => e.id)).toEqual(['legacy', 'own']);
    expect(outboxOf(store, 'admin-1', api.post).entries()).toEqual([]);
  });

  it('keeps its owner\'s entries first when an un-owned copy comes back (an old tab wrote the old key)', () => {
    const store = memoryStore();
    const api = server();
    store.setItem('xjc.outbox@head-1', JSON.stringify([{ ...entry('same'), state: 'sent', queuedAt: 'x', attempts: 1 }]));
    store.setItem('xjc.outbox', JSON.stringify([{ ...entry('same'), state: 'waiting', queuedAt: 'x', attempts: 0 }, { ...entry('other'), state: 'waiting', queuedAt: 'y', attempts: 0 }]));
    expect(outboxOf(store, 'head-1', api.post).entries()).toMatchObject([{ id: 'same', state: 'sent' }, { id: 'other', state: 'waiting' }]);
  });
});

describe("one person's drafts on a shared device", () => {
  it('reopen for their owner only, and a draft of before goes to the first reader', () => {
    const store = memoryStore();
    drafts('head-1', store).keep('visit', { id: 'd1', symposiums: 2 });
    expect(drafts('admin-1', store).read('visit')).toBeUndefined();
    expect(drafts('head-1', store).read('visit')).toEqual({ id: 'd1', symposiums: 2 });
    drafts('admin-1', store).clear('visit');
    expect(drafts('head-1', store).read('visit')).toEqual({ id: 'd1', symposiums: 2 });

    store.setItem('xjc.draft.problem', JSON.stringify({ id: 'old' }));
    expect(drafts('head-1', store).read('problem')).toEqual({ id: 'old' });
    expect(drafts('admin-1', store).read('problem')).toBeUndefined();
  });
});

describe("one person's evidence files on a shared device", () => {
  const file = (id: string, owner?: string): EvidenceFile => ({
    id, recordId: `r-${id}`, owner, name: `${id}.jpg`, contentType: 'image/jpeg', size: 1, originalSize: 1, state: 'waiting', attempts: 0, addedAt: '2026-11-20T00:00:00.000Z',
  });

  it('are listed for their owner only; a file of before goes to the first person who lists them', async () => {
    const files = memoryFiles();
    await ownedBy(files, 'head-1').put(file('f1'));
    await files.put(file('legacy'));
    expect((await ownedBy(files, 'head-1').all()).map((f) => f.id).sort()).toEqual(['f1', 'legacy']);
    expect(await ownedBy(files, 'admin-1').all()).toEqual([]);
    expect(files.data.get('legacy')?.owner).toBe('head-1');
  });
});

describe('the receipt of a suspected duplicate', () => {
  it('says the API stored it flagged (its answer names the record it may repeat), and a plain one is not flagged', async () => {
    const store = memoryStore();
    const post: Post = async (_path, body) => {
      const { id } = body as { id: string };
      return { status: 201, body: id === 'second' ? { id, duplicateOf: 'first' } : { id } };
    };
    const outbox = outboxOf(store, 'head-1', post);
    await outbox.add(entry('first'));
    await outbox.add(entry('second'));
    expect(outbox.entries()).toMatchObject([{ id: 'first', state: 'sent' }, { id: 'second', state: 'sent', suspectedDuplicate: true }]);
    expect(outbox.entries()[0].suspectedDuplicate).toBeUndefined();
  });
});
