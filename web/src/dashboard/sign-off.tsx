import { Fragment } from 'preact';
import { monthName } from '../months/calendar.ts';
import { signOffText } from '../months/names.ts';
import type { Summary } from './figures.ts';

/**
 * 月度报送: per month, how far the region's month is signed off (its state, and how many of its
 * children are approved), so a figure of a month not yet 已确认 is read as still open to change.
 * Nothing when the summary carries none.
 */
export function SignOffCard({ summary }: { summary: Summary }) {
  // An answer cached by an older page (before the monthly close) has none.
  const months = summary.signOff ?? [];
  if (months.length === 0) return null;
  return (
    <section class="card" aria-labelledby="sign-off-title">
      <h2 id="sign-off-title">月度报送</h2>
      <dl class="targets">
        {months.map((entry) => (
          <Fragment key={entry.month}>
            <dt>{monthName(entry.month)}</dt>
            <dd data-month={entry.month} data-state={entry.state}>{signOffText(entry, summary.region.code)}</dd>
          </Fragment>
        ))}
      </dl>
      <p class="hint">数据在该月“已确认”后定稿；此前仍可能随记录修改而变化。</p>
    </section>
  );
}
