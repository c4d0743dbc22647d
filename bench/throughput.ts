import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type CpuShare, cpuMeter } from './cpu.ts';
import { bareTransaction, jsonHeaders, MINISTER, putMinister, visitBody } from './intake.ts';
import { type BenchStack, countVisits } from './stack.ts';
import { quantile } from './stats.ts';

export interface ThroughputFigures {
  connections: number;
  /** Measured rounds, each one slice of HTTP load then one of bare load (after `warmupRounds` unmeasured ones). */
  rounds: number;
  warmupRounds: number;
  /** POST /visits through the local HTTP server, driven by autocannon. */
  http: {
    seconds: number;
    /** 201 answers. */
    acknowledged: number;
    requestsPerSecond: number;
    /** Non-2xx answers plus socket errors and timeouts, warm-up included. */
    errors: number;
    /** Answers by status, warm-up included. */
    statusCodes: Record<string, number>;
    p50: number;
    p99: number;
    /** Visits in the handlers' table (fresh at the start) at the end: must equal `acknowledgedInAll`. */
    stored: number;
    /** 201 answers, warm-up included. */
    acknowledgedInAll: number;
    cpu: CpuShare;
  };
  /** The same storage work (slot read + five-item transaction) issued directly, as many in flight. */
  bare: { seconds: number; completed: number; perSecond: number; /** Warm-up included. */ errors: number; p50: number; p99: number; cpu: CpuShare };
  ratio: number;
}

interface Slice {
  seconds: number;
  /** Successful operations (HTTP: 201 answers). */
  done: number;
  errors: number;
  latencies: number[];
  cpu: CpuShare;
}

/**
 * `amount` POST /visits over `connections` keep-alive connections, each a new visit. A fixed amount
 * rather than autocannon's fixed duration: at the end of a duration it drops the requests still in
 * flight, which the server may well have stored, and then stored ≠ acknowledged for no fault of ours.
 */
async function httpSlice(stack: BenchStack, connections: number, amount: number, statusCodes: Record<string, number>): Promise<Slice> {
  const latencies: number[] = [];
  let done = 0;
  let lastAnswer = 0;
  const meter = cpuMeter();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: stack.url, connections, amount, method: 'POST', headers: jsonHeaders(stack.token),
      requests: [{ setupRequest: (request) => ({ ...request, path: '/visits', body: JSON.stringify(visitBody()) }) }],
    }, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, status, _bytes, ms) => {
      lastAnswer = performance.now();
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status === 201) {
        done++;
        latencies.push(ms);
      }
    });
  });
  // autocannon's own duration runs on to its next 1 s tick; the slice ends with the last answer.
  const seconds = (lastAnswer - started) / 1000;
  return { seconds, done, errors: result.non2xx + result.errors, latencies, cpu: meter() };
}

/** `inFlight` loops calling `work` until `seconds` have passed. */
async function bareSlice(work: () => Promise<unknown>, inFlight: number, seconds: number): Promise<Slice> {
  const latencies: number[] = [];
  let errors = 0;
  const meter = cpuMeter();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        await work();
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return { seconds: (performance.now() - started) / 1000, done: latencies.length, errors, latencies, cpu: meter() };
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/** The slices of one kind added up: rate over their total time, quantiles over all their latencies, CPU weighted by time. */
function total(slices: Slice[]) {
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  const latencies = slices.flatMap((s) => s.latencies);
  const share = (key: keyof CpuShare) => (slices.every((s) => s.cpu[key] !== undefined)
    ? Math.round(slices.reduce((sum, s) => sum + s.cpu[key]! * s.seconds, 0) / seconds) : undefined);
  const dynamodbPercent = share('dynamodbPercent');
  return {
    seconds: round(seconds), done: slices.reduce((sum, s) => sum + s.done, 0),
    perSecond: Math.round(latencies.length / seconds), p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)),
    cpu: { nodePercent: share('nodePercent')!, eventLoopPercent: share('eventLoopPercent')!, ...(dynamodbPercent !== undefined ? { dynamodbPercent } : {}) },
  };
}

/**
 * Sustained intake: POST /visits through the local HTTP server with `connections` requests in
 * flight, beside DynamoDB Local's bare rate for the same storage work with as many in flight.
 * The two alternate in slices of about `seconds / rounds` (so the JVM's warming and the machine's
 * drift hit both alike), after `warmupRounds` unmeasured rounds. The visits go to the handlers'
 * table, fresh at the start, and the bare work to a table of its own, so the stored count is exact.
 */
export async function measureThroughput(
  stack: BenchStack, options: { connections?: number; seconds?: number; rounds?: number; warmupRounds?: number; log?: (m: string) => void } = {},
): Promise<ThroughputFigures> {
  const { connections = 16, seconds = 20, rounds = 4, warmupRounds = 2, log = () => {} } = options;
  const sliceSeconds = seconds / rounds;
  const bareTable = `${stack.tableName}-bare`;
  await stack.freshTable();
  await stack.freshTable(bareTable);
  await putMinister(stack);
  // The transaction's condition wants the minister's record; its fields are no concern of the bare work.
  await stack.client.send(new PutCommand({ TableName: bareTable, Item: { pk: `minister#${MINISTER}`, sk: 'record' } }));
  const bareWork = () => bareTransaction(stack.client, bareTable);

  const statusCodes: Record<string, number> = {};
  let acknowledgedInAll = 0;
  let httpErrors = 0;
  let bareErrors = 0;
  let amount = connections * 20; // sized from the last HTTP slice from then on
  const http: Slice[] = [];
  const bare: Slice[] = [];
  for (let i = 0; i < warmupRounds + rounds; i++) {
    const h = await httpSlice(stack, connections, amount, statusCodes);
    const b = await bareSlice(bareWork, connections, sliceSeconds);
    acknowledgedInAll += h.done;
    httpErrors += h.errors;
    bareErrors += b.errors;
    if (h.done > 0) amount = Math.max(connections, Math.round((h.done / h.seconds) * sliceSeconds));
    const measured = i >= warmupRounds;
    if (measured) {
      http.push(h);
      bare.push(b);
    }
    log(`${measured ? 'round' : 'warm-up'} ${i + 1}: HTTP ${Math.round(h.done / h.seconds)}/s (${h.errors} errors), bare ${Math.round(b.done / b.seconds)}/s (${b.errors} errors)`);
  }
  const stored = await countVisits(stack.client, stack.tableName);
  const h = total(http);
  const b = total(bare);
  return {
    connections, rounds, warmupRounds,
    http: {
      seconds: h.seconds, acknowledged: h.done, requestsPerSecond: h.perSecond,
      errors: httpErrors,
      statusCodes, p50: h.p50, p99: h.p99, stored, acknowledgedInAll, cpu: h.cpu,
    },
    bare: { seconds: b.seconds, completed: b.done, perSecond: b.perSecond, errors: bareErrors, p50: b.p50, p99: b.p99, cpu: b.cpu },
    ratio: round(h.perSecond / b.perSecond),
  };
}
