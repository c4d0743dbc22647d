import { commandLine, usageError } from '#local/cli.ts';
import { performance } from 'node:perf_hooks';
import { beijingDate } from '#schemas/time.ts';
import { dynamodbRssBytes } from './cpu.ts';
import { jsonHeaders, putMinister, visitBody } from './intake.ts';
import { countVisits, startBenchStack } from './stack.ts';
import { quantile } from './stats.ts';

/**
 * `npm run soak -- [--minutes N] [--rate R]`: the system under steady use, for leaks and lost
 * writes. DynamoDB Local (in memory) and the local API in this process; R new visits a second
 * (open loop: sent on schedule, whether or not earlier ones were answered), and per ten of them one
 * GET /visits and one GET /summary. A line every 10 s; at the end it checks that every acknowledged
 * visit is stored and nothing else is, that no request failed, and that the heap is flat. Exit 1 if not.
 */
const USAGE = 'usage: npm run soak -- [--minutes N] [--rate R]   (defaults: 2 minutes, 50 visits/s)';
const { values } = commandLine('npm run soak', USAGE, { options: { minutes: { type: 'string', default: '2' }, rate: { type: 'string', default: '50' } } });
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!(minutes > 0) || !(rate > 0)) usageError('npm run soak', USAGE, '--minutes and --rate want positive numbers');

const WINDOW_MS = 10_000;
/** The first 20 s warm DynamoDB Local's JVM and the handlers up; the heap baseline is taken after them. */
const WARMUP_MS = 20_000;
/** One GET /visits and one GET /summary per this many visits. */
const READ_EVERY = 10;
/**
 * Flat heap: after a forced GC, at most this much above the heap after the warm-up. Runs without a
 * leak ended between -3 and +1 MB of it; a leak of 1 KB per visit exceeds it within the default
 * 2 minutes at 50/s (5,000 visits after the warm-up).
 */
const HEAP_GROWTH_LIMIT_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

const stack = await startBenchStack('xiajiceng-soak', { tokenTtlSeconds: minutes * 60 + 600 });
await putMinister(stack);
// A first rollup, so GET /summary has a snapshot to serve (it answers 404 before the first run).
const { rollupDeps } = await import('#functions/rollup-composition.ts');
const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
await runRollup(rollupDeps(), beijingDate());

const headers = jsonHeaders(stack.token);
const totals = { sent: 0, visits: 0, acknowledged: 0, errors: 0 };
const statuses = new Map<string, number>();
let windowLatencies: number[] = [];
const pending = new Set<Promise<void>>();

function send(path: string, init: RequestInit = {}) {
  totals.sent++;
  const started = performance.now();
  const request = (async () => {
    let status: number | string;
    try {
      const response = await fetch(`${stack.url}${path}`, { ...init, headers });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = (error as Error).name;
    }
    const key = `${init.method ?? 'GET'} ${path.split('?')[0]} ${status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (init.method === 'POST') {
      windowLatencies.push(performance.now() - started);
      if (status === 201) totals.acknowledged++;
      else totals.errors++;
    } else if (status !== 200) {
      totals.errors++;
    }
  })();
  pending.add(request);
  void request.finally(() => pending.delete(request));
}

console.log(`soak: ${minutes} min at ${rate} visits/s (+ ${rate / READ_EVERY}/s each of GET /visits and GET /summary), API ${stack.url}, forced GC ${gc ? 'available' : 'unavailable (run node with --expose-gc)'}`);
const started = performance.now();
const endAt = started + minutes * 60_000;
const heapSamples: { at: number; heapUsed: number }[] = [];
let warmHeap: number | undefined;
let nextLine = started + WINDOW_MS;

while (performance.now() < endAt) {
  const now = performance.now();
  // Open loop: as many visits as the schedule says by now.
  const due = Math.floor(((now - started) / 1000) * rate);
  while (totals.visits < due) {
    totals.visits++;
    send('/visits', { method: 'POST', body: JSON.stringify(visitBody()) });
    if (totals.visits % READ_EVERY === 0) {
      send('/visits?limit=20');
      send('/summary');
    }
  }
  if (heapSamples.length === 0 || now - heapSamples[heapSamples.length - 1].at >= 1000) heapSamples.push({ at: now, heapUsed: process.memoryUsage().heapUsed });
  if (now >= nextLine) {
    nextLine += WINDOW_MS;
    if (warmHeap === undefined && gc && now - started >= WARMUP_MS) {
      gc();
      warmHeap = process.memoryUsage().heapUsed;
    }
    const { heapUsed, rss } = process.memoryUsage();
    const javaRss = dynamodbRssBytes();
    const p = (q: number) => `${quantile(windowLatencies, q).toFixed(1)} ms`;
    console.log(`${String(Math.round((now - started) / 1000)).padStart(5)} s  sent ${totals.sent} (${totals.visits} visits)  acknowledged ${totals.acknowledged}  errors ${totals.errors}  in flight ${pending.size}  POST p50 ${p(0.5)} p99 ${p(0.99)}  heap ${mb(heapUsed)}  rss ${mb(rss)}${javaRss ? `  dynamodb rss ${mb(javaRss)}` : ''}`);
    windowLatencies = [];
  }
  await new Promise((wake) => setTimeout(wake, 10));
}

await Promise.all([...pending]);
const stored = await countVisits(stack.client, stack.tableName);
const failures: string[] = [];
console.log(`\nsent ${totals.sent} (${totals.visits} visits) in ${((performance.now() - started) / 1000).toFixed(1)} s; answers: ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
console.log(`visits acknowledged ${totals.acknowledged}, stored ${stored}`);
if (stored !== totals.acknowledged) failures.push(`stored ${stored} ≠ acknowledged ${totals.acknowledged}`);
if (totals.errors) failures.push(`${totals.errors} errors`);

if (gc && warmHeap !== undefined) {
  gc();
  const endHeap = process.memoryUsage().heapUsed;
  const growth = endHeap - warmHeap;
  console.log(`heap after forced GC: ${mb(warmHeap)} after warm-up, ${mb(endHeap)} at the end (${growth >= 0 ? '+' : ''}${mb(growth)}; limit +${mb(HEAP_GROWTH_LIMIT_BYTES)})`);
  if (growth > HEAP_GROWTH_LIMIT_BYTES) failures.push(`heap grew by ${mb(growth)}`);
} else {
  // No forced GC: compare the floors (the heap just after collections) of the first and last thirds after warm-up.
  const warm = heapSamples.filter((s) => s.at >= started + WARMUP_MS);
  const third = Math.max(1, Math.floor(warm.length / 3));
  const floor = (samples: typeof heapSamples) => Math.min(...samples.map((s) => s.heapUsed));
  const [first, last] = [floor(warm.slice(0, third)), floor(warm.slice(-third))];
  console.log(`heap floor (no forced GC): first third ${mb(first)}, last third ${mb(last)} (limit +${mb(HEAP_GROWTH_LIMIT_BYTES)})`);
  if (last - first > HEAP_GROWTH_LIMIT_BYTES) failures.push(`heap floor grew by ${mb(last - first)}`);
}

await stack.stop();
console.log(failures.length ? `\nsoak FAILED: ${failures.join('; ')}` : '\nsoak passed: nothing lost, no errors, heap flat');
process.exit(failures.length ? 1 : 0);
