import { inspectionKind } from './inspection.ts';
import { mechanismKind } from './mechanism.ts';
import { modelKind } from './model.ts';
import { problemKind } from './problem.ts';
import { kindRegistry } from './registry.ts';
import { reportKind } from './report.ts';
import { trainingKind } from './training.ts';
import { visitKind } from './visit.ts';

/**
 * Every kind of record the campaign reports, by name, in the order people meet them: the one
 * registry that routes, functions, the repository, the rollup, the scorecard and the web pages read.
 * Adding a kind is a module beside these and a line here.
 */
export const KIND_REGISTRY = kindRegistry({
  visit: visitKind,
  problem: problemKind,
  report: reportKind,
  training: trainingKind,
  mechanism: mechanismKind,
  model: modelKind,
  inspection: inspectionKind,
});

/** Each kind by its name, typed: `KIND.problem` is a `Kind<Problem>`. */
export const KIND = KIND_REGISTRY.byName;

/** Every kind, erased to what all share (`Kind`): for code that walks them all. */
export const KINDS = KIND_REGISTRY.list;

/** The kind of a stored name (`visit`) or collection path (`visits`). */
export const kindNamed = KIND_REGISTRY.named;
