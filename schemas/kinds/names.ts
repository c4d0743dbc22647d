/**
 * The names of the two kinds the desk's work lists single out (a problem's deadline, a visit's
 * pending suggestions), apart from their modules: code that only compares a kind's name then builds
 * none of their schemas at import (esbuild keeps a module's top-level zod calls wherever it is imported).
 */
export const VISIT = 'visit';
export const PROBLEM = 'problem';

