import { randomUUID } from 'node:crypto';
import { beijingDate } from '#schemas/time.ts';

/** A valid visit body; override any field. */
export function visitBody(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    ministerId: 'm-630102-01',
    date: beijingDate(Date.now() - 86_400_000),
    branch: { name: '城东区东关大街社区党委', type: 'community', countyCode: '630102' },
    sessions: ['branch_members_meeting', 'party_lecture'],
    symposiums: 1,
    participants: 42,
    suggestions: [{ id: randomUUID(), text: '希望增加党员活动室开放时间', channel: 'symposium', status: 'answered', response: '已协调延长至晚上九点' }],
    notes: '座谈会气氛热烈',
    ...overrides,
  };
}
