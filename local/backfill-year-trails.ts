import { commandLine } from '#local/cli.ts';
import { tableConfig } from '#functions/config.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { localDataDir } from '#local/paths.ts';
import { findRunningStack } from '#local/stack-state.ts';
import { LOCAL_AWS_REGION, quietSdkNodeNotice } from '#local/handler-env.ts';
import { backfillYearTrails } from '#local/year-trails.ts';

/**
 * `npm run backfill-year-trails [-- --deployed]`: once, after deploying the version that keeps heads'
 * trails by year, moves the change entries written before into their year (see docs/reliability.md).
 * By default the running local stack's table; with --deployed, the table the environment names as
 * the functions' own does (TABLE_NAME, AWS_REGION, credentials as the AWS CLI takes them).
 */
const USAGE = `usage: npm run backfill-year-trails -- [--deployed]
  Moves change entries written before heads' trails were kept by year into their year's trail, so
  scorecards read one year. Safe to run twice, and while the API serves.`;
async function main() {
  const { values } = commandLine('npm run backfill-year-trails', USAGE, { options: { deployed: { type: 'boolean', default: false } } });
  quietSdkNodeNotice();
  const target = values.deployed
    ? tableConfig()
    : await findRunningStack(localDataDir()).then((stack) => ({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, AWS_REGION: LOCAL_AWS_REGION }));
  const client = createDocumentClient(target, { requestTimeoutMs: 30_000 });
  try {
    const { moved, markers } = await backfillYearTrails({ client, tableName: target.TABLE_NAME }, (n) => console.error(`${n} moved…`));
    console.log(`${target.TABLE_NAME}: ${moved} change entries moved into their year's trail, ${markers} markers written`);
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run backfill-year-trails: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
