import { describe, expect, it } from 'vitest';
import { alreadyHolds } from '#web/src/desk/landed.ts';

/**
 * A correction refused with 412 whose answer was lost the first time: the record already holds every
 * field it sends (the server adds ids and states the correction does not carry), so it landed. Any
 * field that differs means someone else's version, which the head must see.
 */
const record = {
  id: 'v1', version: 3, participants: 36, notes: '',
  branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' },
  suggestions: [{ id: 's-1', text: '建议增加学习资料', channel: 'symposium', status: 'pending' }],
  attachments: [{ id: 'a-1', status: 'stored', contentType: 'image/jpeg' }],
  review: { state: 'received' },
};

describe('a correction the record already holds', () => {
  it('is the one sent: changed numbers, nested fields and lists, with what the server added', () => {
    expect(alreadyHolds(record, { participants: 36 })).toBe(true);
    expect(alreadyHolds(record, { branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' } })).toBe(true);
    expect(alreadyHolds(record, { suggestions: [{ text: '建议增加学习资料', channel: 'symposium' }], attachments: [{ id: 'a-1' }] })).toBe(true);
    expect(alreadyHolds(record, { notes: '' })).toBe(true);
  });

  it('is not when any field sent differs, a list differs in length or order, or a field is missing', () => {
    expect(alreadyHolds(record, { participants: 30 })).toBe(false);
    expect(alreadyHolds(record, { participants: 36, notes: '补拍了照片' })).toBe(false);
    expect(alreadyHolds(record, { attachments: [{ id: 'a-1' }, { id: 'a-2' }] })).toBe(false);
    expect(alreadyHolds(record, { attachments: [] })).toBe(false);
    expect(alreadyHolds(record, { branch: { countyCode: '630103' } })).toBe(false);
    expect(alreadyHolds(record, { date: '2026-12-06' })).toBe(false);
    expect(alreadyHolds({ ...record, suggestions: null }, { suggestions: [] })).toBe(false);
    expect(alreadyHolds(record, { branch: [] })).toBe(false);
  });
});
