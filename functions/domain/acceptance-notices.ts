import { type Acceptance, acceptingRegionOf } from '#schemas/acceptance.ts';
import type { FormRecord } from '#schemas/form.ts';
import { type Kind, titleOf } from '#schemas/kind.ts';
import { PROBLEM } from '#schemas/kinds/names.ts';
import type { DecidedChange } from './decision-notices.ts';
import type { NewNotice } from './notices.ts';

const acceptanceOf = (record: FormRecord | null): Acceptance | undefined =>
  (record && 'acceptance' in record && typeof record.acceptance === 'object' && record.acceptance !== null ? (record.acceptance as Acceptance) : undefined);

/**
 * The 验收 notices a change of a problem makes, read from the change alone, each once per version
 * (the same change seen again makes nothing new; a problem returned and rectified again is told again):
 * - it became rectified (reported so, or corrected into it): `problem.acceptance_waiting`, to the
 *   staff of the region that accepts it (the level above its county);
 * - it was returned by 验收 (rectified → 整改中, acceptance `returned`): `problem.acceptance_returned`,
 *   to its head (and so the head's staff), with the reason.
 * A withdrawn problem waits for no one.
 */
export function acceptanceNotices(kind: Pick<Kind, 'name' | 'form' | 'presentation' | 'regionOf'>, change: DecidedChange, createdAt: string): NewNotice[] {
  const { before, after } = change;
  if (kind.name !== PROBLEM || after.status === 'withdrawn') return [];
  const subject = { kind: kind.name, id: after.id };
  const period = `v${change.version}`;
  const title = (what: string) => titleOf(what, kind.form.label.zh, kind.presentation.title(after));
  if (after.status === 'rectified' && before?.status !== 'rectified') {
    return [{
      to: { region: acceptingRegionOf(kind.regionOf(after)) }, rule: 'problem.acceptance_waiting', subject, period, title: title('整改待验收'),
      body: `该问题已报整改完成${change.byName ? `（${change.byName}）` : ''}，请验收：销号，或说明理由退回整改。`, createdAt,
    }];
  }
  const returned = acceptanceOf(after);
  if (before?.status === 'rectified' && after.status === 'rectifying' && returned?.state === 'returned') {
    return [{
      to: { head: after.ministerId }, rule: 'problem.acceptance_returned', subject, period, title: title('验收退回'),
      body: `退回理由：${returned.reason ?? ''}。请继续整改，完成后重新报整改完成。${change.byName ? `验收人：${change.byName}。` : ''}`, createdAt,
    }];
  }
  return [];
}
