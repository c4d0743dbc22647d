import './styles.css';
import './desk/desk.css';
import { render } from 'preact';
import { roleMay } from '#schemas/access.ts';
import { ApiError } from './api.ts';
import type { Minister } from './forms/controls.ts';
import { Desk } from './desk/app.tsx';
import { getAll, setConfig } from './desk/data.ts';
import { ministers, person } from './desk/state.ts';
import { Trouble } from './desk/views/common.tsx';
import { startPage } from './shell.ts';

/**
 * The staff desk (工作台): review, the suspected duplicates, the problem and suggestion ledgers,
 * corrections, withdrawals, change trails and exports. Staff and admins see their region; a head
 * (or their staff) sees the same views over their own records; reporters have no desk.
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
