import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { changeItem } from '#functions/items/change.ts';
import { monthStepItem } from '#functions/items/month.ts';
import { changesOf, monthStepsOf } from '#functions/adapters/change-stream.ts';
import { monthStepNotices } from '#functions/domain/month-notices.ts';
import { noticeId, type NewNotice } from '#functions/domain/notices.ts';
import type { NoticeRepository } from '#functions/ports/notices.ts';
import type { MonthStepEntry } from '#functions/ports/months.ts';
import { notifyDecisions } from '#functions/use-cases/notices/notify-decisions.ts';

/** The monthly close's notices: made from each step's entry on the table's stream, beside the decision notices. */

const AT = '2026-12-07T02:00:00.000Z';
const step = (over: Partial<MonthStepEntry> = {}): MonthStepEntry =>
  ({ region: '632621', month: '2026-11', version: 1, state: 'submitted', action: 'submit', by: '马县干', at: AT, ...over });
const streamRecord = (item: Record<string, unknown>) => ({ eventName: 'INSERT', dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }) } });

describe('a step of the monthly close', () => {
  it('tells the parent of a submit, the region of a return, an approval or a reopening, and no one of a confirm', () => {
    const to = (s: MonthStepEntry) => monthStepNotices(s, AT).map((n) => [n.rule, n.to, n.period]);
    expect(to(step())).toEqual([['month.submitted', { region: '632600' }, 'v1']]);
    expect(to(step({ action: 'return', state: 'returned', version: 2, reason: '记录不全' }))).toEqual([['month.returned', { region: '632621' }, 'v2']]);
    expect(to(step({ action: 'approve', state: 'approved', version: 3 }))).toEqual([['month.approved', { region: '632621' }, 'v3']]);
    expect(to(step({ action: 'reopen', state: 'open', version: 5, reason: '更正' }))).toEqual([['month.reopened', { region: '632621' }, 'v5']]);
    expect(to(step({ action: 'confirm', state: 'confirmed', version: 4 }))).toEqual([]);
    const [returned] = monthStepNotices(step({ action: 'return', state: 'returned', version: 2, reason: '记录不全' }), AT);
    expect(returned).toMatchObject({ subject: { view: 'months', region: '632621', month: '2026-11' }, title: expect.stringContaining('玛沁县2026年11月') });
    expect(returned.body).toContain('记录不全');
  });

  it('is read off the stream apart from the record changes, which it never breaks, and stored once', async () => {
    const visit = { id: 'v-1', ministerId: 'm-1', date: '2026-11-01', status: 'submitted', review: { state: 'received' }, version: 1, createdAt: AT, updatedAt: AT } as FormRecord;
    const records = [
      streamRecord(monthStepItem(step())),
      streamRecord(changeItem('visit', 'v-1', { version: 1, action: 'create', at: AT, by: 'u', requestId: 'r', before: null, after: visit })),
    ];
    expect(changesOf(records).map((c) => c.recordId)).toEqual(['v-1']);
    expect(monthStepsOf(records)).toEqual([step()]);
    const stored: NewNotice[] = [];
    const notices = { deliver: async (n: readonly NewNotice[]) => (stored.push(...n), n.map(noticeId)) } as Pick<NoticeRepository, 'deliver'> as NoticeRepository;
    await notifyDecisions({ notices, clock: { now: () => new Date(AT) } }, changesOf(records), monthStepsOf(records));
    expect(stored.map((n) => n.rule)).toEqual(['month.submitted']);
  });
});
