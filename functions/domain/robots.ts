import { createHmac } from 'node:crypto';
import type { FieldIssue } from '#schemas/errors.ts';
import type { RuleKey } from '#schemas/messages.ts';
import type { RobotType } from '#schemas/robots.ts';

/**
 * Where each vendor's robot listens and which query parameter carries its credential: DingTalk's
 * custom robot (`access_token`, plus a signature) and WeCom's group robot (`key`). A URL elsewhere is
 * refused, so an admin's typo cannot send a region's notices to an unknown server.
 */
export const ROBOT_ENDPOINTS = {
  dingtalk: { origin: 'https://oapi.dingtalk.com', path: '/robot/send', token: 'access_token' },
  wecom: { origin: 'https://qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', token: 'key' },
} as const satisfies Record<RobotType, { origin: string; path: string; token: string }>;

/**
 * Posts a minute each vendor's robot takes; past them it refuses (DingTalk for ten minutes).
 * DingTalk: 自定义机器人 "每个机器人每分钟最多发送20条消息到群里" (open.dingtalk.com, 自定义机器人发送群消息 · 频率限制);
 * WeCom: 群机器人 "每个机器人发送的消息不能超过20条/分钟" (developer.work.weixin.qq.com/document/path/91770).
 */
export const ROBOT_POSTS_PER_MINUTE = { dingtalk: 20, wecom: 20 } as const satisfies Record<RobotType, number>;

const issue = (key: RuleKey): FieldIssue[] => [{ path: 'url', issue: { code: 'custom', params: { key } } }];

/**
 * What is wrong with a robot's URL, field by field (empty: nothing). `receiverOrigin` is the local
 * robot receiver's origin (plain http on this machine), accepted in its vendor's place under `npm start`.
 */
export function robotUrlIssues(type: RobotType, url: string, receiverOrigin?: string): FieldIssue[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return issue('robot.urlInvalid');
  }
  const endpoint = ROBOT_ENDPOINTS[type];
  const local = receiverOrigin !== undefined && parsed.origin === receiverOrigin;
  if (!local && parsed.protocol !== 'https:') return issue('robot.notHttps');
  if ((!local && parsed.origin !== endpoint.origin) || parsed.pathname !== endpoint.path || parsed.username || parsed.password) return issue('robot.wrongHost');
  if (!parsed.searchParams.get(endpoint.token)) return issue('robot.tokenMissing');
  return [];
}

/** The URL with its token shown by its first four characters only: enough to tell two robots apart. */
export function maskRobotUrl(type: RobotType, url: string): string {
  const parsed = new URL(url);
  const { token } = ROBOT_ENDPOINTS[type];
  const value = parsed.searchParams.get(token) ?? '';
  parsed.searchParams.set(token, `${value.slice(0, 4)}****`);
  return parsed.toString();
}

/** DingTalk's signature (加签): base64 of HMAC-SHA256, keyed by the secret, over `timestamp + "\n" + secret`. */
export const dingTalkSignature = (secret: string, timestampMs: number): string =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');

/** The URL to post to now: DingTalk's with `timestamp` and `sign` added (URLSearchParams encodes them), WeCom's as stored. */
export function robotPostUrl(type: RobotType, url: string, secret: string | undefined, nowMs: number): string {
  if (type !== 'dingtalk' || secret === undefined) return url;
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(nowMs));
  signed.searchParams.set('sign', dingTalkSignature(secret, nowMs));
  return signed.toString();
}

/** A markdown message in each vendor's body: DingTalk's has a title (shown in the chat list), WeCom's content alone. */
export function robotMessageBody(type: RobotType, title: string, markdown: string): unknown {
  return type === 'dingtalk'
    ? { msgtype: 'markdown', markdown: { title, text: markdown } }
    : { msgtype: 'markdown', markdown: { content: markdown } };
}
