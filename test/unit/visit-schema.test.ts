import { describe, expect, it } from 'vitest';
import { visitForm } from '#schemas/kinds/visit.ts';

const visitListQuerySchema = visitForm.schemas.listQuery;
import { beijingDate } from '#schemas/time.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { describeIssue } from '#schemas/messages.ts';
import { visitBody } from './support/visits.ts';

const errorsOf = (value: unknown, lang: 'zh' | 'en' = 'zh') => {
  const result = visitForm.schemas.input.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return fieldIssues(result.error).map((f) => ({ path: f.path, message: describeIssue(f.issue, lang) }));
};

describe('visit input schema', () => {
  it('accepts the example visit and normalizes it', () => {
    const body = visitBody({ branch: { name: '  湟中区某村党支部 ', type: 'village', countyCode: '630122' } });
    const parsed = visitForm.schemas.input.parse(body);
    expect(parsed.branch).toEqual({ name: '湟中区某村党支部', type: 'village', countyCode: '630106' });
  });

  it('lists every invalid field at once, with paths', () => {
    const body = visitBody({
      ministerId: '',
      branch: { name: '', type: 'town', countyCode: '630100' },
      symposiums: 101,
      participants: -1,
      sessions: ['dancing'],
      suggestions: [{ id: 'x', text: ' ', channel: 'mail', status: 'done' }],
      extra: true,
    });
    const paths = errorsOf(body).map((e) => e.path).sort();
    expect(paths).toEqual([
      'branch.countyCode', 'branch.name', 'branch.type', 'extra', 'ministerId', 'participants', 'sessions[0]',
      'suggestions[0].channel', 'suggestions[0].id', 'suggestions[0].status', 'suggestions[0].text', 'symposiums',
    ].sort());
  });

  it('says "required" for a missing field, in Chinese by default and English on request', () => {
    const { date: _omitted, ...body } = visitBody();
    expect(errorsOf(body)).toEqual([{ path: 'date', message: '必填' }]);
    expect(errorsOf(body, 'en')).toEqual([{ path: 'date', message: 'Required' }]);
  });

  it('needs at least one session or one symposium', () => {
    expect(errorsOf(visitBody({ sessions: [], symposiums: 0 }))).toEqual([{ path: 'sessions', message: '至少填写一项组织生活或一场座谈会' }]);
    expect(errorsOf(visitBody({ sessions: [], symposiums: 1 }))).toEqual([]);
  });

  it('rejects dates in the Beijing future and before 2016', () => {
    const tomorrow = beijingDate(Date.now() + 86_400_000);
    expect(errorsOf(visitBody({ date: tomorrow }), 'en')).toEqual([{ path: 'date', message: 'The date cannot be in the future (Beijing time)' }]);
    expect(errorsOf(visitBody({ date: '2015-12-31' })).map((e) => e.path)).toEqual(['date']);
    expect(errorsOf(visitBody({ date: '2026-02-30' })).map((e) => e.message)).toEqual(['日期格式应为 YYYY-MM-DD']);
    expect(errorsOf(visitBody({ date: beijingDate() }))).toEqual([]);
  });

  it('refuses a suggestion id twice in one visit', () => {
    const s = visitBody().suggestions[0];
    expect(errorsOf(visitBody({ suggestions: [s, { ...s }] })).map((e) => e.path)).toEqual(['suggestions[1].id']);
  });

  it('bounds suggestion text at 2000 characters and the list at 200', () => {
    const s = visitBody().suggestions[0];
    expect(errorsOf(visitBody({ suggestions: [{ ...s, text: '议'.repeat(2001) }] })).map((e) => e.message)).toEqual(['不能超过 2000 个字']);
    expect(errorsOf(visitBody({ suggestions: [{ ...s, text: '议'.repeat(2000) }] }))).toEqual([]);
  });
});

describe('visit patch and list query', () => {
  it('refuses an empty correction and unknown fields, and never lets the id change', () => {
    expect(visitForm.schemas.patch.safeParse({}).success).toBe(false);
    expect(visitForm.schemas.patch.safeParse({ id: 'x' }).success).toBe(false);
    expect(visitForm.schemas.patch.safeParse({ participants: 5 }).success).toBe(true);
  });

  it('checks list filters: county level, prefecture level, ordered range, limit bounds', () => {
    expect(visitListQuerySchema.safeParse({ county: '630100' }).success).toBe(false);
    expect(visitListQuerySchema.safeParse({ prefecture: '630102' }).success).toBe(false);
    expect(visitListQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
    expect(visitListQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(visitListQuerySchema.parse({ limit: '20', county: '632321' })).toMatchObject({ limit: 20, county: '632301' });
    expect(visitListQuerySchema.parse({}).limit).toBe(50);
  });
});
