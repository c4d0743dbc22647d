import { describe, expect, it } from 'vitest';
import { correctionId, createOutbox, type KeyValueStore, type Post, recordStored, type OutboxEntry } from '#web/src/outbox.ts';
import { hasUnsentCorrection, unsentOf } from '#web/src/outbox-unsent.ts';

/**
 * Corrections (修改) in the outbox: a PATCH entry carrying the version it was made on, kept on the
 * device before it is sent, sent with that version when the connection returns, a 412 kept (refused,
 * with the API's problem) rather than lost or overwritten; each page sends only its own entries.
 */
class Offline extends Error {}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** A record at a version: a PATCH with If-Match of another version is a 412, as the API answers. */
function records() {
  const versions = new Map<string, number>([['r1', 2]]);
  const sent: { path: string; body: unknown; correction?: unknown }[] = [];
  let down = false;
  const post: Post = async (path, body, correction) => {
    sent.push(correction ? { path, body, correction } : { path, body });
    if (down) throw new Offline();
    if (!correction) return { status: 201, body: {} };
    const current = versions.get(correction.recordId);
    if (current !== correction.version) return { status: 412, body: { type: '/problems/precondition-failed', title: '记录已被修改', status: 412 } };
    versions.set(correction.recordId, current + 1);
    return { status: 200, body: { id: correction.recordId, version: current + 1 } };
  };
  return { versions, sent, post, down: (d: boolean) => { down = d; } };
}

const make = (store: KeyValueStore, post: Post, sends?: (e: OutboxEntry) => boolean) => createOutbox({
  store, owner: 'head-1', post, sends, isUnreachable: (e) => e instanceof Offline, isSignInRequired: () => false,
});

const correction = (recordId: string, version: number, body: Record<string, unknown>) => ({
  id: correctionId(recordId), kind: 'visit', path: `/visits/${recordId}`, method: 'PATCH' as const, version, recordId,
  title: '走访记录 · 东关大街社区党委 · 2026-11-20', body, base: { id: recordId, version, participants: 30 },
});

describe('a correction in the outbox', () => {
  it('is kept on the device when offline, survives a reload, and is sent as a PATCH with the version it was made on', async () => {
    const store = memoryStore();
    const api = records();
    api.down(true);
    await make(store, api.post).add(correction('r1', 2, { participants: 35 }));
    expect(unsentOf(store, 'head-1')).toEqual({ waiting: 1, refused: 0 });
    expect(hasUnsentCorrection(store, 'head-1', 'r1')).toBe(true);
    expect(hasUnsentCorrection(store, 'head-1', 'r2')).toBe(false);

    api.down(false);
    const reopened = make(store, api.post);
    expect(reopened.entries()).toMatchObject([{ state: 'waiting', method: 'PATCH', version: 2, title: '走访记录 · 东关大街社区党委 · 2026-11-20' }]);
    expect(await reopened.flush(true)).toEqual({ sent: 1 });
    expect(api.sent.at(-1)).toEqual({ path: '/visits/r1', body: { participants: 35 }, correction: { method: 'PATCH', version: 2, recordId: 'r1' } });
    expect(reopened.entries()).toMatchObject([{ state: 'sent', status: 200 }]);
    expect(hasUnsentCorrection(store, 'head-1')).toBe(false);
  });

  it('is kept as refused with the 412 when the record changed meanwhile: not overwritten, not lost', async () => {
    const store = memoryStore();
    const api = records();
    api.down(true);
    const outbox = make(store, api.post);
    await outbox.add(correction('r1', 2, { participants: 35 }));
    api.versions.set('r1', 3);
    api.down(false);
    await outbox.flush(true);
    expect(api.versions.get('r1')).toBe(3);
    expect(outbox.entries()).toMatchObject([{ state: 'refused', status: 412, problem: { status: 412 }, body: { participants: 35 }, base: { version: 2 } }]);
    expect(hasUnsentCorrection(store, 'head-1', 'r1')).toBe(true);

    // Corrected again on the new version: the same entry, replaced, and sent.
    await outbox.add(correction('r1', 3, { participants: 36 }));
    expect(outbox.entries()).toMatchObject([{ state: 'sent', version: 3, body: { participants: 36 } }]);
    expect(api.versions.get('r1')).toBe(4);
  });

  it('is sent by the page that sends corrections only, while a new record waits for its own page', async () => {
    const store = memoryStore();
    const api = records();
    api.down(true);
    const forms = make(store, api.post, (e) => e.method !== 'PATCH');
    await forms.add({ id: 'new-1', kind: 'visit', path: '/visits', title: 'visit', body: { id: 'new-1' } });
    await forms.add(correction('r1', 2, { participants: 35 }));
    api.down(false);
    api.sent.length = 0;
    await forms.flush(true);
    expect(api.sent.map((s) => s.path)).toEqual(['/visits']);

    const desk = make(store, api.post, (e) => e.method === 'PATCH');
    await desk.flush(true);
    expect(api.sent.map((s) => s.path)).toEqual(['/visits', '/visits/r1']);
    expect(desk.entries().map((e) => e.state)).toEqual(['sent', 'sent']);
  });

  it('keeps a new record’s entry as it was stored before corrections (no empty fields added)', async () => {
    const store = memoryStore();
    const api = records();
    await make(store, api.post).add({ id: 'new-2', kind: 'visit', path: '/visits', title: 'visit', body: { id: 'new-2' } });
    const [kept] = JSON.parse(store.data.get('xjc.outbox@head-1')!) as Record<string, unknown>[];
    expect(Object.keys(kept)).not.toContain('method');
    expect(Object.keys(kept)).not.toContain('version');
    expect(api.sent).toEqual([{ path: '/visits', body: { id: 'new-2' } }]);
  });
});

describe('when a record’s files go up (recordStored)', () => {
  const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
    id: 'r1', kind: 'visit', path: '/visits', title: '', body: {}, state: 'sent', queuedAt: '', attempts: 1, ...over,
  });

  it('waits while the record or a correction of it is waiting or refused, and not for other records', () => {
    expect(recordStored([], 'r1')).toBe(true);
    expect(recordStored([entry({})], 'r1')).toBe(true);
    expect(recordStored([entry({ state: 'waiting' })], 'r1')).toBe(false);
    const fix = entry({ id: correctionId('r1'), recordId: 'r1', method: 'PATCH', version: 2 });
    expect(recordStored([entry({}), { ...fix, state: 'waiting' }], 'r1')).toBe(false);
    expect(recordStored([entry({}), { ...fix, state: 'refused' }], 'r1')).toBe(false);
    expect(recordStored([entry({}), fix], 'r1')).toBe(true);
    expect(recordStored([{ ...fix, state: 'waiting' }], 'r2')).toBe(true);
  });
});
