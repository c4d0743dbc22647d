import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Kind } from '#schemas/kind.ts';
import { KIND, KIND_REGISTRY, KINDS, kindNamed } from '#schemas/kinds/index.ts';
import type { Problem } from '#schemas/kinds/problem.ts';
import { kindRegistry, type RecordOf, withKinds } from '#schemas/kinds/registry.ts';
import type { Visit } from '#schemas/kinds/visit.ts';

describe('the registry of kinds', () => {
  it('keeps each kind\'s record type when looked up by its name', () => {
    expectTypeOf(KIND.visit).toEqualTypeOf<Kind<Visit>>();
    expectTypeOf(KIND.problem).toEqualTypeOf<Kind<Problem>>();
    expectTypeOf<RecordOf<typeof KIND.problem>>().toEqualTypeOf<Problem>();
    // The erased view every kind shares: generic code passes any stored record to it.
    expectTypeOf(KINDS).toEqualTypeOf<readonly Kind[]>();
  });

  it('lists the kinds in registration order and finds one by its name or collection path', () => {
    expect(KINDS.map((k) => k.name)).toEqual(['visit', 'problem', 'report', 'training', 'mechanism', 'model', 'inspection']);
    expect(kindNamed('visits')).toBe(KIND.visit);
    expect(kindNamed('problem')).toBe(KIND.problem);
    expect(kindNamed('branch')).toBeUndefined();
  });

  it('refuses a kind registered under another name', () => {
    expect(() => kindRegistry({ visits: KIND.visit })).toThrow('the kind visit is registered under visits');
  });

  it('adds a test\'s kinds to a copy, leaving the campaign\'s registry as it was', () => {
    const extended = withKinds(KIND_REGISTRY, { report2: { ...KIND.report, name: 'report2', form: { ...KIND.report.form, kind: 'report2', path: 'reports2' } } });
    expect(extended.list.map((k) => k.name)).toEqual([...KINDS.map((k) => k.name), 'report2']);
    expect(extended.named('reports2')?.name).toBe('report2');
    expect(KIND_REGISTRY.named('report2')).toBeUndefined();
    expect(KINDS).toHaveLength(7);
  });
});
