import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { KINDS } from '#schemas/kinds/index.ts';
import { fieldText } from '#schemas/kind.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { answers, type Field, formFields, pathsOf } from '#web/src/forms/model.ts';
import { fieldOf, fieldsFromSchema } from '#web/src/forms/schema-fields.ts';
import { checkInput } from '#web/src/forms/validate.ts';
import { branchInputSchema, countyCodeSchema, regionCodeSchema, slugIdSchema, textSchema } from '#schemas/common.ts';

const FORMS = KINDS.map((kind) => kind.form);

/** The web forms are generated from the catalogue: every field of every kind must become a widget with words beside it. */
describe('the forms generated from the catalogue', () => {
  it.each(FORMS.map((f) => [f.kind, f] as const))('%s: every field has a widget and a label', (kind, form) => {
    const fields = formFields(form);
    const paths = pathsOf(fields);
    expect(paths.length).toBeGreaterThan(3);
    const unlabelled = paths.filter((path) => fieldText(kindNamed(kind)!, path) === undefined);
    expect(unlabelled).toEqual([]);
  });

  it('reads widgets off the schemas the API validates with', () => {
    expect(fieldOf(countyCodeSchema).kind).toBe('county');
    expect(fieldOf(regionCodeSchema).kind).toBe('region');
    expect(fieldOf(slugIdSchema).kind).toBe('minister');
    expect(fieldOf(z.optional(textSchema(50)))).toEqual({ kind: 'text', max: 50, optional: true });
    expect(fieldOf(branchInputSchema)).toMatchObject({ kind: 'group', branch: true });
    const visit = Object.fromEntries(formFields(FORMS.find((f) => f.kind === 'visit')!)) as Record<string, Field>;
    expect(visit.symposiums).toEqual({ kind: 'int', min: 0, max: 100, optional: false });
    expect(visit.date).toEqual({ kind: 'date', optional: false, past: true });
    expect(visit.sessions).toMatchObject({ kind: 'choices', min: 0 });
    expect(visit.suggestions).toMatchObject({ kind: 'items', optional: true, max: 200 });
    // Enumerations carry the Chinese words people use.
    expect((visit.sessions as Extract<Field, { kind: 'choices' }>).options).toContainEqual(['party_lecture', '党课']);
  });

  it('offers the status only where a record may start in more than one', () => {
    const kindsWithStatus = FORMS.filter((form) => formFields(form).some(([name]) => name === 'status')).map((f) => f.kind);
    expect(kindsWithStatus).toEqual(FORMS.filter((f) => f.statuses.initial.length > 1).map((f) => f.kind));
    expect(kindsWithStatus).toContain('problem');
  });

  it('refuses in the browser exactly what the schema refuses, with the API paths and words', () => {
    const visit = FORMS.find((f) => f.kind === 'visit')!;
    const errors = checkInput(visit, { id: 'not-a-uuid', ministerId: 'm-630102-01', date: '2015-12-31', branch: { name: ' ', type: 'village', countyCode: '630100' }, sessions: [], symposiums: 0, participants: 1 });
    expect(Object.fromEntries(errors.map((e) => [e.path, e.message]))).toEqual({
      id: '应为 UUID',
      date: '日期不能早于 2016-01-01',
      'branch.name': '不能为空',
      'branch.countyCode': '必须是县级行政区划代码',
      sessions: '至少填写一项组织生活或一场座谈会',
    });
  });

  it('reads the forms off public schema information (JSON Schema), not zod internals', () => {
    // A schema registered under an id is written once under $defs and referred to: the form follows the reference.
    const item = z.object({ text: textSchema(30), count: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(9)), 1) })
      .register(z.globalRegistry, { id: 'WebFormsThrowAwayItem' });
    expect(fieldsFromSchema({ items: z.array(item).check(z.minLength(1), z.maxLength(3)) })).toEqual([
      ['items', { kind: 'items', min: 1, max: 3, optional: false, fields: [
        ['text', { kind: 'text', max: 30, optional: false }],
        ['count', { kind: 'int', min: 1, max: 9, optional: true }],
      ] }],
    ]);
    // What a record answer carries beyond its form: a visit's suspected duplicate, a problem's overdue flag.
    const byKind = (kind: string) => FORMS.find((f) => f.kind === kind)!;
    expect([answers(byKind('visit'), 'duplicateOf'), answers(byKind('visit'), 'overdue'), answers(byKind('problem'), 'overdue'), answers(byKind('report'), 'duplicateOf')])
      .toEqual([true, false, true, false]);
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : []));
    const readers = [...sources('web/src'), 'schemas/form.ts'].filter((file) => readFileSync(file, 'utf8').includes('_zod'));
    expect(readers).toEqual([]);
  });

  it('is one component model: the forms page, its fields and the evidence are Preact, none builds DOM through dom.ts, and the correction renders the form itself', () => {
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : []));
    const owned = [...sources('web/src/forms'), ...sources('web/src/fields'), ...sources('web/src/evidence'), 'web/src/forms-page.tsx', 'web/src/desk/views/correct.tsx'];
    expect(owned.filter((file) => /from '[./]*\/?dom\.ts'/.test(readFileSync(file, 'utf8')))).toEqual([]);
    const correct = readFileSync('web/src/desk/views/correct.tsx', 'utf8');
    expect(correct).toContain('<RecordForm');
    expect(correct).not.toMatch(/querySelector|replaceChildren|useRef<HTMLDivElement>/);
  });
});
