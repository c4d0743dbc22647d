import './styles.css';
import './desk/desk.css';
import { render } from 'preact';
import { roleMay } from '#schemas/access.ts';
import { ApiError } from './api.ts';
import type { Minister } from './fields/context.ts';
import { Desk } from './desk/app.tsx';
import { getAll, setConfig } from './desk/data.ts';
import { parseRoute } from './desk/route.ts';
import { ministers, navigate, person } from './desk/state.ts';
import { Trouble } from './desk/views/common.tsx';
import { hasUnsentCorrection } from './outbox-unsent.ts';
import { startPage } from './shell.ts';

/**
 * The staff desk (工作台): review, the suspected duplicates, the problem and suggestion ledgers,
 * corrections, withdrawals, change trails and exports; 总结讲评 and each head's 述职, the research-report
 * collection and the ministers roster. Staff and admins see their region; a head (or their staff)
 * lands on their own records (我的填报) and sees the same views over them, with their own 述职;
 * reporters have no desk.
 */
void startPage(async ({ config, person: who, main }) => {
  main.replaceChildren();
  main.classList.add('desk-main');
  if (!who.role || !roleMay(who.role, 'records.read')) {
    render(<NoDesk />, main);
    return;
  }
  setConfig(config);
  person.value = who;
  // A submitter's first view is their own records (我的填报): the address says so, so a record opened there has its list beside it.
  if (!roleMay(who.role, 'records.review') && parseRoute(location.hash).view === 'home') navigate({ view: 'mine', filters: {} }, true);
  try {
    ministers.value = await getAll<Minister>('/ministers', new URLSearchParams({ limit: '500' }));
  } catch (error) {
    // Heads' names are a nicety; a refusal other than the network's is worth saying.
    if (!(error instanceof ApiError)) {
      render(<Trouble error={error} retry={() => location.reload()} />, main);
      return;
    }
  }
  render(<Desk />, main);
  // Corrections kept on this device from before: sent now (the sender is loaded only when there are some).
  if (hasUnsentCorrection(localStorage, who.sub)) void import('./desk/views/on-demand.tsx').then((m) => m.startCorrections(config, who.sub), () => undefined);
});

/** Reporters read figures only: no desk, and where to go instead. */
function NoDesk() {
  return (
    <section class="card">
      <h2>此账号没有工作台</h2>
      <p>工作台用于审核记录和跟踪问题整改、意见建议办理，供组织部门工作人员、管理员和填报人使用。您的账号（报表用户）可以查看统计。</p>
      <p><a class="button" href="dashboard.html">查看统计</a></p>
    </section>
  );
}
