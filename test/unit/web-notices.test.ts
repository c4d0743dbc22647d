import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { noticeHref } from '#web/src/notices/link.ts';
import { type PollEnvironment, POLL_EVERY_MS, pollUnread } from '#web/src/notices/poll.ts';
import { parseRoute } from '#web/src/desk/route.ts';
import { toDoOf } from '#web/src/desk/to-do.ts';
import { inboxLabel } from '#web/src/ui/inbox.tsx';

/** A page's surroundings the test moves by hand: the connection, the tab's visibility, the clock's ticks. */
function fakeEnvironment() {
  const state = { online: true, visible: true };
  const wakes: (() => void)[] = [];
  const ticks: (() => void)[] = [];
  const env: PollEnvironment = {
    online: () => state.online,
    visible: () => state.visible,
    onWake: (listener) => { wakes.push(listener); return () => wakes.splice(wakes.indexOf(listener), 1); },
    every: (ms, tick) => { expect(ms).toBe(POLL_EVERY_MS); ticks.push(tick); return () => ticks.splice(ticks.indexOf(tick), 1); },
  };
  return { state, env, wake: () => wakes.forEach((w) => w()), tick: () => ticks.forEach((t) => t()), listeners: () => wakes.length + ticks.length };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the unread count in the header', () => {
  it('is asked at the start, when the page is seen again and every few minutes, never offline nor hidden nor twice at once', async () => {
    const page = fakeEnvironment();
    let answers = 0;
    const ask = vi.fn(async () => ++answers);
    const counts: number[] = [];
    const polling = pollUnread(ask, (n) => counts.push(n), page.env);
    await settle();
    expect(counts).toEqual([1]);

    page.state.online = false;
    page.tick();
    page.wake();
    await settle();
    expect(ask).toHaveBeenCalledTimes(1);

    page.state.online = true;
    page.state.visible = false;
    page.tick();
    await settle();
    expect(ask).toHaveBeenCalledTimes(1);

    page.state.visible = true;
    page.wake();
    page.tick(); // while the first is still out: not asked again
    await settle();
    expect(ask).toHaveBeenCalledTimes(2);
    expect(counts).toEqual([1, 2]);

    polling.stop();
    expect(page.listeners()).toBe(0);
  });

  it('keeps the last count when asking fails (offline mid-request, a 5xx)', async () => {
    const page = fakeEnvironment();
    const ask = vi.fn<() => Promise<number>>().mockResolvedValueOnce(3).mockRejectedValueOnce(new Error('unreachable'));
    const counts: number[] = [];
    pollUnread(ask, (n) => counts.push(n), page.env);
    await settle();
    page.tick();
    await settle();
    expect(counts).toEqual([3]);
  });

  it('says the count to screen readers, and nothing of it at 0', () => {
    expect(inboxLabel(3)).toBe('消息，3 条未读');
    expect(inboxLabel(0)).toBe('消息');
    expect(inboxLabel(undefined)).toBe('消息');
  });
});

describe('where a notice opens', () => {
  it("opens a record on the desk's record page, whichever kind, as the desk's address reads it", () => {
    const id = randomUUID();
    for (const [kind, path] of [['visit', 'visits'], ['problem', 'problems'], ['inspection', 'inspections']]) {
      const href = noticeHref({ kind, id });
      expect(href).toBe(`desk.html#/record/${path}/${id}`);
      expect(parseRoute(href.slice(href.indexOf('#')))).toEqual({ view: 'record', kind: path, id, part: 'detail' });
    }
  });

  it('opens a view with its region: the review queue, the head\'s visits, the contact branches; anything unknown the desk\'s first view', () => {
    expect(noticeHref({ view: 'review', region: '630102' })).toBe('desk.html#/queue?region=630102');
    expect(parseRoute('#/queue?region=630102')).toEqual({ view: 'queue', filters: { region: '630102' } });
    expect(noticeHref({ view: 'visits', month: '2026-12' })).toBe('desk.html#/mine?kind=visits');
    expect(noticeHref({ kind: 'branch', id: 'b-1' })).toBe('desk.html#/contacts');
    expect(noticeHref({ view: 'someday' })).toBe('desk.html#/');
    expect(noticeHref({ kind: 'nothing', id: 'x' })).toBe('desk.html#/');
  });
});

describe('待我处理', () => {
  it("lists a head's returned and flagged records, red and yellow problems, suggestions and unread notices, each where it is acted on", () => {
    const items = toDoOf({ returned: 2, flagged: 1, red: 1, yellow: 0, pendingSuggestions: 4, unread: 3 });
    expect(items.map((i) => [i.key, i.count, i.label, i.href])).toEqual([
      ['returned', 2, '记录已退回', '#/mine?review=rejected'],
      ['flagged', 1, '记录有问题', '#/mine?review=has_issues'],
      ['red', 1, '问题红灯 逾期', '#/problems?light=red'],
      ['pendingSuggestions', 4, '意见建议待答复', '#/suggestions?status=pending'],
      ['unread', 3, '未读消息', undefined],
    ]);
  });

  it("lists the staff's records awaiting review, and nothing when nothing waits", () => {
    expect(toDoOf({ awaitingReview: 1700, red: 0, yellow: 5, pendingSuggestions: 0, unread: 0 }).map((i) => [i.key, i.href]))
      .toEqual([['awaitingReview', '#/queue'], ['yellow', '#/problems?light=yellow']]);
    expect(toDoOf({ red: 0, yellow: 0, pendingSuggestions: 0, unread: 0 })).toEqual([]);
  });
});
