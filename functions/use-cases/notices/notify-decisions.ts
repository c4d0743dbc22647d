import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { decisionNotices } from '#functions/domain/decision-notices.ts';
import { monthStepNotices } from '#functions/domain/month-notices.ts';
import type { MonthStepEntry } from '#functions/ports/months.ts';
import { acceptanceNotices } from '#functions/domain/acceptance-notices.ts';
import { noticeId } from '#functions/domain/notices.ts';
import type { ChangeEntry } from '#functions/ports/records.ts';
import type { NoticeDeps, RobotDeliveryDeps } from '../deps.ts';
import { deliverToRobots, type RegionLine } from '../robots/deliver-to-robots.ts';

/** The heading of a robot's message of decision notices. */
const DECISIONS_HEADING = '下基层 · 审核消息';

/**
 * Decision notices, from the change trail (on AWS the table's stream, locally DynamoDB Local's),
 * never from the request that decided:
 * 1. each change of a record of a known kind is read for the rules it meets (decision-notices.ts, and
 *    a problem's 验收: acceptance-notices.ts), and each step of the monthly close makes its notice to
 *    the level concerned (month-notices.ts);
 * 2. the notices are stored, each once: a redelivered batch derives the same ids and adds nothing;
 * 3. those stored now go to the group robots of their records' regions, the batch merged into one
 *    message per robot (a robot's failure is logged as its delivery and fails nothing here).
 * Answers the ids stored now.
 */
export async function notifyDecisions(
  deps: NoticeDeps & { robotDelivery?: RobotDeliveryDeps }, changes: readonly (ChangeEntry<FormRecord> & { kind: string })[],
  monthSteps: readonly MonthStepEntry[] = [],
): Promise<string[]> {
  const createdAt = deps.clock.now().toISOString();
  const made = [
    ...changes.flatMap((change) => {
      const kind = kindNamed(change.kind);
      if (!kind) return [];
      // A notice to a region's staff goes to that region's robots; one to a head, to those of the record's region.
      return [...decisionNotices(kind, change, createdAt), ...acceptanceNotices(kind, change, createdAt)]
        .map((notice) => ({ notice, regionCode: 'region' in notice.to ? notice.to.region : kind.regionOf(change.after) }));
    }),
    // A month's notice goes to one region's staff: its robot is that region's.
    ...monthSteps.flatMap((step) => monthStepNotices(step, createdAt).map((notice) => ({ notice, regionCode: 'region' in notice.to ? notice.to.region : step.region }))),
  ];
  if (!made.length) return [];
  const stored = await deps.notices.deliver(made.map((m) => m.notice));
  if (deps.robotDelivery && stored.length) {
    const fresh = new Set(stored);
    const lines: RegionLine[] = made.map(({ notice, regionCode }) => ({ id: noticeId(notice), regionCode, title: notice.title, body: notice.body }))
      .filter((line) => fresh.has(line.id));
    await deliverToRobots(deps.robotDelivery, DECISIONS_HEADING, lines);
  }
  return stored;
}
