import { type ComponentChild, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { roleMay, ROLES } from '#schemas/access.ts';
import { request } from '../api.ts';
import { completeSignIn, finishSignOut, type Person, signedIn, signIn, signInWasAsked, signOut } from '../auth.ts';
import { loadConfig, type WebConfig } from '../config.ts';
import { headerName, ministerNames } from '../minister-names.ts';
import { unsentOf } from '../outbox-unsent.ts';
import { keepSignOutNotice, signOutWords, takeSignOutNotice } from '../sign-out-notice.ts';

/**
 * The part of every page's header that knows who is signed in, and what a page shows before it has
 * anyone: the sign-in, the words a sign-out left, a page that cannot start. The rest of the header
 * (the site's name, the pages' navigation) is written into each page's HTML by the build.
 */

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

/** The person as the header names them: 王建国（填报人）, with the head's name as this device last learnt it. */
const whoText = (person: Person): string => `${headerName(person, ministerNames(localStorage))}（${person.role ? ROLES[person.role] : '未授权'}）`;

/** The person signed in, and the way out; a head's name is asked of the API once, and shown when it is new. */
export function Who({ config, person, onLeave }: { config: WebConfig; person: Person; onLeave: () => void }) {
  const [name, setName] = useState(() => whoText(person));
  // 消息 is its own chunk, loaded once the page has started: no page's first view carries it.
  const [inbox, setInbox] = useState<{ Inbox: typeof import('./inbox.tsx').Inbox }>();
  useEffect(() => {
    if (person.role && roleMay(person.role, 'notices.read')) import('./inbox.tsx').then(setInbox, () => undefined);
    if (person.ministerId) void learnMinisterName(config, person.ministerId).then((learnt) => { if (learnt) setName(whoText(person)); });
  }, []);
  return (
    <>
      {inbox && <inbox.Inbox call={(path, body) => request(config, path, body === undefined ? { as: person.sub } : { method: 'POST', body, as: person.sub })} />}
      <span id="who-name">{name}</span>
      <button type="button" class="link" onClick={onLeave}>退出</button>
    </>
  );
}

/** Nobody signed in: the sign-in button, under what the last sign-out left to say. */
export function SignedOut({ words, onSignIn }: { words: readonly string[]; onSignIn: () => void }) {
  return (
    <>
      {words.length > 0 && (
        <section class="notice" id="signed-out" role="status">
          <strong>已退出登录。</strong>
          {words.map((w) => <p key={w}>{w}</p>)}
        </section>
      )}
      <section class="card sign-in">
        <h2>请先登录</h2>
        <p>登录后可填报走访记录、六项任务和督查督导，并查看统计。</p>
        <button type="button" class="primary" onClick={onSignIn}>登录</button>
      </section>
    </>
  );
}

/**
 * Puts `content` in place of whatever the page had in `main`: a tree Preact drew there is unmounted
 * (its effects let go), and DOM built by hand is removed.
 */
function replaceMain(main: HTMLElement, content: ComponentChild): void {
  render(null, main);
  main.replaceChildren();
  render(content, main);
}

/**
 * Starts a page: the header with the person and sign-out, the sign-in button when nobody is
 * signed in, and the service worker that keeps the pages on the device.
 */
export async function startPage(renderPage: (page: Page) => void | Promise<void>): Promise<void> {
  const main = document.querySelector('main')!;
  const who = document.getElementById('who')!;
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => undefined);
  let config: WebConfig;
  try {
    config = await loadConfig();
    // Back from signing in for another page: the browser is on its way there.
    if ((await completeSignIn(config)) === 'leaving') return;
  } catch (error) {
    replaceMain(main, <p class="notice error" role="alert">页面无法启动：{error instanceof Error ? error.message : String(error)}</p>);
    return;
  }
  const person = signedIn();
  const showSignedOut = () => {
    const notice = takeSignOutNotice();
    render(null, who);
    replaceMain(main, <SignedOut words={notice ? signOutWords(notice) : []} onSignIn={() => void signIn(config)} />);
  };
  if (!person) {
    // A logout left from an offline sign-out goes first; a sign-in asked for before it, after.
    if (finishSignOut(config)) return;
    if (signInWasAsked()) return void signIn(config);
    return showSignedOut();
  }
  const leave = () => {
    const unsent = unsentOf(localStorage, person.sub);
    keepSignOutNotice({ who: whoText(person), ...unsent, offline: !navigator.onLine });
    // Offline: signed out here and now, the page says so instead of a browser's error page.
    if (signOut(config) === 'here') showSignedOut();
  };
  render(<Who config={config} person={person} onLeave={leave} />, who);
  await renderPage({ config, person, main });
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
