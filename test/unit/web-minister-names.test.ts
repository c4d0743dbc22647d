import { describe, expect, it } from 'vitest';
import { headerName, ministerNames } from '#web/src/minister-names.ts';

function memory() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("the heads' names kept on the device", () => {
  it('names a head once seen, across page loads, and falls back to the id only when no name is known', () => {
    const store = memory();
    const names = ministerNames(store);
    expect(names.nameOf('m-630102-01')).toBeUndefined();
    expect(names.label('m-630102-01')).toBe('m-630102-01');
    names.remember([{ id: 'm-630102-01', name: '王建国' }, { id: 'm-630102-02', name: '李秀英' }]);
    // Another page (or the same one reloaded offline) reads what was kept.
    const later = ministerNames(store);
    expect(later.label('m-630102-01')).toBe('王建国');
    expect(later.nameOf('m-630102-02')).toBe('李秀英');
    expect(later.nameOf(undefined)).toBeUndefined();
    expect(later.nameOf('constructor')).toBeUndefined();
  });

  it('keeps the newest name of a renamed head and writes only when something changed', () => {
    const store = memory();
    const names = ministerNames(store);
    names.remember([{ id: 'm-1', name: '旧名' }]);
    const writes: string[] = [];
    const watched = { getItem: store.getItem, setItem: (k: string, v: string) => { writes.push(v); store.setItem(k, v); } };
    const again = ministerNames(watched);
    again.remember([{ id: 'm-1', name: '旧名' }]);
    expect(writes).toEqual([]);
    again.remember([{ id: 'm-1', name: '新名' }]);
    expect(writes).toHaveLength(1);
    expect(again.label('m-1')).toBe('新名');
  });

  it('survives a damaged store', () => {
    const store = memory();
    store.setItem('xjc.ministerNames', '{not json');
    expect(ministerNames(store).label('m-1')).toBe('m-1');
    store.setItem('xjc.ministerNames', '["m-1"]');
    expect(ministerNames(store).nameOf('0')).toBeUndefined();
  });

  it("puts the head's name in the header of whoever reports for them; others by their own name", () => {
    const store = memory();
    const names = ministerNames(store);
    expect(headerName({ name: 'wang', ministerId: 'm-630102-01' }, names)).toBe('m-630102-01');
    names.remember([{ id: 'm-630102-01', name: '王建国' }]);
    expect(headerName({ name: 'wang', ministerId: 'm-630102-01' }, names)).toBe('王建国');
    expect(headerName({ name: 'xining-staff' }, names)).toBe('xining-staff');
  });
});
