import type { SignOff } from '#schemas/months.ts';
import { SIGN_OFF_MONTHS } from '#schemas/summary.ts';
import { childrenOf } from '#schemas/regions.ts';
import type { MonthStates } from '#functions/ports/months.ts';

/** `YYYY-MM` of a date, and of the `n` months before it. */
function monthsUpTo(date: string, n: number): string[] {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return Array.from({ length: n }, (_, i) => {
    const index = year * 12 + (month - 1) - (n - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * How far a region's recent months are signed off (月度报送), for `GET /summary`: for the month of
 * `date` and the two before, oldest first, the region's own state and how many of its children are
 * approved or confirmed. One BatchGet (the region and its children, each month).
 */
export async function signOffOf(months: MonthStates, region: string, date: string): Promise<SignOff[]> {
  const regions = [region, ...childrenOf(region).map((c) => c.code)];
  const asked = monthsUpTo(date, SIGN_OFF_MONTHS);
  const read = await months.states(asked.flatMap((month) => regions.map((r) => ({ region: r, month }))));
  return asked.map((month, i) => {
    const [own, ...below] = read.slice(i * regions.length, (i + 1) * regions.length);
    return { month, state: own.state, children: { approved: below.filter((m) => m.state === 'approved' || m.state === 'confirmed').length, total: below.length } };
  });
}
