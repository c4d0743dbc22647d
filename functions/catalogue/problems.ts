import { type Problem, problemForm } from '#schemas/problem.ts';
import type { Inspection } from '#schemas/inspection.ts';
import { fieldRule } from '#functions/domain/errors.ts';
import type { ListFilter } from '#functions/adapters/record-store.ts';
import type { CatalogueEntry, PlannedPart, WriteContext } from './entry.ts';

const isOverdue = (p: Pick<Problem, 'status' | 'deadline'>, today: string) => p.deadline < today && (p.status === 'open' || p.status === 'rectifying');

/**
 * A problem opened from an inspection's finding is linked both ways: the problem names the finding
 * (`foundBy`), and the finding lists the problem (`problemIds`), written as the inspection's next
 * version in the problem's own transaction. `foundBy` never changes, so this happens once.
 */
async function foundByParts(problem: Problem, { deps, previous, now, by, requestId }: WriteContext): Promise<PlannedPart[]> {
  const { source, id, findingId } = problem.foundBy;
  if (previous || source === 'other' || !id) return [];
  if (source === 'visit') {
    return [{ item: deps.records.visit.existsCheck(id), onFailed: () => fieldRule('foundBy.id', 'reference.unknown') }];
  }
  const stored = await deps.records.inspection.get(id);
  if (!stored || stored.record.status === 'withdrawn') throw fieldRule('foundBy.id', 'reference.unknown');
  const inspection = stored.record as unknown as Inspection;
  const finding = inspection.findings.find((f) => f.id === findingId);
  if (!finding) throw fieldRule('foundBy.findingId', 'finding.unknown');
  if (finding.problemIds.includes(problem.id)) return [];
  const linked: Inspection = {
    ...inspection,
    findings: inspection.findings.map((f) => (f === finding ? { ...f, problemIds: [...f.problemIds, problem.id] } : f)),
    version: inspection.version + 1,
    updatedAt: now,
  };
  const items = deps.records.inspection.replaceParts({
    record: linked as never,
    expectedVersion: inspection.version,
    change: { version: linked.version, action: 'link', at: now, by, requestId, before: inspection as never, after: linked as never },
    fingerprint: stored.fingerprint,
  });
  // The inspection changed since it was read: read it again and link to its newest version.
  return items.map((item) => ({ item, onFailed: () => 'retry' }));
}

export const problemEntry: CatalogueEntry<Problem> = {
  form: problemForm,

  async plan(next, context) {
    return { record: next, parts: await foundByParts(next, context) };
  },

  listFilters(query, today) {
    const filters: ListFilter[] = [];
    if (query.category) filters.push({ expression: '#category = :category', names: { '#category': 'category' }, values: { ':category': query.category } });
    if (query.overdue !== undefined) {
      const overdue = '#deadline < :today AND #status IN (:open, :rectifying)';
      filters.push({
        expression: query.overdue ? overdue : `NOT (${overdue})`,
        names: { '#deadline': 'deadline', '#status': 'status' },
        values: { ':today': today, ':open': 'open', ':rectifying': 'rectifying' },
      });
    }
    return filters;
  },

  present: (problem, today) => ({ ...problem, overdue: isOverdue(problem, today) }),
};
