import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { RobotLine } from '#functions/domain/robot-deliveries.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLE_DEFINITION;

/**
 * A robot's posts in one minute: `robot-budget#<regionCode>` / `<YYYY-MM-DDTHH:MM>`, item kind
 * `robot-budget`, its `posts` counted up by a conditional update. Read back only a minute later, so
 * it expires after a day (TTL).
 */
const BUDGET_TTL_SECONDS = 86_400;
export const POSTS_ATTRIBUTE = 'posts';
export const budgetKey = (regionCode: string, minute: string) => ({ [PK]: `robot-budget#${regionCode}`, [SK]: minute });
/** The attributes a minute's first post sets besides its count. */
export const budgetFirstSet = (minute: string) => ({ kind: 'robot-budget', [TTL]: Math.floor(Date.parse(`${minute}:00Z`) / 1000) + BUDGET_TTL_SECONDS });

const storedBudgetSchema = z.object({ [POSTS_ATTRIBUTE]: z.number() });
export const readBudgetPosts = (raw: RawItem): number => parseItem('robot-budget', storedBudgetSchema, raw)[POSTS_ATTRIBUTE];

/**
 * A notice waiting for its robot's budget: `robot-backlog#<regionCode>` / `<noticeId>`, item kind
 * `robot-backlog` — keyed by the notice, so the same notice waits once however often it is put. The
 * poster that deletes it (conditionally) posts it. Kept no longer than its notice (180 days, TTL).
 */
const BACKLOG_TTL_DAYS = 180;
export const backlogPartition = (regionCode: string) => `robot-backlog#${regionCode}`;
export const backlogKey = (regionCode: string, noticeId: string) => ({ [PK]: backlogPartition(regionCode), [SK]: noticeId });

export const backlogItem = (regionCode: string, line: RobotLine, since: string): RawItem => ({
  ...backlogKey(regionCode, line.id), kind: 'robot-backlog', title: line.title, body: line.body, since,
  [TTL]: Math.floor(Date.parse(since) / 1000) + BACKLOG_TTL_DAYS * 86_400,
});

const storedBacklogSchema = z.object({ [SK]: z.string(), title: z.string(), body: z.string(), since: z.string() });

export function readBacklogLine(raw: RawItem): RobotLine & { since: string } {
  const item = parseItem('robot-backlog', storedBacklogSchema, raw);
  return { id: item[SK], title: item.title, body: item.body, since: item.since };
}
