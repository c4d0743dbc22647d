import * as z from 'zod/mini';
import { labelledEnum, rule, textSchema } from './common.ts';
import { once } from './once.ts';
import { canonicalRegionCode, parentOf, PROVINCE_CODE } from './regions.ts';

/**
 * 验收销号: a problem its head reports rectified waits until the level above its county accepts it
 * (销号) or returns it to 整改中 with a reason. The API, the rollup's counting rule, the work lists and
 * the desk read these words and rules from here.
 */

export const ACCEPTANCE_STATES = { waiting: '待验收', accepted: '已销号', returned: '验收退回' } as const;
export type AcceptanceState = keyof typeof ACCEPTANCE_STATES;

/** Kept on a problem by the server: set `waiting` whenever it becomes rectified, then decided by the level above. */
export const acceptanceSchema = once(() => z.object({
  state: labelledEnum(ACCEPTANCE_STATES),
  /** Who decided, when, and (a return) why; absent while waiting. */
  by: z.optional(z.string()),
  at: z.optional(z.iso.datetime()),
  reason: z.optional(z.string()),
}));
export type Acceptance = z.output<ReturnType<typeof acceptanceSchema>>;

/** `POST /problems/{id}/acceptance`: 销号, or 退回 with a reason. */
export const acceptanceDecisionSchema = once(() => z
  .strictObject({ state: z.enum(['accepted', 'returned']), reason: z.optional(textSchema(1000)) })
  .check(z.refine((d) => d.state === 'accepted' || d.reason !== undefined, { ...rule('review.commentRequired'), path: ['reason'] }))
  .register(z.globalRegistry, { id: 'AcceptanceDecision' }));
export type AcceptanceDecision = z.output<ReturnType<typeof acceptanceDecisionSchema>>;

/**
 * The region whose staff accept a problem placed in `region`: the level above it (a county's
 * prefecture; the province for a prefecture's own), and the province for the province's own.
 */
export const acceptingRegionOf = (region: string): string => parentOf(canonicalRegionCode(region))?.code ?? PROVINCE_CODE;

/**
 * Where a problem stands in 验收: none unless rectified; a rectified one stored before 验收 existed
 * carries nothing and waits like any other.
 */
export function acceptanceStateOf(problem: { status: string; acceptance?: { state: AcceptanceState } }): 'waiting' | 'accepted' | undefined {
  if (problem.status !== 'rectified') return undefined;
  return problem.acceptance?.state === 'accepted' ? 'accepted' : 'waiting';
}
