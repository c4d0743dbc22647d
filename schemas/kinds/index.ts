import type { Kind } from '../kind.ts';
import { inspectionKind } from './inspection.ts';
import { mechanismKind } from './mechanism.ts';
import { modelKind } from './model.ts';
import { problemKind } from './problem.ts';
import { reportKind } from './report.ts';
import { trainingKind } from './training.ts';
import { visitKind } from './visit.ts';

/**
 * Every kind of record the campaign reports, in the order people meet them: the one list that
 * routes, functions, the repository, the rollup, the scorecard and the web pages read. Adding a kind
 * is a module beside these and a line here.
 */
export const KINDS: readonly Kind[] = [visitKind, problemKind, reportKind, trainingKind, mechanismKind, modelKind, inspectionKind];

/** The kind of a stored name (`visit`) or collection path (`visits`). */
export const kindNamed = (name: string): Kind | undefined => KINDS.find((k) => k.name === name || k.form.path === name);
