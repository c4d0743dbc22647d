import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { commandLine, usageError } from '#local/cli.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { breakdownTable, budgetVerdict, measureBundles } from './bundles.ts';
import { measureEvidence } from './evidence.ts';
import { measureIntake } from './intake.ts';
import { measureNotices, noticeRows } from './notices.ts';
import { measurePhotoScaling } from './photo-scaling.ts';
import { measureHistory } from './history.ts';
import { measureReads } from './reads.ts';
import { measureRollup } from './rollup.ts';
import { measureImport, measureRegistryRollup, measureStateBytes } from './registry.ts';
import { startBenchStack } from './stack.ts';
import { measureThroughput } from './throughput.ts';
import { measureCountyList, measureWeb, SLOW_LINK_KBITS } from './web.ts';

/**
 * `npm run bench`: figures, each beside a baseline measured in the same run (so they hold on a
 * noisy machine). Writes bench/results/bench.json and bench.md, and prints the table.
 *
 *   npm run bench [-- SAMPLES] [--only intake,throughput,evidence,rollup,history,registry,reads,notices,bundles,web] [--against REV] [--runs N]
 *
 * With --only, just those parts run and the table is printed, not written (the results stay whole).
 * The bundles part always writes its own bench/results/bundles.json and bundles.md (bytes by
 * dependency, cold imports); with --against, a git revision's bundles are measured in the same run;
 * --runs sets its cold-import rounds (7).
 */
const PARTS = ['intake', 'throughput', 'evidence', 'rollup', 'history', 'registry', 'reads', 'notices', 'bundles', 'web'] as const;
const USAGE = `usage: npm run bench -- [--only ${PARTS.join(',')}] [--against REV] [--runs N] [samples]
  Measures each part beside a baseline from the same run; writes bench/results/ (see docs/benchmarks.md).`;
const { values: flags, positionals } = commandLine('npm run bench', USAGE, { allowPositionals: true, options: { only: { type: 'string' }, against: { type: 'string' }, runs: { type: 'string' } } });
const only = flags.only?.split(',').map((p) => p.trim()) ?? [...PARTS];
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) usageError('npm run bench', USAGE, `--only: unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
const runs = (part: (typeof PARTS)[number]) => only.includes(part);

// 3,000 so the p99 rests on 30 requests, not a handful of GC pauses.
const SAMPLES = Number(positionals[0] ?? 3000);
/** Sustained intake: requests in flight, and seconds measured (after a warm-up). */
const CONNECTIONS = 16;
const SECONDS = 20;
const TABLE = 'xiajiceng-bench';

/**
 * Intake latency, then sustained throughput, the evidence upload path, the registry's import, the
 * desk's reads and the notices, on one DynamoDB Local, one local S3-compatible server and one local
 * API: the handlers read their table and bucket once per process, so every part that calls them
 * shares this stack (each starts on a fresh table; a second stack's handlers would still be talking
 * to the first's stopped database).
 */
async function onOneStack() {
  const stack = await startBenchStack(TABLE);
  try {
    let intake;
    if (runs('intake')) {
      const { handler } = await import('#functions/handlers/records/create.ts');
      intake = await measureIntake(stack, handler, stack.client, TABLE, SAMPLES);
    }
    const throughput = runs('throughput')
      // After the intake's 9,000 requests DynamoDB Local's JVM is warm; alone, it needs about 40 s of load first.
      ? await measureThroughput(stack, { connections: CONNECTIONS, seconds: SECONDS, warmupRounds: intake ? 1 : 4, log: (m) => console.error(`throughput bench: ${m}`) })
      : undefined;
    const evidence = runs('evidence') ? await measureEvidence(stack, 200, (m) => console.error(`evidence bench: ${m}`)) : undefined;
    const registryImport = runs('registry') ? await measureImport(stack) : undefined;
    const reads = runs('reads') ? await measureReads(stack, [11_600, 116_000], 40, (m) => console.error(`reads bench: ${m}`)) : undefined;
    const notices = runs('notices') ? await measureNotices(stack, (m) => console.error(`notices bench: ${m}`)) : undefined;
    return { intake, throughput, evidence, registryImport, reads, notices };
  } finally {
    await stack.stop();
  }
}

async function rollup() {
  const dynamodb = await startDynamoDbLocal({});
  // The rollup's own client settings (a batch job's request timeout), as in functions/composition.ts.
  const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' }, { requestTimeoutMs: 30_000 });
  try {
    return await measureRollup(client, [10_000, 100_000], 1000, (m) => console.error(`rollup bench: ${m}`));
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

/** The scorecards and the rebuild over a long history, at a tenth of it and at all of it. */
async function history() {
  const dynamodb = await startDynamoDbLocal({});
  const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' }, { requestTimeoutMs: 30_000 });
  try {
    return await measureHistory(client, [10_000, 100_000], (m) => console.error(`history bench: ${m}`));
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

async function registryRollup() {
  const dynamodb = await startDynamoDbLocal({});
  const client = createDocumentClient({ TABLE_NAME: 'unused', DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' }, { requestTimeoutMs: 30_000 });
  try {
    return await measureRegistryRollup(client, 10_000, 1000, (m) => console.error(`registry bench: ${m}`));
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

const started = new Date().toISOString();
const { intake: intakeFigures, throughput: throughputFigures, evidence: evidenceFigures, registryImport, reads: readFigures, notices: noticeFigures } =
  (['intake', 'throughput', 'evidence', 'registry', 'reads', 'notices'] as const).some(runs) ? await onOneStack() : {};
const registryFigures = runs('registry') && registryImport ? { ...registryImport, nightly: await registryRollup(), stateBytes: measureStateBytes() } : undefined;
const rollupFigures = runs('rollup') ? await rollup() : undefined;
const historyFigures = runs('history') ? await history() : undefined;
// Part of the evidence figures: a phone photo scaled in Chromium by the forms' own module (no stack needed).
const photoFigures = runs('evidence') ? await measurePhotoScaling(7, (m) => console.error(`evidence bench: ${m}`)) : undefined;
const bundleFigures = runs('bundles') ? await measureBundles(join(tmpdir(), 'xiajiceng-bench-bundles'), { against: flags.against, runs: flags.runs ? Number(flags.runs) : undefined }) : undefined;
// Built into a folder of this run's own: two runs at once must not build over each other.
const webFigures = runs('web') ? (() => {
  const dir = mkdtempSync(join(tmpdir(), 'xiajiceng-bench-web-'));
  try { return measureWeb(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
})() : undefined;
const countyList = webFigures ? measureCountyList(webFigures.find((w) => w.page === 'forms')!.gzipKB) : undefined;
const PAGE_NAMES = { forms: 'the forms page', desk: "the desk's first view", dashboard: 'the dashboard' } as const;
const PAGE_GOALS: Partial<Record<keyof typeof PAGE_NAMES, string>> = { forms: '≤ 80 KB', desk: '≤ 60 KB' };

const t = throughputFigures;
const rows = [
  '| figure | measured | baseline (same run) | ratio | goal |',
  '|---|---|---|---|---|',
  ...(intakeFigures ? [
    `| POST /visits handler p50, in-process → DynamoDB Local (${intakeFigures.samples} sequential) | ${intakeFigures.handler.p50} ms | bare transaction ${intakeFigures.bareTransaction.p50} ms | ${intakeFigures.handlerP50Ratio}× | ≤ 1.2× |`,
    `| POST /visits handler p99 | ${intakeFigures.handler.p99} ms | bare transaction ${intakeFigures.bareTransaction.p99} ms | ${intakeFigures.handlerP99Ratio}× | ≤ 1.2× |`,
    `| POST /visits p50 through the local HTTP server | ${intakeFigures.http.p50} ms | bare transaction ${intakeFigures.bareTransaction.p50} ms | ${intakeFigures.httpP50Ratio}× | (API Gateway's hop on AWS) |`,
    `| POST /visits p99 through the local HTTP server | ${intakeFigures.http.p99} ms | bare transaction ${intakeFigures.bareTransaction.p99} ms | ${intakeFigures.httpP99Ratio}× | |`,
  ] : []),
  ...(t ? [
    `| POST /visits sustained through the local HTTP server (autocannon, ${t.connections} connections, ${t.http.seconds} s in ${t.rounds} slices alternating with the baseline's; p50 ${t.http.p50} ms, p99 ${t.http.p99} ms) | ${t.http.requestsPerSecond} req/s | bare transaction, ${t.connections} in flight, ${t.bare.seconds} s: ${t.bare.perSecond}/s (p50 ${t.bare.p50} ms, p99 ${t.bare.p99} ms) | ${t.ratio}× | ≥ 0.8× |`,
    `| sustained POST /visits: errors (non-2xx + socket errors), warm-up included | ${t.http.errors} | bare transaction errors: ${t.bare.errors} | | 0 |`,
    `| sustained POST /visits: visits stored (fresh table) vs acknowledged (201), warm-up included | ${t.http.stored} / ${t.http.acknowledgedInAll} | | | equal |`,
    `| CPU while sustained (% of one core): node process / its event loop / DynamoDB Local | ${t.http.cpu.nodePercent} / ${t.http.cpu.eventLoopPercent} / ${t.http.cpu.dynamodbPercent ?? '?'} % | bare: ${t.bare.cpu.nodePercent} / ${t.bare.cpu.eventLoopPercent} / ${t.bare.cpu.dynamodbPercent ?? '?'} % | | |`,
  ] : []),
  ...(evidenceFigures ? [
    `| evidence upload path, p50 / p99 (${evidenceFigures.samples} sequential, a ${Math.round(evidenceFigures.bytes / 1024)} KB JPEG): POST /attachments (presign) + PUT to the local S3-compatible server + verify | ${evidenceFigures.path.p50} / ${evidenceFigures.path.p99} ms | bare PUT of the same bytes to the same server: ${evidenceFigures.barePut.p50} / ${evidenceFigures.barePut.p99} ms | ${evidenceFigures.p50Ratio}× / ${evidenceFigures.p99Ratio}× | (what announcing and verifying add) |`,
    `| … of which, p50: POST /attachments / the PUT / verify (after the PUT's answer) | ${evidenceFigures.parts.announce} / ${evidenceFigures.parts.put} / ${evidenceFigures.parts.verify} ms | | | |`,
  ] : []),
  ...(photoFigures ? [
    `| a ${(photoFigures.before.bytes / 1024 / 1024).toFixed(1)} MB phone photo (${photoFigures.before.width}×${photoFigures.before.height}, EXIF) scaled in Chromium by the forms' module to ${photoFigures.after.width}×${photoFigures.after.height} JPEG (quality 0.8), EXIF ${photoFigures.exifKept ? 'kept' : 'LOST'}: bytes after | ${Math.round(photoFigures.after.bytes / 1024)} KB | the photo as taken: ${Math.round(photoFigures.before.bytes / 1024)} KB | ${Math.round((photoFigures.after.bytes / photoFigures.before.bytes) * 1000) / 1000}× | ≤ 400 KB |`,
    `| … time to scale it (read EXIF, decode, draw, encode, carry EXIF over), median of ${photoFigures.runs} | ${photoFigures.scaleMs} ms | decoding the same photo alone (createImageBitmap): ${photoFigures.decodeMs} ms | ${Math.round((photoFigures.scaleMs / Math.max(1, photoFigures.decodeMs)) * 100) / 100}× | |`,
  ] : []),
  ...(rollupFigures ? [
    ...rollupFigures.nightly.map((n) =>
      `| nightly rollup of one day of ${n.dayChanges} changes over ${n.history} records of history | ${n.ms} ms | over ${rollupFigures.nightly[0].history}: ${rollupFigures.nightly[0].ms} ms | ${Math.round((n.ms / rollupFigures.nightly[0].ms) * 100) / 100}× | ≤ 1.3× |`),
    `| full rebuild over ${rollupFigures.rebuild.records} records | ${rollupFigures.rebuild.ms} ms, ${rollupFigures.rebuild.recordsPerSecond} records/s | | | |`,
  ] : []),
  ...(historyFigures ? [
    ...historyFigures.sizes.map((h) =>
      `| the nightly's card step over ${h.records} visits: every head's card moved over last night's day | ${h.nightlyCardsMs} ms | the first night, every head counted in full: ${h.firstCardsMs} ms | | |`),
    ...historyFigures.sizes.map((h) =>
      `| full rebuild over ${h.records} visits (${h.items} change entries and markers, two years), a scan page at a time: peak live heap (collected after each page) above its start (${h.rebuildMs} ms) | ${h.rebuildPeakMB} MB | holding every change first, as before: ${h.wholePeakMB} MB | over ${historyFigures.sizes[0].records}: ${Math.round((h.rebuildPeakMB / historyFigures.sizes[0].rebuildPeakMB) * 100) / 100}× | ≤ 1.3× |`),
    ...historyFigures.sizes.map((h) =>
      `| GET /scorecards for the province (${h.heads} heads side by side, this year as of today, each head's kept card moved over the ${h.receivedToday} visits received today; the use case, median of 3) over ${h.records} visits | ${h.scorecardsMs} ms | over ${historyFigures.sizes[0].records}: ${historyFigures.sizes[0].scorecardsMs} ms | ${Math.round((h.scorecardsMs / historyFigures.sizes[0].scorecardsMs) * 100) / 100}× | ≤ 2 s |`),
  ] : []),
  ...(registryFigures ? [
    `| importing the demo registry (${registryFigures.import.rows} rows) through POST /branches/import, ${registryFigures.import.requests} requests of ≤ 500 rows | ${registryFigures.import.ms} ms (${registryFigures.import.rowsPerSecond} rows/s) | the same rows as bare transactions, 16 in flight: ${registryFigures.bare.ms} ms (${registryFigures.bare.rowsPerSecond} rows/s) | ${Math.round((registryFigures.import.ms / registryFigures.bare.ms) * 100) / 100}× | within API Gateway's 29 s a request |`,
    `| the same import again (every row unchanged: ${registryFigures.import.again.unchanged}) | ${registryFigures.import.again.ms} ms | first import ${registryFigures.import.ms} ms | ${Math.round((registryFigures.import.again.ms / registryFigures.import.ms) * 100) / 100}× | |`,
    `| nightly rollup, one day of ${registryFigures.nightly.dayChanges} visits over ${registryFigures.nightly.history}, with the full registry | ${registryFigures.nightly.withMs} ms | without a registry: ${registryFigures.nightly.withoutMs} ms | ${registryFigures.nightly.ratio}× | ≤ 1.3× |`,
    `| stored rollup state with every registered branch visited: the province / the largest county (${registryFigures.stateBytes.county}) | ${Math.round(registryFigures.stateBytes.province / 1024)} KB / ${Math.round(registryFigures.stateBytes.largestCounty / 1024)} KB | DynamoDB's item limit 400 KB | | well under |`,
  ] : []),
  ...(readFigures ? readFigures[1].views.map((v, i) => {
    const small = readFigures[0].views[i];
    return `| the province's desk: ${v.view} (${v.requests} request${v.requests > 1 ? 's' : ''} in parallel), p95 of ${readFigures[1].samples} over ${readFigures[1].records.toLocaleString('en')} records (p50 ${v.p50} ms; load average ${readFigures[1].loadAverage.join('–')}), API answers ${v.kb} KB | ${v.p95} ms | over ${readFigures[0].records.toLocaleString('en')}: ${small.p95} ms, ${small.kb} KB | ${Math.round((v.p95 / small.p95) * 100) / 100}× | ≤ 1 s, ≤ 300 KB, ≤ 1.3× |`;
  }) : []),
  ...(noticeFigures ? noticeRows(noticeFigures) : []),
  ...(bundleFigures ? bundleFigures.sets.flatMap((set) => set.bundles.map((b) =>
    `| bundle ${b.handler}${bundleFigures.sets.length > 1 ? ` (${set.source})` : ''}: ${b.minifiedKB} KB min (${b.gzipKB} KB gz), cold import ${b.coldImportMs} ms | +${b.overEmptyMs} ms (CPU +${b.overEmptyCpuMs} ms) | empty module ${bundleFigures.emptyMs} ms (CPU ${bundleFigures.emptyCpuMs} ms) | | ${b.api ? budgetVerdict(b) : '(nobody waits on its cold start)'} |`)) : []),
  ...(webFigures ? webFigures.map((w) =>
    `| web: ${PAGE_NAMES[w.page]}'s JS + CSS (${w.files} files, ${w.minifiedKB} KB minified), gzipped; download at ${SLOW_LINK_KBITS} kbit/s ${w.secondsAtSlowLink} s | ${w.gzipKB} KB | | | ${PAGE_GOALS[w.page] ?? ''} |`) : []),
  ...(countyList ? [
    `| web: the forms page with the largest county's registry kept for the branch picker (${countyList.county}, ${countyList.branches} branches: ${countyList.storedKB} KB kept on the device, ${countyList.gzipKB} KB gzipped to fetch) | ${countyList.formsWithListKB} KB | the page alone: ${webFigures!.find((w) => w.page === 'forms')!.gzipKB} KB | | (fetched once, then offline) |`,
  ] : []),
];
const markdown = [`# xiajiceng benchmarks (${started}, node ${process.version}, ${process.arch})`, '', ...rows, ''].join('\n');

const outDir = join(REPO_ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const breakdown = bundleFigures ? breakdownTable(bundleFigures) : undefined;
if (bundleFigures && breakdown) {
  writeFileSync(join(outDir, 'bundles.json'), JSON.stringify({ started, node: process.version, ...bundleFigures }, null, 2));
  writeFileSync(join(outDir, 'bundles.md'), `# xiajiceng bundles (${started}, node ${process.version}, ${process.arch})\n\n${breakdown}`);
}
if (!flags.only) {
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ started, node: process.version, intake: intakeFigures, throughput: throughputFigures, evidence: evidenceFigures, photoScaling: photoFigures, rollup: rollupFigures, history: historyFigures, reads: readFigures, notices: noticeFigures, registry: registryFigures, bundles: bundleFigures, web: webFigures, countyList }, null, 2));
  writeFileSync(join(outDir, 'bench.md'), breakdown ? `${markdown}\n${breakdown}` : markdown);
}
console.log(markdown);
if (breakdown) console.log(breakdown);
