import * as z from 'zod';
import { beijingDate } from '#schemas/time.ts';
import { systemClock } from '#functions/system-clock.ts';
import { noticeRepository } from '#functions/repositories/notice-repository.ts';
import { createDocumentClient } from '#functions/adapters/dynamodb-client.ts';
import { recordLists } from '#functions/repositories/record-lists.ts';
import { runDailyNotices } from '#functions/use-cases/notices/run-daily-notices.ts';
import { commandLine, usageError } from '#local/cli.ts';
import { localDataDir } from '#local/paths.ts';
import { findRunningStack, stackDeps } from '#local/stack-state.ts';
import { LOCAL_AWS_REGION } from '#local/handler-env.ts';

/**
 * `npm run notices -- --date YYYY-MM-DD`: the very use case the 08:30 schedule runs, against the
 * database of the running local stack (default: today, Beijing time). Running a day again stores nothing.
 */
const USAGE = `usage: npm run notices -- [--date YYYY-MM-DD]
  Runs the time-based notice rules for a Beijing day (default: today) in the running local stack,
  exactly as the 08:30 schedule does on AWS; a notice already made is not made again.`;

async function main() {
  const { values } = commandLine('npm run notices', USAGE, { options: { date: { type: 'string' } } });
  const date = values.date ?? beijingDate();
  if (!z.iso.date().safeParse(date).success) usageError('npm run notices', USAGE, `--date wants a day as YYYY-MM-DD, not "${date}"`);
  const stack = await findRunningStack(localDataDir());
  const { records } = stackDeps(stack);
  const client = createDocumentClient({ TABLE_NAME: stack.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, AWS_REGION: LOCAL_AWS_REGION });
  const started = performance.now();
  const outcome = await runDailyNotices({ notices: noticeRepository({ client, tableName: stack.tableName }), lists: recordLists({ client, tableName: stack.tableName }), ministers: records.ministers, branches: records.branches, clock: systemClock }, date);
  const ms = Math.round(performance.now() - started);
  for (const [rule, count] of Object.entries(outcome.made)) console.log(`${rule.padEnd(24)} ${count}`);
  console.log(`${date}: ${outcome.stored} notices stored (${ms} ms)${outcome.stored === 0 ? '; none new' : ''}`);
  client.destroy();
}

main().catch((error: unknown) => {
  console.error(`npm run notices: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
