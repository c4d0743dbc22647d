import { describe, expect, it } from 'vitest';
import { addDays, beijingDate, endOfBeijingDay } from '#schemas/time.ts';

describe('Beijing calendar', () => {
  it('dates an instant in Beijing time, whose day starts at 16:00 UTC the day before', () => {
    expect(beijingDate(Date.parse('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(beijingDate(Date.parse('2026-11-24T16:00:00.000Z'))).toBe('2026-11-25');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-24', -29)).toBe('2026-10-26');
  });

  it('ends a Beijing day at the next Beijing midnight', () => {
    expect(endOfBeijingDay('2026-11-24')).toBe('2026-11-24T16:00:00.000Z');
    expect(beijingDate(Date.parse(endOfBeijingDay('2026-11-24')) - 1)).toBe('2026-11-24');
  });
});
