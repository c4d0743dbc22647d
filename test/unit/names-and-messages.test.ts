import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { branchEntryInputSchema, branchRowSchema } from '#schemas/branch.ts';
import { nameTextSchema, pastDateSchema, textSchema } from '#schemas/common.ts';
import { problemForm } from '#schemas/kinds/problem.ts';
import { visitForm } from '#schemas/kinds/visit.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { fieldText } from '#schemas/kind.ts';
import { describeIssue, type Lang } from '#schemas/messages.ts';
import { ministerInputSchema } from '#schemas/minister-input.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { countOf } from '#web/src/fields/count.ts';
import { checkInput } from '#web/src/forms/validate.ts';
import { clip, lengthOf, lengthText, shorten } from '#web/src/text.ts';

/** Names are what they look like (issue 21 §6), and the messages a new user tripped over (§8). */

/** Every refusal of a value as `path: message`, in one language. */
function refusals(schema: z.ZodMiniType, value: unknown, lang: Lang = 'zh'): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? [] : fieldIssues(result.error).map(({ path, issue }) => `${path}: ${describeIssue(issue, lang)}`);
}

const FORMAT_ZH = '含有不可见的格式字符（如零宽空格、文字方向控制符），请删除后重新输入';
const branch = { name: '东关村党支部', type: 'village', countyCode: '630102' };

describe('format characters (Unicode Cf)', () => {
  it('are refused in a name that identifies something, naming the field, in Chinese and English', () => {
    expect(refusals(nameTextSchema(100), '\u202E部支党村关东')).toEqual([`: ${FORMAT_ZH}`]);
    expect(refusals(nameTextSchema(100), '东关\u200B村党支部', 'en')).toEqual([': Contains invisible format characters (such as a zero-width space or a text direction control); remove them and type it again']);
  });

  it('are refused in a registered branch, its former names, a roster row, a head and a record\'s typed branch', () => {
    expect(refusals(branchEntryInputSchema, { ...branch, name: '东关\u200B村党支部' })).toEqual([`name: ${FORMAT_ZH}`]);
    expect(refusals(branchEntryInputSchema, { ...branch, aliases: ['东关\uFEFF大队'] })).toEqual([`aliases[0]: ${FORMAT_ZH}`]);
    expect(refusals(branchEntryInputSchema, { ...branch, code: 'DG\u200B-001' })).toEqual([`code: ${FORMAT_ZH}`]);
    expect(refusals(branchRowSchema, { ...branch, name: '\u2066东关村党支部\u2069' })).toEqual([`name: ${FORMAT_ZH}`]);
    expect(refusals(ministerInputSchema, { name: '王\u200D建国', level: 'county', regionCode: '630102' })).toEqual([`name: ${FORMAT_ZH}`]);
    expect(refusals(problemForm.schemas.input.shape.branch, { ...branch, name: '\u202E部支党村关东' })).toEqual([`name: ${FORMAT_ZH}`]);
    expect(refusals(problemForm.schemas.input.shape.responsible, { unit: '城东区\u200B民政局' })).toEqual([`unit: ${FORMAT_ZH}`]);
  });

  it('say only that when a name is nothing but them (not also that it is empty)', () => {
    expect(refusals(branchEntryInputSchema, { ...branch, name: ' \u200B　' })).toEqual([`name: ${FORMAT_ZH}`]);
  });

  it('are removed from free text, the zero-width joiner of an emoji kept', () => {
    expect(textSchema(100).parse('道路\u200B硬化\u202E，\uFEFF👨‍👩‍👧')).toBe('道路硬化，👨‍👩‍👧');
    expect(refusals(textSchema(100), '\u200B\u2060')).toEqual([': 不能为空']);
  });

  it('leave an ordinary name alone, a byte-order mark at its ends trimmed like a space', () => {
    expect(nameTextSchema(100).parse('东关村党支部')).toBe('东关村党支部');
    expect(nameTextSchema(100).parse('\uFEFF东关村党支部 ')).toBe('东关村党支部');
  });
});

describe('the messages a new user tripped over', () => {
  const problem = {
    id: crypto.randomUUID(), ministerId: 'm-630102-01', branch, description: '活动阵地不足', category: 'other', foundBy: { source: 'other' },
    foundOn: '2026-11-20', responsible: { unit: '城东区委组织部' }, deadline: '2026-11-19', status: 'open',
  };

  it('2.5 people: a whole number is wanted, said the same by the form and the API', () => {
    expect(countOf('2.5')).toBe(2.5);
    expect(countOf(' 12 ')).toBe(12);
    expect(countOf('')).toBeUndefined();
    expect(countOf('十二')).toBe('十二');
    const visit = { id: crypto.randomUUID(), ministerId: 'm-1', date: '2026-11-20', branch, sessions: [], symposiums: 1, participants: countOf('2.5') };
    expect(refusals(visitForm.schemas.input, visit)).toEqual(['participants: 应为整数']);
    expect(refusals(visitForm.schemas.input, visit, 'en')).toEqual(['participants: Must be a whole number']);
  });

  it('a malformed date: one message, not also "before 2016-01-01" or "later than today"', () => {
    expect(refusals(pastDateSchema, '2026-13-45')).toEqual([': 日期格式应为 YYYY-MM-DD']);
    expect(refusals(pastDateSchema, 'abc', 'en')).toEqual([': Use the date format YYYY-MM-DD']);
    expect(refusals(pastDateSchema, '2015-12-31')).toEqual([': 日期不能早于 2016-01-01']);
    expect(refusals(problemForm.schemas.input, { ...problem, deadline: '9999-99-99' })).toEqual(['deadline: 日期格式应为 YYYY-MM-DD']);
  });

  it('a date before the day found names the fields compared', () => {
    expect(refusals(problemForm.schemas.input, problem)).toEqual(['deadline: 整改时限不能早于发现日期']);
    expect(refusals(problemForm.schemas.input, { ...problem, deadline: '2026-12-01', status: 'rectified', evidence: '已整改', rectifiedOn: '2026-11-01' }, 'en'))
      .toEqual(['rectifiedOn: The rectification date cannot be before the day the problem was found']);
  });

  it('the source asks for a choice, not an id', () => {
    const fromVisit = { ...problem, deadline: '2026-12-01', foundBy: { source: 'visit' } };
    expect(refusals(problemForm.schemas.input, fromVisit)).toEqual(['foundBy.id: 请选择来源记录（走访记录或督查督导记录）']);
    expect(refusals(problemForm.schemas.input, { ...fromVisit, foundBy: { source: 'inspection', id: crypto.randomUUID() } }, 'en')).toEqual(['foundBy.findingId: Choose the finding of the inspection']);
    expect(checkInput(problemForm, fromVisit).map((e) => e.message).join('')).not.toMatch(/编号|UUID/);
  });

  it('召开座谈会 starts at 0 on a new visit form', () => {
    expect(fieldText(kindNamed('visit')!, 'symposiums')?.initial).toBe(0);
  });

  it('a text\'s limit is said as 12 / 4000 字', () => {
    expect(lengthText(12, 4000)).toBe('12 / 4000 字');
    // Counted as the API's limit counts: an emoji is one, whatever its UTF-16 length.
    const atLimit = `${'记'.repeat(9)}👍`;
    expect(lengthOf(atLimit)).toBe(10);
    expect(textSchema(10).safeParse(atLimit).success).toBe(true);
    expect(textSchema(10).safeParse(`${atLimit}!`).success).toBe(false);
  });
});

describe('texts cut short', () => {
  it('are cut on whole characters, never half an emoji', () => {
    const text = `${'问'.repeat(19)}👨‍👩‍👧好`;
    expect(clip(text, 20)).toBe('问'.repeat(19));
    expect(clip(text, 27)).toBe(`${'问'.repeat(19)}👨‍👩‍👧`);
    expect(shorten(text, 20)).toBe(`${'问'.repeat(19)}…`);
    expect(shorten('短', 20)).toBe('短');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(shorten('😀'.repeat(30), 21))).toBe(false);
  });
});
