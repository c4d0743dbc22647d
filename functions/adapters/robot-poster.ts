import type { RobotPoster } from '#functions/ports/robots.ts';

/** A robot that does not answer within this is counted as down for this attempt. */
const TIMEOUT_MS = 5_000;
/** Enough of an answer to tell what went wrong; the log keeps no more. */
const ANSWER_CHARS = 300;

/**
 * Posts to a robot's webhook. Both vendors answer HTTP 200 with `errcode` 0 when they take a
 * message, and HTTP 200 with another `errcode` when they refuse it (a bad signature, the rate limit),
 * so only the pair counts as sent.
 */
export const fetchRobotPoster: RobotPoster = async (url, body) => {
  try {
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, ANSWER_CHARS);
    let errcode: unknown;
    try {
      const parsed: unknown = JSON.parse(text);
      errcode = typeof parsed === 'object' && parsed !== null && 'errcode' in parsed ? parsed.errcode : undefined;
    } catch {
      errcode = undefined;
    }
    return { ok: response.status === 200 && errcode === 0, answer: `${response.status} ${text}`.trim() };
  } catch (error) {
    return { ok: false, answer: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, ANSWER_CHARS) : 'unreachable' };
  }
};
