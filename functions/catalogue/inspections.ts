import { type Inspection, type InspectionFinding, inspectionForm } from '#schemas/inspection.ts';
import { ValidationError } from '#functions/domain/errors.ts';
import type { CatalogueEntry } from './entry.ts';

/** New findings start with no problems; a finding that opened problems keeps them and cannot be removed. */
function mergeFindings(current: InspectionFinding[], patched: { id: string; text: string }[]): InspectionFinding[] {
  const stored = new Map(current.map((f) => [f.id, f]));
  const kept = new Set(patched.map((f) => f.id));
  const lost = current.flatMap((f, i) => (f.problemIds.length && !kept.has(f.id) ? [i] : []));
  if (lost.length) {
    throw new ValidationError(undefined, lost.map((i) => ({ path: `findings[${i}]`, issue: { code: 'custom', params: { key: 'finding.linked' } } })));
  }
  return patched.map((f) => ({ ...f, problemIds: stored.get(f.id)?.problemIds ?? [] }));
}

export const inspectionEntry: CatalogueEntry<Inspection> = {
  form: inspectionForm,

  fromInput: (input) => ({ ...input, findings: mergeFindings([], input.findings as InspectionFinding[]) }),

  merge(current, patch) {
    const merged = { ...current, ...patch } as Inspection;
    return patch.findings ? { ...merged, findings: mergeFindings(current.findings, patch.findings as InspectionFinding[]) } : merged;
  },
};
