import type { Kind } from '#schemas/kind.ts';
import { type FormRecord, reviewStateOf } from '#schemas/form.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { reviewRecord } from '#functions/use-cases/records/correct-record.ts';
import type { SeededRandom } from '#local/random.ts';

/**
 * The review a department gives what was reported, so the demo shows a campaign in motion: most
 * records 已通过, a few 退回 or 有问题 with the reviewer's reasons, some still 待审核; and the
 * suspected duplicates settled, most 确认为重复 (退回: it never counts), some 确认为不同走访.
 * A record already reviewed (an earlier run of the seed, or a person at the desk) is left as it is.
 */

export interface SeededRecord {
  kind: Kind<FormRecord>;
  id: string;
  /** When it arrived (epoch ms): a review comes one to five days later, never before its last change. */
  received: number;
  /** A second visit of the same head to the same branch on the same day (疑似重复). */
  duplicate?: boolean;
}

const DAY = 86_400_000;
const RETURNED = ['参加人数与签到表不一致，请核实后重新报送', '照片拍摄日期与走访日期不符，请核实', '支部名称填写有误，请从支部名册中选择'];
const HAS_ISSUES = ['请补充座谈会现场照片', '意见建议的答复过于简略，请补充办理情况', '请补充问题整改责任人及联系方式'];
export const DUPLICATE_CONFIRMED = '确认为重复：与同日同一党组织的另一条走访记录重复';
export const DUPLICATE_DISTINCT = '确认为不同走访：上午、下午分别参加了两次组织生活';

export interface ReviewCounts {
  approved: number;
  has_issues: number;
  rejected: number;
  received: number;
}

export async function seedReviews(
  deps: RecordDeps, rnd: SeededRandom, yesterday: number, records: readonly SeededRecord[],
  progress: (done: number, total: number, label: string) => void,
): Promise<ReviewCounts> {
  const counts: ReviewCounts = { approved: 0, has_issues: 0, rejected: 0, received: 0 };
  for (const [i, seeded] of records.entries()) {
    // Drawn for every record, reviewed or not, so a second run draws the same decisions.
    const decision = decide(rnd, seeded);
    const delay = (1 + rnd.int(5)) * DAY;
    const stored = await deps.records.get(seeded.kind, seeded.id);
    progress(i + 1, records.length, '审核');
    if (!stored || reviewStateOf(stored.record) !== 'received' || stored.record.status === 'withdrawn') continue;
    if (!decision) {
      counts.received++;
      continue;
    }
    // Reviewed after its last change (a rectification, a suggestion answered): the trail stays in time order.
    const when = Math.min(yesterday, Math.max(Date.parse(stored.record.updatedAt) + 3_600_000, seeded.received + delay));
    await reviewRecord({ ...deps, clock: { now: () => new Date(when) } }, seeded.kind, {
      id: seeded.id, expectedVersion: stored.record.version, review: decision, actor: { by: `staff-${reviewerRegion(seeded.kind, stored.record)}`, requestId: 'seed' },
    });
    counts[decision.state]++;
  }
  return counts;
}

type Decision = { state: 'approved' | 'has_issues' | 'rejected'; comment?: string } | undefined;

function decide(rnd: SeededRandom, seeded: SeededRecord): Decision {
  const roll = rnd.int(100);
  if (seeded.duplicate) {
    if (roll < 55) return { state: 'rejected', comment: DUPLICATE_CONFIRMED };
    if (roll < 80) return { state: 'approved', comment: DUPLICATE_DISTINCT };
    return undefined; // waits in 疑似重复
  }
  if (roll < 80) return { state: 'approved' };
  if (roll < 82) return { state: 'rejected', comment: rnd.pick(RETURNED) };
  if (roll < 86) return { state: 'has_issues', comment: rnd.pick(HAS_ISSUES) };
  return undefined;
}

/** The staff who would review it: those of the county (or region) the record counts in. */
const reviewerRegion = (kind: Kind<FormRecord>, record: FormRecord): string => kind.regionOf(record);
