import { FORMS } from '#schemas/forms.ts';
import type { StoreDeps } from './adapters/record-store.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { recordRepository } from './repositories/record-repository.ts';
import { visitSideItems } from './repositories/visit-side-items.ts';
import type { Clock, RecordDeps } from './use-cases/deps.ts';

/** The repositories of every kind of the catalogue, the ministers and the visits' side items, over one table. */
export function makeRecordDeps(storeDeps: StoreDeps, clock: Clock): RecordDeps {
  return {
    records: Object.fromEntries(FORMS.map((form) => [form.kind, recordRepository(storeDeps, form)])),
    ministers: ministerRepository(storeDeps),
    visitItems: visitSideItems(storeDeps),
    clock,
  };
}
