import { describe, expect, it } from 'vitest';
import { KINDS } from '#schemas/kinds/index.ts';
import { KIND_PATHS, PROBLEM, VISIT } from '#schemas/kinds/names.ts';

// The work counts name the kinds from names.ts, without their modules: a kind registered but not
// named there would go uncounted, one renamed would be counted under its old path.
describe("the kinds' names apart from their modules", () => {
  it('name every registered kind, with its path, in the registry order', () => {
    expect(Object.entries(KIND_PATHS)).toEqual(KINDS.map((kind) => [kind.name, kind.form.path]));
    expect(KINDS.map((kind) => kind.name)).toEqual(expect.arrayContaining([VISIT, PROBLEM]));
  });
});
