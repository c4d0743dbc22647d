import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type BranchEntry, MAX_IMPORT_ROWS } from '#schemas/branch.ts';
import { branchNameKey } from '#schemas/common.ts';
import type { Visit } from '#schemas/kinds/visit.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { changeItem } from '#functions/adapters/record-store.ts';
import { codeKey, nameKey } from '#functions/repositories/branch-repository.ts';
import { heldItems } from '#functions/repositories/held-items.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { applyChange, contributionOf, registrationOf, storedState } from '#functions/rollup/figures.ts';
import type { RollupState } from '#functions/rollup/fold.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import { ensureTable } from '#local/table.ts';
import { seededRandom } from '#local/random.ts';
import { demoRegistry } from '#local/seed-registry.ts';
import type { BenchStack } from './stack.ts';
import { writeItems } from './rollup.ts';

/**
 * The branch registry's figures: importing the demo registry (4,589 rows) through the API, the
 * nightly rollup with the full registry beside the same night without one, and how big the
 * rollup's stored states grow with it.
 */
export interface RegistryFigures {
  import: { rows: number; requests: number; ms: number; rowsPerSecond: number; again: { ms: number; unchanged: number } };
  /** The same rows written as bare transactions (record, change entry, code and name held), 16 in flight as the import does. */
  bare: { rows: number; ms: number; rowsPerSecond: number };
  nightly: { history: number; dayChanges: number; withoutMs: number; withMs: number; ratio: number };
  /** Bytes of the stored state (its JSON) with every registered branch visited: the worst case. */
  stateBytes: { province: number; largestCounty: number; county: string };
}

const rows = () => demoRegistry(seededRandom(4143));

/** POST /branches/import, 500 rows a request, as the desk's import page sends them. */
export async function measureImport(stack: BenchStack): Promise<Pick<RegistryFigures, 'import' | 'bare'>> {
  const all = rows();
  const send = async () => {
    let requests = 0;
    let unchanged = 0;
    const started = performance.now();
    for (let i = 0; i < all.length; i += MAX_IMPORT_ROWS) {
      const res = await fetch(`${stack.url}/branches/import`, {
        method: 'POST', headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: all.slice(i, i + MAX_IMPORT_ROWS) }),
      });
      requests++;
      const result = (await res.json()) as { created: number; unchanged: number; rejected: unknown[] };
      if (res.status !== 200 || result.rejected.length) throw new Error(`import answered ${res.status} ${JSON.stringify(result).slice(0, 300)}`);
      unchanged += result.unchanged;
    }
    return { ms: Math.round(performance.now() - started), requests, unchanged };
  };
  const first = await send();
  const again = await send();

  // Baseline: what storing each row needs at least, issued directly into a table of its own.
  const tableName = `${stack.tableName}-bare-registry`;
  await stack.freshTable(tableName);
  const held = heldItems({ client: stack.client, tableName });
  const at = new Date().toISOString();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const i = next++;
      const row = all[i];
      const entry: BranchEntry = { id: `bare-${i}`, ...row, status: 'active', version: 1, createdAt: at, updatedAt: at };
      await stack.client.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...entry, pk: `branch#${entry.id}`, sk: 'record', gsi1pk: 'branch', gsi1sk: `${row.countyCode}#${branchNameKey(row.name)}#${entry.id}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName, Item: changeItem('branch', entry.id, { version: 1, action: 'create', at, by: 'bench', requestId: 'bench', before: null, after: entry }), ConditionExpression: 'attribute_not_exists(pk)' } },
          held.hold(codeKey(row.code!), entry.id),
          held.hold(nameKey(row), entry.id),
        ],
      }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const bareMs = Math.round(performance.now() - started);
  return {
    import: {
      rows: all.length, requests: first.requests, ms: first.ms, rowsPerSecond: Math.round(all.length / (first.ms / 1000)),
      again: { ms: again.ms, unchanged: again.unchanged },
    },
    bare: { rows: all.length, ms: bareMs, rowsPerSecond: Math.round(all.length / (bareMs / 1000)) },
  };
}

/** The registry as stored entries, with the ids an import would give them. */
const entries = (at: string): BranchEntry[] => rows().map((row, i) => ({ id: `b-bench-${i}`, ...row, status: 'active', version: 1, createdAt: at, updatedAt: at }));

function visitOf(i: number, at: string, branch: Visit['branch'], rnd: ReturnType<typeof seededRandom>): Visit {
  return {
    id: `bench-${i}`, ministerId: `m-bench-${rnd.int(159)}`, date: at.slice(0, 10), branch,
    sessions: ['party_lecture'], symposiums: 1, participants: 10 + rnd.int(30),
    suggestions: [{ id: `s-${i}`, text: '建议', channel: 'symposium', status: rnd.pick(['pending', 'answered', 'resolved'] as const) }],
    status: 'submitted', review: { state: 'received' }, version: 1, createdAt: at, updatedAt: at,
  };
}

/**
 * Two tables of the same history of visits (`history`, over 100 days) and the same night of
 * `dayChanges` new visits: one without a registry (visits name typed-in branches), one with the full
 * registry (visits name registered branches). Each closes the day before by a rebuild, then the
 * night is timed; the pair is run twice, alternating, and the faster of each is kept.
 */
export async function measureRegistryRollup(client: DynamoDBDocumentClient, history = 10_000, dayChanges = 1000, onProgress: (m: string) => void = () => {}): Promise<RegistryFigures['nightly']> {
  const today = beijingDate();
  const day = addDays(today, -2);
  const dayBefore = addDays(day, -1);
  const end = Date.parse(`${dayBefore}T20:00:00+08:00`);
  const registryAt = new Date(end - 101 * 86_400_000).toISOString();
  const registry = entries(registryAt);
  const clock = { now: () => new Date() };
  const times = { without: [] as number[], with: [] as number[] };
  for (let round = 0; round < 2; round++) {
    for (const withRegistry of [false, true]) {
      const tableName = `bench-registry-${round}-${withRegistry ? 'with' : 'without'}`;
      await ensureTable(client, tableName, { stream: false });
      const rnd = seededRandom(history);
      const branchOf = (): Visit['branch'] => {
        const b = rnd.pick(registry);
        return withRegistry ? { id: b.id, name: b.name, type: b.type, countyCode: b.countyCode } : { name: b.name, type: b.type, countyCode: b.countyCode };
      };
      const change = (v: Visit) => changeItem('visit', v.id, { version: 1, action: 'create', at: v.createdAt, by: 'bench', requestId: 'bench', before: null, after: v });
      onProgress(`${withRegistry ? 'with' : 'without'} the registry: writing ${history} visits${withRegistry ? ` and ${registry.length} branches` : ''}`);
      await writeItems(client, tableName, [
        ...(withRegistry ? registry.map((b) => changeItem('branch', b.id, { version: 1, action: 'create', at: registryAt, by: 'bench', requestId: 'bench', before: null, after: b })) : []),
        ...Array.from({ length: history }, (_, i) => change(visitOf(i, new Date(end - rnd.int(100 * 86_400_000)).toISOString(), branchOf(), rnd))),
      ]);
      const deps = { rollups: rollupRepository({ client, tableName }), clock };
      await runRollup(deps, dayBefore, { rebuild: true });
      const dayStart = Date.parse(`${day}T08:00:00+08:00`);
      await writeItems(client, tableName, Array.from({ length: dayChanges }, (_, i) => change(visitOf(history + i, new Date(dayStart + i * 30_000).toISOString(), branchOf(), rnd))));
      onProgress(`${withRegistry ? 'with' : 'without'} the registry: the nightly run`);
      const started = performance.now();
      const outcome = await runRollup(deps, day);
      if (outcome.days.length !== 1 || outcome.days[0].changes !== dayChanges) throw new Error(`unexpected rollup outcome ${JSON.stringify(outcome.days)}`);
      times[withRegistry ? 'with' : 'without'].push(performance.now() - started);
    }
  }
  const withoutMs = Math.round(Math.min(...times.without));
  const withMs = Math.round(Math.min(...times.with));
  return { history, dayChanges, withoutMs, withMs, ratio: Math.round((withMs / withoutMs) * 100) / 100 };
}

/** The stored states' size when every registered branch has a counted visit (the most they can hold). */
export function measureStateBytes(): RegistryFigures['stateBytes'] {
  const at = new Date().toISOString();
  const states: RollupState = new Map();
  const levels = () => 'county' as const;
  entries(at).forEach((entry, i) => {
    applyChange(states, undefined, registrationOf(entry));
    const visit = visitOf(i, at, { id: entry.id, name: entry.name, type: entry.type, countyCode: entry.countyCode }, seededRandom(i));
    applyChange(states, undefined, contributionOf(visitKind, visit, levels));
  });
  const bytes = (code: string) => Buffer.byteLength(JSON.stringify(storedState(states.get(code)!)));
  const counties = [...states.keys()].filter((code) => !code.endsWith('00'));
  const county = counties.reduce((a, b) => (bytes(a) >= bytes(b) ? a : b));
  return { province: bytes(PROVINCE_CODE), largestCounty: bytes(county), county };
}
