import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { localDynamoDbClient, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { exposeTableToHandlers } from '#local/handler-env.ts';
import { createLocalApi } from '#local/http-adapter.ts';
import { ephemeralIssuer, userToken } from '#local/issuer.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { ensureTable } from '#local/table.ts';
import { measureBundles } from './bundles.ts';
import { measureIntake } from './intake.ts';
import { measureRollup } from './rollup.ts';

/**
 * `npm run bench`: figures, each beside a baseline measured in the same run (so they hold on a
 * noisy machine). Writes bench/results/bench.json and bench.md, and prints the table.
 */
// 3,000 so the p99 rests on 30 requests, not a handful of GC pauses.
const SAMPLES = Number(process.argv[2] ?? 3000);
const TABLE = 'xiajiceng-bench';

async function intake() {
  const dynamodb = await startDynamoDbLocal({});
  try {
    const admin = localDynamoDbClient(dynamodb.endpoint);
    await ensureTable(admin, TABLE);
    admin.destroy();
    exposeTableToHandlers({ tableName: TABLE, dynamodbEndpoint: dynamodb.endpoint });
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    // Tokens checked as on AWS, so the HTTP figure includes the authorizer's work.
    const issuer = ephemeralIssuer();
    const api = await createLocalApi({ port: 0, quiet: true, issuer });
    // The bare baseline uses the handlers' own client settings, so only the handler path differs.
    const client = createDocumentClient({ TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_REGION: 'cn-northwest-1' });
    try {
      const { handler } = await import('#functions/handlers/records/create.ts');
      const token = userToken(issuer, { sub: 'bench', role: 'admin', region: '630000' });
      return await measureIntake({ url: api.url, token }, handler, client, TABLE, SAMPLES);
    } finally {
      client.destroy();
      await api.close();
    }
  } finally {
    await dynamodb.stop();
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

const started = new Date().toISOString();
const intakeFigures = await intake();
const rollupFigures = await rollup();
const bundleFigures = await measureBundles(join(tmpdir(), 'xiajiceng-bench-bundles'));

const rows = [
  '| figure | measured | baseline (same run) | ratio | goal |',
  '|---|---|---|---|---|',
  `| POST /visits handler p50, in-process → DynamoDB Local (${intakeFigures.samples} sequential) | ${intakeFigures.handler.p50} ms | bare transaction ${intakeFigures.bareTransaction.p50} ms | ${intakeFigures.handlerP50Ratio}× | ≤ 1.2× |`,
  `| POST /visits handler p99 | ${intakeFigures.handler.p99} ms | bare transaction ${intakeFigures.bareTransaction.p99} ms | ${intakeFigures.handlerP99Ratio}× | ≤ 1.2× |`,
  `| POST /visits p50 through the local HTTP server | ${intakeFigures.http.p50} ms | bare transaction ${intakeFigures.bareTransaction.p50} ms | ${intakeFigures.httpP50Ratio}× | (API Gateway's hop on AWS) |`,
  `| POST /visits p99 through the local HTTP server | ${intakeFigures.http.p99} ms | bare transaction ${intakeFigures.bareTransaction.p99} ms | ${intakeFigures.httpP99Ratio}× | |`,
  ...rollupFigures.nightly.map((n) =>
    `| nightly rollup of one day of ${n.dayChanges} changes over ${n.history} records of history | ${n.ms} ms | over ${rollupFigures.nightly[0].history}: ${rollupFigures.nightly[0].ms} ms | ${Math.round((n.ms / rollupFigures.nightly[0].ms) * 100) / 100}× | ≤ 1.3× |`),
  `| full rebuild over ${rollupFigures.rebuild.records} records | ${rollupFigures.rebuild.ms} ms, ${rollupFigures.rebuild.recordsPerSecond} records/s | | | |`,
  ...bundleFigures.bundles.map((b) =>
    `| bundle ${b.handler}: ${b.minifiedKB} KB min (${b.gzipKB} KB gz), cold import ${b.coldImportMs} ms | +${b.overEmptyMs} ms | empty module ${bundleFigures.emptyMs} ms | | ≤ 300 KB, ≤ +80 ms |`),
];
const markdown = [`# xiajiceng benchmarks (${started}, node ${process.version}, ${process.arch})`, '', ...rows, ''].join('\n');

const outDir = join(REPO_ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ started, node: process.version, intake: intakeFigures, rollup: rollupFigures, bundles: bundleFigures }, null, 2));
writeFileSync(join(outDir, 'bench.md'), markdown);
console.log(markdown);
