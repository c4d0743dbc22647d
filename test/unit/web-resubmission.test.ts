import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { visitKind } from '#schemas/kinds/visit.ts';
import type { Change } from '#web/src/desk/diff.ts';
import { resubmissionOf } from '#web/src/desk/resubmission.ts';

/**
 * 重新提交: what the reviewer sees of a record its head corrected after it was returned or flagged —
 * the decision and what changed since, fields and files (added: 新增; removed), from the change trail.
 */
const names = { minister: () => '王建国', person: (sub: string) => sub };
const PHOTO = randomUUID();
const NEW_PHOTO = randomUUID();

const visit = (over: Record<string, unknown> = {}) => ({
  id: 'v1', ministerId: 'm-630102-01', date: '2026-11-18', branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' },
  sessions: ['party_lecture'], symposiums: 1, participants: 30, attachments: [{ id: PHOTO, caption: '签到表' }],
  status: 'submitted', review: { state: 'received' }, version: 1, createdAt: '2026-11-18T02:00:00.000Z', updatedAt: '2026-11-18T02:00:00.000Z', ...over,
});

function trail(...steps: [string, Record<string, unknown>][]): Change[] {
  let before: object | null = null;
  return steps.map(([action, over], i) => {
    const after = visit({ ...over, version: i + 1 });
    const change = { version: i + 1, action, at: `2026-11-2${i}T02:00:00.000Z`, by: action === 'review' ? 'xining-staff' : 'wang', before, after };
    before = after;
    return change;
  });
}

const RETURNED = { review: { state: 'rejected', comment: '请补充签到表照片，人数有误' } };

describe('a record resubmitted after a return (重新提交)', () => {
  it('names the decision with its comment, the fields changed since (review left out), the files added and removed', () => {
    const found = resubmissionOf(visitKind, trail(
      ['create', {}],
      ['review', RETURNED],
      ['correct', { participants: 35, attachments: [{ id: NEW_PHOTO, caption: '会场照片' }] }],
    ), names);
    expect(found).toMatchObject({
      decision: { state: 'rejected', comment: '请补充签到表照片，人数有误', by: 'xining-staff', version: 2 },
      corrections: [3],
      differences: [{ path: 'participants', label: '党员参加（人次）', before: '30', after: '35' }],
      files: { added: [{ id: NEW_PHOTO, caption: '会场照片' }], removed: [{ id: PHOTO, caption: '签到表' }] },
    });
  });

  it('adds up several corrections since a flag (有问题), against the record as it was decided', () => {
    const found = resubmissionOf(visitKind, trail(
      ['create', {}],
      ['review', { review: { state: 'has_issues' } }],
      ['correct', { participants: 35 }],
      ['correct', { participants: 40, symposiums: 2, attachments: [{ id: PHOTO, caption: '签到表' }, { id: NEW_PHOTO }] }],
    ), names);
    expect(found?.decision.state).toBe('has_issues');
    expect(found?.corrections).toEqual([3, 4]);
    expect(found?.differences.map((d) => [d.path, d.before, d.after])).toEqual([['symposiums', '1', '2'], ['participants', '30', '40']]);
    expect(found?.files).toEqual({ added: [{ id: NEW_PHOTO }], removed: [] });
  });

  it('is nothing for a record never returned, approved, decided again since, or not corrected since', () => {
    expect(resubmissionOf(visitKind, trail(['create', {}], ['correct', { participants: 35 }]), names)).toBeUndefined();
    expect(resubmissionOf(visitKind, trail(['create', {}], ['review', { review: { state: 'approved' } }], ['correct', { participants: 35 }]), names)).toBeUndefined();
    expect(resubmissionOf(visitKind, trail(['create', {}], ['review', RETURNED]), names)).toBeUndefined();
    expect(resubmissionOf(visitKind, trail(
      ['create', {}], ['review', RETURNED], ['correct', { participants: 35 }], ['review', { participants: 35, review: { state: 'approved' } }],
    ), names)).toBeUndefined();
  });
});
