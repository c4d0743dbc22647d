import { findRegion, parentOf, PROVINCE_CODE, type Region, regionContains } from '#schemas/regions.ts';
import { addDays, EARLIEST_DATE } from '#schemas/time.ts';

/**
 * Where the dashboard is: a region within the person's reach and a snapshot day (none: the newest),
 * as the page's address has it (`?region=630100&date=2026-11-24`). No DOM here.
 */
export interface Place {
  region: string;
  /** YYYY-MM-DD; undefined: the newest snapshot. */
  date?: string;
}

/** The highest region a person may read: admins the province, everyone else their own region. */
export function topRegion(person: { role?: string; region: string }): string {
  if (person.role === 'admin') return PROVINCE_CODE;
  return findRegion(person.region)?.code ?? person.region;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day between the campaign's first day and today (Beijing), else undefined. */
export function validDate(text: string | null | undefined, today: string): string | undefined {
  if (!text || !DATE.test(text) || text < EARLIEST_DATE || text > today) return undefined;
  return addDays(text, 0) === text ? text : undefined;
}

/** The place an address asks for, kept within reach: an unknown or foreign region falls back to the top. */
export function readPlace(search: string, top: string, today: string): Place {
  const params = new URLSearchParams(search);
  const asked = findRegion(params.get('region') ?? '')?.code;
  const region = asked && findRegion(top) && regionContains(top, asked) ? asked : top;
  const date = validDate(params.get('date'), today);
  return date ? { region, date } : { region };
}

/** The address's query for a place: `?region=…` and `&date=…` when a day is chosen. */
export function placeQuery(place: Place): string {
  const params = new URLSearchParams({ region: place.region });
  if (place.date) params.set('date', place.date);
  return `?${params}`;
}

export const samePlace = (a: Place, b: Place): boolean => a.region === b.region && a.date === b.date;

/** The breadcrumb: from the person's top region down to this one (just this one if it is the top). */
export function trail(top: string, code: string): Region[] {
  const regions: Region[] = [];
  for (let region = findRegion(code); region; region = region.code === top ? undefined : parentOf(region.code)) {
    regions.unshift(region);
  }
  return regions[0]?.code === top ? regions : regions.slice(-1);
}

/** The history chart's days: the 30 days ending on the snapshot's. */
export const historyRange = (asOf: string): { from: string; to: string } => ({ from: addDays(asOf, -29), to: asOf });
