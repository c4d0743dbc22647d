import type { ChangeAction, FormRecord } from '#schemas/form.ts';
import { type Kind, reportedFacts } from '#schemas/kind.ts';
import { isLocked } from '#schemas/months.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { monthLocked } from '#functions/domain/month-steps.ts';
import type { RecordDeps } from '../deps.ts';

/** Whether a revision moves progress only (the kind's `progress` fields): its reported facts, review included, are as they were. */
export function movesProgressOnly<T extends FormRecord>(kind: Kind<T>, before: T, after: T): boolean {
  return sameContent(reportedFacts(kind, before), reportedFacts(kind, after));
}

/**
 * The monthly close's lock: a write that changes a record's reported facts is refused (409
 * month-locked) while the month it was dated in, or the month a correction moves it to, is signed
 * off in the region of its place. Withdrawals and reviews always change them; a move of progress
 * alone (a rectification, a suggestion's answer) never does, and is reported in the month it happens.
 * One read (a BatchGet of the one or two months), only for writes that change facts. The region's own
 * month is enough: a region's month is never open while its parent's is locked (domain/month-steps.ts).
 */
export async function assertMonthsOpen<T extends FormRecord>(
  deps: Pick<RecordDeps, 'months'>, kind: Kind<T>, next: T, previous: T | undefined, action: ChangeAction,
): Promise<void> {
  if (previous && action !== 'withdraw' && action !== 'review' && movesProgressOnly(kind, previous, next)) return;
  const placeOf = (record: T) => ({ region: kind.regionOf(record), month: kind.dateOf(record).slice(0, 7) });
  const places = [placeOf(next), ...(previous ? [placeOf(previous)] : [])]
    .filter((place, i, all) => all.findIndex((p) => p.region === place.region && p.month === place.month) === i);
  const locked = (await deps.months.states(places)).find((month) => isLocked(month.state));
  if (locked) throw monthLocked(locked);
}
