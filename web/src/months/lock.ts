import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { isLocked, lockSentence, type MonthState } from '#schemas/month-words.ts';
import { findRegion } from '#schemas/regions.ts';

/**
 * Whether a record's month is locked where it counts (月度报送: from 报送 on, a region's records of
 * the month are refused), so the forms page says so before the form is filled and sends nothing
 * into it. The API decides: a month the page could not ask about is not held locked, and what the
 * API refuses later waits in the outbox like any refusal. No DOM here.
 */

/** The API's type for a write into a locked month (409). */
export const MONTH_LOCKED = '/problems/month-locked';

export interface MonthPlace {
  month: string;
  region: string;
}

export interface MonthLock extends MonthPlace {
  state: MonthState;
  /** The glossary's sentence, naming the month and who may reopen it. */
  text: string;
}

/**
 * The month and region a record as typed so far counts in, by its kind's own `dateOf` and
 * `regionOf`; a registered branch (sent as `{ id }`) by the county of the list it was picked from.
 * Undefined until both are chosen.
 */
export function monthPlaceOf(kind: Kind, body: Record<string, unknown>, countyOfBranch: (id: string) => string | undefined): MonthPlace | undefined {
  const withCounties = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, kind.branchFields.includes(key) ? placed(value, countyOfBranch) : value]));
  // Read as a record, though it may lack what the kind reads: what is missing throws or gives nothing.
  const draft = withCounties as Partial<FormRecord> as FormRecord;
  let date: unknown;
  let region: unknown;
  try {
    date = kind.dateOf(draft);
    region = kind.regionOf(draft);
  } catch {
    // A form not filled that far (no branch yet): no month to speak of.
    return undefined;
  }
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof region !== 'string' || !findRegion(region)) return undefined;
  return { month: date.slice(0, 7), region };
}

/** A branch (or each of a list) given as `{ id }`, with the county it lies in. */
function placed(value: unknown, countyOfBranch: (id: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => placed(v, countyOfBranch));
  if (!value || typeof value !== 'object') return value;
  const branch = value as { id?: unknown; countyCode?: unknown };
  if (typeof branch.id !== 'string' || typeof branch.countyCode === 'string') return value;
  const county = countyOfBranch(branch.id);
  return county ? { ...branch, countyCode: county } : value;
}

/** 城东区2026年11月（已报送）：本月已报送，如需修改请联系西宁市工作人员重新打开。, as the API's refusal words it. */
export const lockText = (place: MonthPlace, state: MonthState): string => `${lockSentence(place.region, place.month, state)}。`;

/** How long an answer is trusted: a month reopened meanwhile is seen within this. */
const FRESH_MS = 2 * 60_000;

/**
 * Asks the API about a month once per place (again after a while), sharing a question already
 * under way. `get` answers the status and body of `GET /months/{YYYY-MM}/{region}`, or throws
 * when there is no answer.
 */
export function monthLocks(get: (path: string) => Promise<{ status: number; body: unknown }>, now: () => number = Date.now) {
  const asked = new Map<string, { at: number; answer: Promise<MonthLock | undefined> }>();
  return {
    check(place: MonthPlace): Promise<MonthLock | undefined> {
      const key = `${place.month}/${place.region}`;
      const kept = asked.get(key);
      if (kept && now() - kept.at < FRESH_MS) return kept.answer;
      const answer = get(`/months/${key}`).then(({ status, body }) => {
        const state = status === 200 ? (body as { state?: MonthState }).state : undefined;
        return state && isLocked(state) ? { ...place, state, text: lockText(place, state) } : undefined;
      }, () => {
        asked.delete(key);
        return undefined;
      });
      asked.set(key, { at: now(), answer });
      return answer;
    },
  };
}
