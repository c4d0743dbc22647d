import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { visitKind } from '#schemas/kinds/visit.ts';
import type { RecordRepository } from '#functions/ports/records.ts';
import { approveMany, BULK_IN_FLIGHT } from '#functions/use-cases/records/approve-many.ts';
import { mockedRecordDeps } from './support/deps.ts';

const actor = { by: 'staff-632621', requestId: 'r-1' };

/** Deps whose record reads take a while and answer "no such record", counting how many run at once. */
function slowReads(fault?: (call: number) => boolean) {
  const { deps } = mockedRecordDeps();
  const seen = { running: 0, most: 0, calls: 0 };
  const get: RecordRepository['get'] = async () => {
    const call = ++seen.calls;
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.running -= 1;
    if (fault?.(call)) throw new Error('throttled');
    return undefined;
  };
  const records: RecordRepository = Object.assign(Object.create(deps.records), { get });
  return { deps: { ...deps, records }, seen };
}

const items = (n: number) => Array.from({ length: n }, () => ({ id: randomUUID(), version: 1 }));

describe('approveMany', () => {
  it(`decides at most ${BULK_IN_FLIGHT} items at once, and answers in the order sent`, async () => {
    const { deps, seen } = slowReads();
    const batch = items(40);
    const results = await approveMany(deps, visitKind, { items: batch, actor });
    expect(seen.most).toBe(BULK_IN_FLIGHT);
    expect(results).toEqual(batch.map(({ id }) => ({ id, status: 404 })));
  });

  it('fails the request on a fault, as the single review does, and starts nothing after it', async () => {
    const { deps, seen } = slowReads((call) => call === 3);
    await expect(approveMany(deps, visitKind, { items: items(40), actor }, 2)).rejects.toThrow('throttled');
    expect(seen.calls).toBeLessThan(6);
  });
});
