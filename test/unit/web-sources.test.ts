import { describe, expect, it } from 'vitest';
import { inspectionChoices, sourceLists, visitChoices } from '#web/src/forms/sources.ts';

function memory() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

const VISITS = [
  { id: 'v1', date: '2026-10-02', branch: { name: '付家寨村党支部' } },
  { id: 'v2', date: '2026-11-12', branch: { name: '中庄村党支部' } },
  { id: 'v3', date: '2026-11-20', status: 'withdrawn', branch: { name: '已撤回的' } },
];

describe("a problem's sources", () => {
  it('lists visits newest first by date and branch, without withdrawn ones', () => {
    expect(visitChoices(VISITS)).toEqual([
      { id: 'v2', date: '2026-11-12', label: '2026-11-12 · 中庄村党支部' },
      { id: 'v1', date: '2026-10-02', label: '2026-10-02 · 付家寨村党支部' },
    ]);
  });

  it('lists inspections by date, place and subject, each with its findings by their text', () => {
    const long = '党'.repeat(60);
    const choices = inspectionChoices([
      { id: 'i1', date: '2026-11-05', type: 'special', subject: '三会一课落实情况', regionCode: '630102', findings: [{ id: 'f1', text: '会议记录不规范' }, { id: 'f2', text: long }] },
      { id: 'i2', date: '2026-11-09', type: 'random', findings: [] },
    ]);
    expect(choices.map((c) => c.label)).toEqual(['2026-11-09 · 随机检查', '2026-11-05 · 城东区 · 专项检查：三会一课落实情况']);
    expect(choices[1].findings).toEqual([{ id: 'f1', label: '1. 会议记录不规范' }, { id: 'f2', label: `2. ${'党'.repeat(40)}…` }]);
  });

  it("asks the API for the head's visits of the last half year, and keeps the list for when the device is offline", async () => {
    const store = memory();
    const asked: string[] = [];
    let online = true;
    const lists = sourceLists({
      get: async (path) => { asked.push(path); return { status: 200, body: { items: VISITS } }; },
      store, online: () => online, today: () => '2026-12-02',
    });
    const fresh = await lists.visits('m-630102-01');
    expect(fresh).toMatchObject({ from: 'api', items: [{ id: 'v2' }, { id: 'v1' }] });
    expect(asked).toEqual(['/visits?ministerId=m-630102-01&from=2026-06-05&limit=500']);
    online = false;
    await expect(lists.visits('m-630102-01')).resolves.toMatchObject({ from: 'device', items: [{ id: 'v2' }, { id: 'v1' }] });
    expect(asked).toHaveLength(1);
    // Another head's visits were never loaded here: unavailable, not someone else's.
    await expect(lists.visits('m-630102-02')).resolves.toEqual({ unavailable: true });
    await expect(lists.inspections()).resolves.toEqual({ unavailable: true });
  });

  it('falls back to the kept list when the request gets no answer or is refused', async () => {
    const store = memory();
    let mode: 'ok' | 'down' | 'refused' = 'ok';
    const lists = sourceLists({
      get: async () => {
        if (mode === 'down') throw new Error('no answer');
        return mode === 'refused' ? { status: 403, body: {} } : { status: 200, body: { items: [{ id: 'i1', date: '2026-11-05', findings: [] }] } };
      },
      store, online: () => true, today: () => '2026-12-02',
    });
    await lists.inspections();
    mode = 'down';
    await expect(lists.inspections()).resolves.toMatchObject({ from: 'device', items: [{ id: 'i1' }] });
    mode = 'refused';
    await expect(lists.inspections()).resolves.toMatchObject({ from: 'device' });
  });
});
