import { createHash } from 'node:crypto';
import type { RobotType } from '#schemas/robots.ts';

/** What a robot is told of one notice. */
export interface RobotLine {
  id: string;
  title: string;
  body: string;
}

/** Three attempts in all, the waits between them growing (a robot answering 500 or its rate limit). */
export const DELIVERY_ATTEMPTS = 3;
export const DELIVERY_BACKOFF_MS = [2_000, 10_000] as const;

/**
 * The longest markdown each vendor takes: WeCom 4,096 bytes of UTF-8; DingTalk more, but a group
 * reads a long digest no better. A merged message stops before the limit and says how many more wait
 * in the app.
 */
const MESSAGE_BYTES: Record<RobotType, number> = { wecom: 4_000, dingtalk: 8_000 };

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** Markdown the vendors would read as formatting, in people's words, shown as typed. */
const plain = (text: string) => text.replace(/[\\`*_[\]#>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();

/**
 * One markdown message of many notices (all that fell due within the minute, or a day's digest): the
 * heading, then a line each, as many as fit the vendor's limit, and the count of the rest. Merging is
 * what keeps a robot under its 20 messages a minute whatever a minute brings.
 */
export function mergedMarkdown(type: RobotType, heading: string, lines: readonly RobotLine[]): string {
  const head = `### ${plain(heading)}\n`;
  const tailFor = (rest: number) => (rest ? `\n另有 ${rest} 条，请在系统“消息”中查看` : '');
  let text = head;
  let shown = 0;
  for (const line of lines) {
    const next = `\n- **${plain(line.title)}** ${plain(line.body)}`;
    if (bytes(text + next + tailFor(lines.length - shown - 1)) > MESSAGE_BYTES[type]) break;
    text += next;
    shown += 1;
  }
  return text + tailFor(lines.length - shown);
}

/** A delivery's id, from its robot and the notices it carries: posting the same batch twice is one delivery. */
export const deliveryId = (regionCode: string, noticeIds: readonly string[]): string =>
  createHash('sha256').update(JSON.stringify([regionCode, ...noticeIds])).digest('base64url').slice(0, 22);
