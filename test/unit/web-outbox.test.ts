import { describe, expect, it } from 'vitest';
import { createOutbox, type KeyValueStore, type Post } from '#web/src/outbox.ts';

class Offline extends Error {}
class Expired extends Error {}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
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
    store, post: api.post, now: () => clock, onChange: (entries) => changes.push(entries.length),
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
    expect(store.data.get('xjc.outbox')).toContain('"id":"a"');

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
    const reopened = createOutbox({ store, post: api.post, isUnreachable: (e) => e instanceof Offline, isSignInRequired: () => false });
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
