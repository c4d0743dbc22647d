import { ROLES } from '#schemas/access.ts';
import { request } from './api.ts';
import { completeSignIn, finishSignOut, type Person, signedIn, signIn, signInWasAsked, signOut } from './auth.ts';
import { headerName, ministerNames } from './minister-names.ts';
import { loadConfig, type WebConfig } from './config.ts';
import { fill, h } from './dom.ts';
import { unsentOf } from './outbox-unsent.ts';
import { keepSignOutNotice, signOutWords, takeSignOutNotice } from './sign-out-notice.ts';

/** What every page gets once it knows where the API is and who is signed in. */
export interface Page {
  config: WebConfig;
  person: Person;
  main: HTMLElement;
}


/** Says something to screen-reader users without moving their focus (errors, queue changes). */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick, so the same words said twice are read twice.
  setTimeout(() => { region.textContent = text; }, 50);
}

/**
 * Starts a page: the header with the person and sign-out, the sign-in button when nobody is
 * signed in, and the service worker that keeps the pages on the device.
 */
export async function startPage(render: (page: Page) => void | Promise<void>): Promise<void> {
  const main = document.querySelector('main')!;
  const who = document.getElementById('who')!;
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => undefined);
  let config: WebConfig;
  try {
    config = await loadConfig();
    // Back from signing in for another page: the browser is on its way there.
    if ((await completeSignIn(config)) === 'leaving') return;
  } catch (error) {
    fill(main, h('p', { class: 'notice error', role: 'alert' }, `页面无法启动：${(error as Error).message}`));
    return;
  }
  const person = signedIn();
  if (!person) {
    // A logout left from an offline sign-out goes first; a sign-in asked for before it, after.
    if (finishSignOut(config)) return;
    if (signInWasAsked()) return void signIn(config);
    return showSignedOut(config, main, who);
  }
  const names = ministerNames(localStorage);
  const whoText = () => `${headerName(person, names)}（${person.role ? ROLES[person.role] : '未授权'}）`;
  const leave = () => {
    const unsent = unsentOf(localStorage, person.sub);
    keepSignOutNotice({ who: whoText(), ...unsent, offline: !navigator.onLine });
    // Offline: signed out here and now, the page says so instead of a browser's error page.
    if (signOut(config) === 'here') showSignedOut(config, main, who);
  };
  const showWho = () => fill(who,
    h('span', { id: 'who-name' }, whoText()),
    h('button', { type: 'button', class: 'link', onclick: leave }, '退出'));
  showWho();
  if (person.ministerId) void learnMinisterName(config, person.ministerId).then((learnt) => { if (learnt) showWho(); });
  await render({ config, person, main });
}

/** Nobody signed in: the sign-in button, under what the last sign-out left to say. */
function showSignedOut(config: WebConfig, main: HTMLElement, who: HTMLElement): void {
  const notice = takeSignOutNotice();
  const words = notice ? signOutWords(notice) : [];
  fill(who);
  fill(main,
    words.length > 0
      ? h('section', { class: 'notice', id: 'signed-out', role: 'status' }, h('strong', {}, '已退出登录。'), words.map((w) => h('p', {}, w)))
      : null,
    h('section', { class: 'card sign-in' },
      h('h2', {}, '请先登录'),
      h('p', {}, '登录后可填报走访记录、六项任务和督查督导，并查看统计。'),
      h('button', { type: 'button', class: 'primary', onclick: () => void signIn(config) }, '登录')));
}

/**
 * A head's name, asked of the API (and kept on the device for offline use); true when it differs
 * from what the device knew (a new name, or a renamed head). Offline or refused, the header keeps what it has.
 */
async function learnMinisterName(config: WebConfig, id: string): Promise<boolean> {
  const names = ministerNames(localStorage);
  if (!navigator.onLine) return false;
  const known = names.nameOf(id);
  try {
    const answer = await request<{ id: string; name: string }>(config, `/ministers/${encodeURIComponent(id)}`);
    if (answer.status !== 200) return false;
    names.remember([answer.body]);
    return answer.body.name !== known;
  } catch {
    return false;
  }
}
