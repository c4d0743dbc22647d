import type { ChangeAction, FormRecord } from '#schemas/form.ts';
import { type Intent, type Kind, reportedFacts } from '#schemas/kind.ts';
import { isLocked } from '#schemas/month-words.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { monthLocked } from '#functions/domain/month-steps.ts';
import type { RecordDeps } from '../deps.ts';

/** Whether a revision moves progress only (the kind's `progress` fields): its reported facts, review included, are as they were. */
export function movesProgressOnly<T extends FormRecord>(kind: Kind<T>, before: T, after: T): boolean {
  return sameContent(reportedFacts(kind, before), reportedFacts(kind, after));
}

/**
 * The monthly close's lock, as conditions of the write's own transaction: a write that changes a
 * record's reported facts holds only while the month it was dated in, and the month a correction moves
 * it to, are not signed off in the region of its place. No read on the way (a month signed off a moment
 * before the write lands still refuses it); the month is read only to say why, when refused.
 * Withdrawals and reviews always change facts; a move of progress alone (a rectification, a
 * suggestion's answer) never does, and is reported in the month it happens. The region's own month
 * is enough: a region's month is never open while its parent's is locked (domain/month-steps.ts).
 */
export function monthIntents<T extends FormRecord>(
  deps: Pick<RecordDeps, 'months'>, kind: Kind<T>, next: T, previous: T | undefined, action: ChangeAction,
): Intent[] {
  if (previous && action !== 'withdraw' && action !== 'review' && movesProgressOnly(kind, previous, next)) return [];
  const placeOf = (record: T) => ({ region: kind.regionOf(record), month: kind.dateOf(record).slice(0, 7) });
  const places = [placeOf(next), ...(previous ? [placeOf(previous)] : [])]
    .filter((place, i, all) => all.findIndex((p) => p.region === place.region && p.month === place.month) === i);
  return places.map((place) => ({
    type: 'open',
    ...place,
    async onLocked() {
      const [month] = await deps.months.states([place]);
      // Reopened since the write failed: plan and write again.
      return isLocked(month.state) ? monthLocked(month) : 'retry';
    },
  }));
}
