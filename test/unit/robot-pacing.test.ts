import { describe, expect, it } from 'vitest';
import { budgetBound, minuteBefore, minuteOf } from '#functions/domain/robot-pacing.ts';
import { ROBOT_POSTS_PER_MINUTE } from '#functions/domain/robots.ts';
import type { Delivery, RobotSetting } from '#functions/ports/robots.ts';
import type { RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { deliverToRobots, type RegionLine } from '#functions/use-cases/robots/deliver-to-robots.ts';
import { sweepRobotBacklogs } from '#functions/use-cases/robots/sweep-robot-backlogs.ts';
import { memoryPacing } from './support/robot-pacing.ts';

const MAQIN = '632621';
const GADE = '632623';
const robot = (regionCode: string): RobotSetting => ({ regionCode, type: 'dingtalk', url: 'masked', secretSet: true, updatedAt: '' });

/** A world of robots posting by a clock the test moves: what each robot received, and at which second. */
function world(down: readonly string[] = []) {
  let now = Date.parse('2026-12-07T02:00:00.000Z');
  const posts: { region: string; at: number; text: string }[] = [];
  const logged = new Map<string, Delivery>();
  const pacing = memoryPacing();
  const deps: RobotDeliveryDeps = {
    robots: { all: async () => [robot(MAQIN), robot(GADE)], get: async () => undefined, put: async () => undefined, delete: async () => false },
    secrets: { get: async (region) => ({ url: `https://oapi.dingtalk.com/robot/send?access_token=${region}`, secret: 'SEC' }), put: async () => undefined, delete: async () => undefined },
    deliveries: { put: async (d) => { logged.set(d.id, d); }, page: async () => ({ items: [], nextCursor: null }) },
    post: async (url, body) => {
      const region = new URL(url).searchParams.get('access_token')!;
      posts.push({ region, at: now, text: JSON.stringify(body) });
      return down.includes(region) ? { ok: false, answer: '500' } : { ok: true, answer: '200 {"errcode":0}' };
    },
    clock: { now: () => new Date(now) },
    // The backoff passes on the test's clock.
    sleep: async (ms) => { now += ms; },
    ...pacing,
  };
  return { deps, posts, logged, pacing, at: (iso: string) => { now = Date.parse(iso); } };
}

const line = (regionCode: string, i: number): RegionLine => ({ id: `n-${regionCode}-${i}`, regionCode, title: `记录被退回 №${i}·`, body: '请补充照片' });
/** How often each notice was posted, by its number. */
const timesPosted = (texts: readonly string[], n: number) => Array.from({ length: n }, (_, i) => texts.filter((t) => t.includes(`№${i}·`)).length);

describe("a robot's budget of posts", () => {
  it('keeps this minute and the one before under the limit together, one post kept for the sweep', () => {
    expect(ROBOT_POSTS_PER_MINUTE).toEqual({ dingtalk: 20, wecom: 20 });
    expect(minuteOf(new Date('2026-12-07T02:00:59.999Z'))).toBe('2026-12-07T02:00');
    expect(minuteBefore(new Date('2026-12-07T02:00:00.000Z'))).toBe('2026-12-07T01:59');
    expect(budgetBound(20, 0, false)).toBe(19);
    expect(budgetBound(20, 19, false)).toBe(0);
    expect(budgetBound(20, 19, true)).toBe(1);
  });

  it('turns 45 notices in one minute into at most 20 posts that minute; the rest arrive merged the next minute, each notice once', async () => {
    const { deps, posts, at } = world();
    // 45 stream batches of one decision each, a second or so apart, all within 02:00.
    for (let i = 0; i < 45; i += 1) {
      at(`2026-12-07T02:00:${String(Math.floor(i * 1.3)).padStart(2, '0')}.000Z`);
      await deliverToRobots(deps, '下基层 · 审核消息', [line(MAQIN, i)]);
    }
    const firstMinute = posts.filter((p) => p.at < Date.parse('2026-12-07T02:01:00Z'));
    expect(firstMinute.length).toBeLessThanOrEqual(20);
    expect(firstMinute.length).toBeGreaterThanOrEqual(15);
    // Nothing more goes out until the sweep, whatever comes in the minute after a full one.
    at('2026-12-07T02:01:00.500Z');
    await deliverToRobots(deps, '下基层 · 审核消息', [line(MAQIN, 45)]);
    expect(posts).toHaveLength(firstMinute.length);

    at('2026-12-07T02:01:01.000Z');
    const swept = await sweepRobotBacklogs(deps);
    expect(swept).toMatchObject([{ regionCode: MAQIN, status: 'sent', attempts: 1 }]);
    expect(posts).toHaveLength(firstMinute.length + 1);
    expect(posts.at(-1)!.text).toContain('顺延送达');
    // Every notice reached the robot exactly once; none was posted twice, none lost.
    expect(timesPosted(posts.map((p) => p.text), 46)).toEqual(Array(46).fill(1));
    // Any sixty seconds saw at most 20 posts.
    for (const p of posts) expect(posts.filter((q) => q.at >= p.at && q.at < p.at + 60_000).length).toBeLessThanOrEqual(20);
    // A sweep with nothing waiting posts nothing.
    at('2026-12-07T02:02:01.000Z');
    expect(await sweepRobotBacklogs(deps)).toEqual([]);
  });

  it('counts every attempt: a robot down all day fails its deliveries within its budget, and blocks no other robot', async () => {
    const { deps, posts, logged, at } = world([GADE]);
    for (let i = 0; i < 30; i += 1) {
      at(`2026-12-07T03:00:${String(i).padStart(2, '0')}.000Z`);
      await deliverToRobots(deps, '下基层 · 审核消息', [line(GADE, i), line(MAQIN, i)]);
    }
    at('2026-12-07T03:01:30.000Z');
    await sweepRobotBacklogs(deps);
    const gade = posts.filter((p) => p.region === GADE);
    for (const p of gade) expect(gade.filter((q) => q.at >= p.at && q.at < p.at + 60_000).length).toBeLessThanOrEqual(20);
    const gadeLog = [...logged.values()].filter((d) => d.regionCode === GADE);
    expect(gadeLog.length).toBeGreaterThan(0);
    expect(gadeLog.every((d) => d.status === 'failed')).toBe(true);
    // A retry the budget had no room for says so; its notices wait for the robot's next post.
    expect(gadeLog.some((d) => d.lastAnswer.includes('no post left this minute'))).toBe(true);
    // 玛沁's robot got every notice, once (what the minute could not take, by the sweep).
    expect(timesPosted(posts.filter((p) => p.region === MAQIN).map((p) => p.text), 30).every((n) => n === 1)).toBe(true);
  });
});
