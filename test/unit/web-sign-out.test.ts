import { describe, expect, it } from 'vitest';
import { keepSignOutNotice, signOutWords, takeSignOutNotice } from '#web/src/sign-out-notice.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('what signing out says', () => {
  it('says how many submissions wait on the device, for whom, and that nobody else sees or sends them', () => {
    const words = signOutWords({ who: '王建国（组织部长）', waiting: 2, refused: 1, offline: true });
    expect(words[0]).toBe('王建国（组织部长）有 2 条提交待发送，仍保存在本机，将在其再次登录本机后自动发送；其他人在本机登录时看不到，也不会发送。');
    expect(words[1]).toContain('1 条被退回');
    expect(words[2]).toContain('当前离线');
  });

  it('says nothing of a queue when none is left, and nothing of being offline when online', () => {
    expect(signOutWords({ who: 'x', waiting: 0, refused: 0, offline: false })).toEqual([]);
  });

  it('is said once, on the page the sign-out lands on', () => {
    const store = memory();
    keepSignOutNotice({ who: 'x', waiting: 1, refused: 0, offline: false }, store);
    expect(takeSignOutNotice(store)).toEqual({ who: 'x', waiting: 1, refused: 0, offline: false });
    expect(takeSignOutNotice(store)).toBeUndefined();
  });
});
