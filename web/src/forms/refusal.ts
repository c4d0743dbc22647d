import type { Problem } from '../api.ts';
import type { FieldError } from './validate.ts';
import { MONTH_LOCKED } from '../months/lock.ts';

/**
 * What the page says about a submission the API refused (any 4xx but 429): the reason, the
 * fields it names (to show beside them), and, when the person cannot put it right themself, who
 * can. No DOM here.
 */
export interface Refusal {
  /** One sentence: why it was refused. */
  reason: string;
  /** Errors on the form's fields (the API's paths), or one on the form as a whole (path ''). */
  fieldErrors: FieldError[];
  /** What to do when correcting the form cannot help; undefined when it can. */
  help?: string;
  /** Whether correcting the form and sending it again can succeed. */
  fixable: boolean;
}

/** Who to turn to about a head's record or an account: their county's organization department. */
export const CONTACT = '请联系本县（市、区）组织部门工作人员';

/** Fields the person cannot change themself: a head (or their staff) reports for their own head only. */
const beyondReach = (path: string, ownMinister: boolean) => ownMinister && path === 'ministerId';

export function refusalOf(status: number | undefined, problem: Problem | undefined, options: { ownMinister: boolean }): Refusal {
  const errors = (problem?.errors ?? []).map((e) => ({ path: e.path, message: e.message }));
  const said = problem?.detail ?? problem?.title;
  if (status === 403) {
    return {
      reason: said && said !== 'Forbidden' ? said : '您的账号无权提交这条记录',
      fieldErrors: errors.length > 0 ? errors : [{ path: '', message: said ?? '无权提交' }],
      help: `账号的身份或地区可能有误：${CONTACT}核对您的账号。`,
      fixable: false,
    };
  }
  if (status === 409 && problem?.type === MONTH_LOCKED) {
    // The month was closed (月度报送) after the form was filled: kept here until it is reopened, or the date corrected.
    return {
      reason: said ?? '该月已报送，记录已锁定',
      fieldErrors: [{ path: '', message: said ?? '该月已报送，记录已锁定' }],
      help: '内容仍保存在本机：该月重新打开后可重新提交，日期填错的可修改后重新提交。',
      fixable: true,
    };
  }
  if (status === 409) {
    return {
      reason: said ?? '这条记录与已入库的同一编号记录内容不同',
      fieldErrors: errors.length > 0 ? errors : [{ path: '', message: said ?? '与已入库的记录冲突' }],
      help: `同一条记录已以不同内容入库。可删除本条、重新填写一条；如有疑问，${CONTACT}。`,
      fixable: false,
    };
  }
  if (errors.length === 0) {
    return { reason: said ?? `提交被拒绝（${status ?? '未知'}）`, fieldErrors: [{ path: '', message: said ?? '提交被拒绝' }], help: `如无法自行解决，${CONTACT}。`, fixable: false };
  }
  const stuck = errors.filter((e) => beyondReach(e.path, options.ownMinister));
  return {
    reason: errors.map((e) => e.message).join('；'),
    fieldErrors: errors,
    help: stuck.length > 0 ? `部长信息需由组织部门核对，本人无法修改：${CONTACT}核对部长名册和您的账号。` : undefined,
    fixable: stuck.length < errors.length,
  };
}
