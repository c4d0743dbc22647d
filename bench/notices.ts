import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, beijingDate } from '#schemas/time.ts';
import { changesOf, type TableStreamRecord } from '#functions/adapters/change-stream.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import { systemClock } from '#functions/system-clock.ts';
import { runDailyNotices } from '#functions/use-cases/notices/run-daily-notices.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { seededRandom } from '#local/random.ts';
import { writeStackState } from '#local/stack-state.ts';
import { pollTableStream, type TableStreamPoller } from '#local/table-stream.ts';
import { jsonHeaders, putMinister, visitBody } from './intake.ts';
import { load } from './reads.ts';
import type { BenchStack } from './stack.ts';
import { quantile } from './stats.ts';

/**
 * The notices' costs (issue 23), on a stack of their own:
 * (a) POST /visits p50 through the local API with the decision notices' function consuming the
 *     table's stream (as `npm start` runs it: the same module, polled every second) and without it,
 *     in alternating slices of one run, so the machine's drift falls on both alike;
 * (b) the daily run (the use case the 08:30 schedule runs) over the demo seed (`npm run seed`, run
 *     as a person would against this stack) and over 100,000 records (loaded as the reads bench
 *     loads them), on a 20th of the month, when every rule runs; then the same day again;
 * (c) a decision (PATCH …/review answered) to its notice stored by the stream's function, with the
 *     poller's interval as `npm start` uses it, decisions spaced irregularly so they fall anywhere
 *     in the interval.
 */
export interface NoticeFigures {
  intake: { slices: number; perSlice: number; on: number; off: number; ratio: number };
  decisions: { samples: number; intervalMs: number; p50: number; p99: number; max: number };
  daily: { label: string; records: number; loadedSeconds: number; date: string; ms: number; againMs: number; made: number; stored: number }[];
  /** The 1-minute load average at each part's start (`uptime`). */
  load: Record<string, number>;
}

/** `npm start`'s poll of the table's stream (local/start.ts uses the poller's default). */
const STREAM_INTERVAL_MS = 1_000;
/** Short slices, many of them: a shared machine's load swings within seconds. */
const SLICES = 24;
const PER_SLICE = 75;
const DECISIONS = 60;

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/** The decision notices' function fed by the table's stream, as `npm start` wires it; `stored` tells when each batch was done. */
async function startNotices(stack: BenchStack, stored?: (records: readonly TableStreamRecord[], at: number) => void): Promise<TableStreamPoller> {
  const { handler } = await import('#functions/handlers/notices/decisions.ts');
  return pollTableStream({
    endpoint: stack.endpoint, tableName: stack.tableName, intervalMs: STREAM_INTERVAL_MS, log: (line) => console.error(`notices bench: ${line}`),
    onRecords: async (records) => {
      await handler({ Records: records }, lambdaContext('notices-decisions', 60_000));
      stored?.(records, performance.now());
    },
  });
}

async function post(stack: BenchStack, body: unknown): Promise<void> {
  const res = await fetch(`${stack.url}/visits`, { method: 'POST', headers: jsonHeaders(stack.token), body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`POST /visits answered ${res.status}`);
}

/** (a) Slices of sequential POST /visits, notices on and off in the order on, off, off, on, … (drift cancels). */
async function intakeOnOff(stack: BenchStack): Promise<NoticeFigures['intake']> {
  await putMinister(stack);
  for (let i = 0; i < 100; i++) await post(stack, visitBody());
  const times = { on: [] as number[], off: [] as number[] };
  for (let slice = 0; slice < SLICES; slice++) {
    const on = [0, 3].includes(slice % 4);
    const poller = on ? await startNotices(stack) : undefined;
    for (let i = 0; i < PER_SLICE; i++) {
      const started = performance.now();
      await post(stack, visitBody());
      (on ? times.on : times.off).push(performance.now() - started);
    }
    await poller?.stop();
  }
  const [on, off] = [quantile(times.on, 0.5), quantile(times.off, 0.5)];
  return { slices: SLICES, perSlice: PER_SLICE, on: round(on), off: round(off), ratio: round(on / off) };
}

/** (c) Each decision from its answer to the end of the stream batch that stored its notice. */
async function decisionToNotice(stack: BenchStack): Promise<NoticeFigures['decisions']> {
  const decided = new Map<string, number>();
  const latencies: number[] = [];
  const poller = await startNotices(stack, (records, at) => {
    for (const change of changesOf(records)) {
      const since = change.action === 'review' ? decided.get(change.after.id) : undefined;
      if (since !== undefined) latencies.push(at - since);
    }
  });
  const rnd = seededRandom(23);
  try {
    for (let i = 0; i < DECISIONS; i++) {
      const body = visitBody();
      await post(stack, body);
      await new Promise((resolve) => setTimeout(resolve, 100 + rnd.int(900)));
      const res = await fetch(`${stack.url}/visits/${body.id}/review`, {
        method: 'PATCH', headers: { ...jsonHeaders(stack.token), 'if-match': '"1"' }, body: JSON.stringify({ state: 'rejected', comment: '缺少走访照片' }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`PATCH /visits/{id}/review answered ${res.status}`);
      decided.set(body.id, performance.now());
    }
    await poller.drained();
  } finally {
    await poller.stop();
  }
  if (latencies.length !== DECISIONS) throw new Error(`notices bench: ${latencies.length} of ${DECISIONS} decisions reached the stream's function`);
  return { samples: DECISIONS, intervalMs: STREAM_INTERVAL_MS, p50: Math.round(quantile(latencies, 0.5)), p99: Math.round(quantile(latencies, 0.99)), max: Math.round(Math.max(...latencies)) };
}

/** The demo seed written into this stack by `npm run seed`, as a person runs it against `npm start`'s. */
async function seed(stack: BenchStack): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xiajiceng-bench-notices-'));
  try {
    await writeStackState(dataDir, { apiUrl: stack.url, dynamodbEndpoint: stack.endpoint, tableName: stack.tableName, pid: process.pid, startedAt: new Date().toISOString() });
    const once = () => new Promise<number | null>((resolve, reject) => {
      const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['local/seed.ts'], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    // On a busy machine DynamoDB Local may answer a seed request past its timeout (503): the seed
    // writes the same records again, adding nothing, so a failed run is simply run again.
    for (let attempt = 1; ; attempt++) {
      const code = await once();
      if (code === 0) return;
      if (attempt === 3) throw new Error(`npm run seed exited ${code} three times`);
      console.error(`notices bench: npm run seed exited ${code}; running it again`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A 20th of the month (this month's, or today if later): the day every rule runs, the heads' months included. */
function heaviestDay(): string {
  const today = beijingDate();
  return today.slice(8) >= '20' ? today : `${today.slice(0, 8)}20`;
}

/** (b) The daily run's use case over what the table holds, then the same day again (it stores nothing new). */
async function daily(stack: BenchStack, label: string, records: number, loadedSeconds: number): Promise<NoticeFigures['daily'][number]> {
  const store = { client: stack.client, tableName: stack.tableName };
  const parts = makeRecordDeps(store);
  const deps = { notices: noticeRepository(store), lists: parts.lists, ministers: parts.ministers, branches: parts.branches, clock: systemClock };
  const date = heaviestDay();
  let started = performance.now();
  const first = await runDailyNotices(deps, date);
  const ms = performance.now() - started;
  started = performance.now();
  await runDailyNotices(deps, date);
  const againMs = performance.now() - started;
  const made = Object.values(first.made).reduce((sum, n) => sum + n, 0);
  return { label, records, loadedSeconds, date, ms: Math.round(ms), againMs: Math.round(againMs), made, stored: first.stored };
}

/**
 * On the run's one bench stack (the handlers read their table once per process): its table made
 * afresh with the stream for (a) and (c); the daily run reads none, so (b)'s tables go without
 * (local/table.ts says why).
 */
export async function measureNotices(stack: BenchStack, log: (message: string) => void): Promise<NoticeFigures> {
  const loads: Record<string, number> = {};
  await stack.freshTable(stack.tableName, { stream: true });
  loads.intake = round(loadavg()[0]);
  const intake = await intakeOnOff(stack);
  log(`intake p50 with notices ${intake.on} ms, without ${intake.off} ms (${intake.ratio}×)`);
  loads.decisions = round(loadavg()[0]);
  const decisions = await decisionToNotice(stack);
  log(`decision to notice p50 ${decisions.p50} ms, p99 ${decisions.p99} ms`);

  loads.seed = round(loadavg()[0]);
  await stack.freshTable(stack.tableName, { stream: false });
  let started = performance.now();
  await seed(stack);
  const seeded = await daily(stack, 'the demo seed', 0, Math.round((performance.now() - started) / 1000));
  log(`daily run over the seed: ${seeded.ms} ms (${seeded.stored} stored), again ${seeded.againMs} ms`);

  loads.large = round(loadavg()[0]);
  await stack.freshTable(stack.tableName, { stream: false });
  started = performance.now();
  await load(stack, 100_000);
  const large = await daily(stack, '100,000 records', 100_000, Math.round((performance.now() - started) / 1000));
  log(`daily run over 100,000 records: ${large.ms} ms (${large.stored} stored), again ${large.againMs} ms`);
  loads.end = round(loadavg()[0]);
  return { intake, decisions, daily: [seeded, large], load: loads };
}

/** The rows of `npm run bench`'s table. */
export function noticeRows(f: NoticeFigures): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `| POST /visits p50 through the local API with the decision notices' function reading the table's stream (every ${STREAM_INTERVAL_MS} ms, as npm start), ${f.intake.slices / 2} slices of ${f.intake.perSlice} (load ${f.load.intake}) | ${f.intake.on} ms | without it, the other ${f.intake.slices / 2} slices: ${f.intake.off} ms | ${f.intake.ratio}× | ≤ 1.05× |`,
    `| a decision (PATCH …/review answered) to its notice stored, p50 / p99 of ${f.decisions.samples} (stream read every ${f.decisions.intervalMs} ms; load ${f.load.decisions}) | ${f.decisions.p50} / ${f.decisions.p99} ms (max ${f.decisions.max}) | | | within 10 s locally |`,
    ...f.daily.map((d) => `| the daily run (run-daily-notices) on ${d.date} over ${d.label}: ${d.made} notices made, ${d.stored} stored (load ${d.label === 'the demo seed' ? f.load.seed : f.load.large}) | ${s(d.ms)} | the same day again (nothing new): ${s(d.againMs)} | | ${d.records >= 100_000 ? '≤ 30 s' : ''} |`),
  ];
}
