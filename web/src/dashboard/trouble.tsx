import { useEffect } from 'preact/hooks';
import { ApiError, SignInRequired, Unreachable } from '../api.ts';
import { signIn } from '../auth.ts';
import type { WebConfig } from '../config.ts';
import { announce } from '../shell.ts';

/** What the page says when figures cannot be shown, and what the person can do about it. */

/** 403 for a submitter: figures are for the organization departments' staff. */
export const isRefusal = (error: unknown): boolean => error instanceof ApiError && error.problem.status === 403;

export function SubmitterNotice() {
  return (
    <section class="card">
      <h2>统计仅供组织部门工作人员查看</h2>
      <p>您以填报人身份登录，可以填报和查看本人的走访记录及六项任务，不能查看汇总统计。</p>
      <p>如需查看统计，请使用组织部门工作人员账号登录。</p>
      <p><a class="button" href="./">去填报</a></p>
    </section>
  );
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

/** A failed load, said aloud once shown, with a retry or sign-in button where that helps. */
export function TroubleNotice({ error, config, retry, date }: { error: unknown; config: WebConfig; retry: () => void; date?: string }) {
  const text = troubleText(error, date);
  const missing = error instanceof ApiError && error.problem.status === 404;
  useEffect(() => announce(text), [text]);
  const action = error instanceof SignInRequired
    ? <button type="button" class="primary" onClick={() => void signIn(config)}>重新登录</button>
    : error instanceof ApiError && error.problem.status < 500 ? null : <button type="button" onClick={retry}>重试</button>;
  return (
    <div class={missing ? 'notice' : 'notice error'} role={missing ? 'status' : 'alert'}>
      <p>{text}</p>
      {action && <p class="actions">{action}</p>}
    </div>
  );
}

