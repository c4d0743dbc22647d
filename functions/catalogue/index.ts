import { mechanismForm } from '#schemas/mechanism.ts';
import { modelForm } from '#schemas/model.ts';
import { reportForm } from '#schemas/report.ts';
import { trainingForm } from '#schemas/training.ts';
import { FORMS } from '#schemas/forms.ts';
import type { CatalogueEntry } from './entry.ts';
import { inspectionEntry } from './inspections.ts';
import { problemEntry } from './problems.ts';
import { visitEntry } from './visits.ts';

/**
 * The form catalogue: one entry per kind of record. Routes, table access, OpenAPI and the tests
 * follow from the forms; what a kind does beyond storing and listing is in its entry.
 */
export const CATALOGUE: readonly CatalogueEntry[] = [
  visitEntry,
  problemEntry,
  { form: reportForm },
  { form: trainingForm },
  { form: mechanismForm },
  { form: modelForm },
  inspectionEntry,
] as CatalogueEntry[];

if (CATALOGUE.map((e) => e.form.kind).join() !== FORMS.map((f) => f.kind).join()) {
  throw new Error('the catalogue and schemas/forms.ts must list the same kinds in the same order');
}

export const entryOf = (kind: string): CatalogueEntry => {
  const entry = CATALOGUE.find((e) => e.form.kind === kind);
  if (!entry) throw new Error(`no kind ${kind}`);
  return entry;
};
