import { ApiError, SignInRequired, Unreachable } from '../api.ts';
import { signIn } from '../auth.ts';
import type { WebConfig } from '../config.ts';
import { h } from '../dom.ts';

/** What the page says when figures cannot be shown, and what the person can do about it. */

/** 403 for a submitter: figures are for the organization departments' staff. */
export const isRefusal = (error: unknown): boolean => error instanceof ApiError && error.problem.status === 403;

export function submitterNotice(): HTMLElement {
  return h('section', { class: 'card' },
    h('h2', {}, '统计仅供组织部门工作人员查看'),
    h('p', {}, '您以填报人身份登录，可以填报和查看本人的走访记录及六项任务，不能查看汇总统计。'),
    h('p', {}, '如需查看统计，请使用组织部门工作人员账号登录。'),
    h('p', {}, h('a', { class: 'button', href: './' }, '去填报')));
}

/** What went wrong, in a sentence. */
export function troubleText(error: unknown, date?: string): string {
  if (error instanceof ApiError && error.problem.status === 404) {
    return date ? `该日尚无统计快照（${date}）。可选择其他日期，或点“最新”查看最新统计。` : '尚无统计快照：每晚汇总后即可查看。';
  }
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Unreachable) return '网络不可用，请稍后重试。';
  if (error instanceof SignInRequired) return '登录已失效，请重新登录后查看统计。';
  return `统计无法显示：${error instanceof Error ? error.message : String(error)}`;
}

/** The notice for a failed load, with a retry or sign-in button where that helps; `text` is for announce(). */
export function troubleNotice(error: unknown, config: WebConfig, retry: () => void, date?: string): { element: HTMLElement; text: string } {
  const text = troubleText(error, date);
  const missing = error instanceof ApiError && error.problem.status === 404;
  const action = error instanceof SignInRequired
    ? h('button', { type: 'button', class: 'primary', onclick: () => void signIn(config) }, '重新登录')
    : error instanceof ApiError && error.problem.status < 500 ? undefined : h('button', { type: 'button', onclick: retry }, '重试');
  const element = h('div', { class: missing ? 'notice' : 'notice error', role: missing ? 'status' : 'alert' },
    h('p', {}, text), action && h('p', { class: 'actions' }, action));
  return { element, text };
}
