import { noticeId, type NewNotice } from '#functions/domain/notices.ts';
import type { MinisterRepository } from '#functions/ports/records.ts';
import type { RobotDeliveryDeps } from '../deps.ts';
import { deliverToRobots, type RegionLine } from './deliver-to-robots.ts';

/**
 * The day's digest to the robots, after the daily run:
 * 1. of the notices the run stored now (a rerun stores none, so posts none);
 * 2. each placed in its region: a region's staff's by that region, a head's by the head's region;
 * 3. merged, one message per robot (deliver-to-robots.ts).
 */
export async function postDailyDigest(
  deps: { robotDelivery: RobotDeliveryDeps; ministers: Pick<MinisterRepository, 'get'> }, date: string, notices: readonly NewNotice[], stored: readonly string[],
): Promise<void> {
  const fresh = new Set(stored);
  const headRegions = new Map<string, string | undefined>();
  const lines: RegionLine[] = [];
  for (const notice of notices) {
    const id = noticeId(notice);
    if (!fresh.has(id)) continue;
    let regionCode: string | undefined;
    if ('region' in notice.to) regionCode = notice.to.region;
    else {
      const head = notice.to.head;
      if (!headRegions.has(head)) headRegions.set(head, (await deps.ministers.get(head))?.regionCode);
      regionCode = headRegions.get(head);
    }
    if (regionCode !== undefined) lines.push({ id, regionCode, title: notice.title, body: notice.body });
  }
  if (lines.length) await deliverToRobots(deps.robotDelivery, `下基层 · ${date} 每日提醒`, lines);
}
