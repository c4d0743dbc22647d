/** Days and nights of the campaign are Beijing time (Asia/Shanghai, UTC+8, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date | number = Date.now()): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-25T01:00:04Z` → `2026-11-25 09:00`: an instant on the Beijing wall clock (unparseable text as it is). */
export function beijingDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The first date the campaign's records may carry. */
export const EARLIEST_DATE = '2016-01-01';

/** The calendar date `days` after (or before, if negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a Beijing day ends (its next midnight, +08:00), as ISO UTC. */
export function endOfBeijingDay(date: string): string {
  return new Date(Date.parse(`${addDays(date, 1)}T00:00:00+08:00`)).toISOString();
}
