import { MONTH_STATES, monthName, type SignOff, signOffText } from '../months/model.ts';
import type { Summary } from './figures.ts';

/**
 * 月度报送: per month, how far the region's month is signed off (its state, and how many of its
 * children are approved), so a figure of a month not yet 已确认 is read as still open to change.
 * Nothing when the summary carries none (an API before the monthly close).
 */
export function SignOffCard({ summary }: { summary: Summary & { signOff?: SignOff[] } }) {
  const months = summary.signOff ?? [];
  if (months.length === 0) return null;
  return (
    <section class="card sign-off" aria-labelledby="sign-off-title">
      <h2 id="sign-off-title">月度报送</h2>
      <ul class="sign-off-list">
        {months.map((entry) => (
          <li key={entry.month} data-month={entry.month} data-state={entry.state}>
            <span class="month">{monthName(entry.month)}</span>
            <span class={`state ${entry.state}`} title={MONTH_STATES[entry.state]}>{signOffText(entry, summary.region.code)}</span>
          </li>
        ))}
      </ul>
      <p class="hint">数据在该月“已确认”后定稿；此前仍可能随记录修改而变化。</p>
    </section>
  );
}
