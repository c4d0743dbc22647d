import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addresseeKey, addresseesOf, noticeId, type NoticeCause } from '#functions/domain/notices.ts';
import { noticeIdSchema } from '#schemas/notices.ts';

const cause: NoticeCause = { to: { head: 'm-1' }, rule: 'record.returned', subject: { kind: 'visit', id: 'v-1' }, period: 'v2' };

describe('a notice id', () => {
  it('is the same for the same cause and differs when any part of it does', () => {
    expect(noticeId({ ...cause })).toBe(noticeId(cause));
    const variants: NoticeCause[] = [
      { ...cause, to: { head: 'm-2' } },
      { ...cause, to: { region: 'm-1' } },
      { ...cause, rule: 'record.flagged' },
      { ...cause, subject: { kind: 'problem', id: 'v-1' } },
      { ...cause, period: 'v3' },
    ];
    expect(new Set([cause, ...variants].map(noticeId)).size).toBe(variants.length + 1);
  });

  it('is what the API accepts back, whatever the cause holds', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (head, id, period) => {
      expect(noticeIdSchema.safeParse(noticeId({ ...cause, to: { head }, subject: { kind: 'visit', id }, period })).success).toBe(true);
    }));
  });

  it('keeps the parts apart (a separator inside one part does not make another cause)', () => {
    expect(noticeId({ ...cause, subject: { kind: 'visit', id: 'a/b' } })).not.toBe(noticeId({ ...cause, subject: { kind: 'visit/a', id: 'b' } }));
  });
});

describe('whose notices a caller reads', () => {
  it('a head and their staff the head\'s; staff their region\'s exactly; admins their account\'s region; others none', () => {
    expect(addresseesOf({ sub: 'u', role: 'submitter', region: '632621', ministerId: 'm-1' }).map(addresseeKey)).toEqual(['head:m-1']);
    expect(addresseesOf({ sub: 'u', role: 'submitter', region: '632621' })).toEqual([]);
    expect(addresseesOf({ sub: 'u', role: 'staff', region: '632600' }).map(addresseeKey)).toEqual(['region:632600']);
    expect(addresseesOf({ sub: 'u', role: 'admin', region: '630000' }).map(addresseeKey)).toEqual(['region:630000']);
    expect(addresseesOf({ sub: 'u', role: 'reporter', region: '630000' })).toEqual([]);
  });
});
