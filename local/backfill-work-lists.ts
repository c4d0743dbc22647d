import { commandLine, usageError } from '#local/cli.ts';
import { tableConfig } from '#functions/config.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { localDataDir } from '#local/paths.ts';
import { findRunningStack } from '#local/stack-state.ts';
import { LOCAL_AWS_REGION, quietSdkNodeNotice } from '#local/handler-env.ts';
import { backfillWorkLists } from '#local/work-lists.ts';

/**
 * `npm run backfill-work-lists [-- --deployed] [--check]`: once, after deploying the version with the
 * work lists' sparse indexes and counters (issue 22), gives the records written before their list
 * keys and each region its counters (see local/work-lists.ts, docs/deploy.md). By default the running
 * local stack's table; with --deployed, the table the environment names as the functions' own does
 * (TABLE_NAME, AWS_REGION, credentials as the AWS CLI takes them).
 */
const NAME = 'npm run backfill-work-lists';
const USAGE = `usage: ${NAME} -- [--deployed] [--check] [--segments N]
  Gives every record the work lists' keys its state gives it, then makes each region's counters
  what its records add up to. Safe to run twice, and while the API serves (not while functions of
  the code before the work lists still write).
  --deployed     the table named by TABLE_NAME (AWS_REGION, AWS credentials) instead of npm start's
  --check        change nothing: recount and list every region whose counters differ, and how many
                 records' keys are off; exit 1 if anything is
  --segments N   parallel scan segments (default 4)`;

async function main() {
  const { values } = commandLine(NAME, USAGE, {
    options: { deployed: { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, segments: { type: 'string', default: '4' } },
  });
  const segments = Number(values.segments);
  if (!Number.isInteger(segments) || segments < 1 || segments > 64) usageError(NAME, USAGE, `--segments must be a whole number from 1 to 64, not ${values.segments}`);
  quietSdkNodeNotice();
  const target = values.deployed
    ? tableConfig()
    : await findRunningStack(localDataDir()).then((stack) => ({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, AWS_REGION: LOCAL_AWS_REGION }));
  const client = createDocumentClient(target, { requestTimeoutMs: 30_000 });
  try {
    const outcome = await backfillWorkLists({ client, tableName: target.TABLE_NAME }, { check: values.check, segments, onProgress: (message) => console.error(message) });
    const table = target.TABLE_NAME;
    for (const d of outcome.differences) {
      console.log(`${d.region} ${d.attribute}: records add up to ${d.counted}, counters ${values.check ? 'hold' : 'held'} ${d.held}`);
    }
    const regions = new Set(outcome.differences.map((d) => d.region)).size;
    if (values.check) {
      console.log(`${table}: ${outcome.records} records; ${outcome.keysSet} with list keys not as their state gives them; ${regions} regions whose counters differ`);
    } else if (!outcome.keysSet && !regions) {
      console.log(`${table}: nothing to change (${outcome.records} records' list keys and every region's counters were already right)`);
    } else {
      console.log(`${table}: list keys set on ${outcome.keysSet} of ${outcome.records} records (${outcome.writtenMeanwhile} written meanwhile kept their own); counters corrected in ${regions} regions`);
    }
    if (outcome.unsettled.length) {
      console.error(`${NAME}: regions written to in every one of ${outcome.rounds} rounds, not ${values.check ? 'checked' : 'corrected'}: ${outcome.unsettled.join(', ')} (run again when quieter)`);
    }
    if (outcome.unsettled.length || (values.check && (outcome.keysSet || regions))) process.exitCode = 1;
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`${NAME}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
