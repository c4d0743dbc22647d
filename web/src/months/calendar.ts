/** The months the pages offer and name (月度报送): Beijing dates as `YYYY-MM-DD`, months as `YYYY-MM`. No DOM here. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (text: string) => MONTH.test(text);

/** The month before the one a date falls in: the month a region closes now. */
export function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The months a picker offers, newest first: `count` months back from the one `today` falls in. */
export function recentMonths(today: string, count: number): string[] {
  const months: string[] = [];
  let month = today.slice(0, 7);
  for (let i = 0; i < count; i++) {
    months.push(month);
    month = previousMonth(`${month}-01`);
  }
  return months;
}

/** The first and last day of a month (the review queue's `from` and `to`). */
export function daysOf(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** 2026年11月. */
export const monthName = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
