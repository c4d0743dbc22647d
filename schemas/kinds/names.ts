/**
 * The names of the two kinds the desk's work lists single out (a problem's deadline, a visit's
 * pending suggestions), apart from their modules: code that only compares a kind's name then builds
 * none of their schemas at import (esbuild keeps a module's top-level zod calls wherever it is imported).
 */
export const VISIT = 'visit';
export const PROBLEM = 'problem';

/**
 * Every kind of the campaign by its stored name, with its collection path, in the registry's order
 * (kinds/index.ts): for code that only names them (the work counts), so its function carries none of
 * their modules. test/unit/kind-names.test.ts keeps this equal to the registry.
 */
export const KIND_PATHS = {
  [VISIT]: 'visits',
  [PROBLEM]: 'problems',
  report: 'reports',
  training: 'trainings',
  mechanism: 'mechanisms',
  model: 'models',
  inspection: 'inspections',
} as const;
