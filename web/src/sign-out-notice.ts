/**
 * What signing out says on the page it lands on: what the person leaves unsent on the device, that
 * it waits for them (the next person signed in neither sees nor sends it; owner.ts), and whether the
 * sign-out was made offline. Kept in sessionStorage across the sign-in domain's logout and back.
 */
export interface SignOutNotice {
  /** The person as the header showed them: "王建国（组织部长）". */
  who: string;
  waiting: number;
  refused: number;
  offline: boolean;
}

const KEY = 'xjc.signedOut';

export function keepSignOutNotice(notice: SignOutNotice, store: Pick<Storage, 'setItem'> = sessionStorage): void {
  store.setItem(KEY, JSON.stringify(notice));
}

/** The notice left by a sign-out, once (it is let go as it is read). */
export function takeSignOutNotice(store: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage): SignOutNotice | undefined {
  const raw = store.getItem(KEY);
  store.removeItem(KEY);
  return raw ? (JSON.parse(raw) as SignOutNotice) : undefined;
}

/** The notice's sentences, in the glossary's words (待发送, 被退回). */
export function signOutWords(notice: SignOutNotice): string[] {
  const words: string[] = [];
  if (notice.waiting > 0) {
    words.push(`${notice.who}有 ${notice.waiting} 条提交待发送，仍保存在本机，将在其再次登录本机后自动发送；其他人在本机登录时看不到，也不会发送。`);
  }
  if (notice.refused > 0) words.push(`${notice.who}有 ${notice.refused} 条被退回的提交保存在本机，再次登录后可修改。`);
  if (notice.offline) words.push('当前离线：已在本机退出，联网后自动退出登录服务。');
  return words;
}
