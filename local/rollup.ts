import { parseArgs } from 'node:util';
import * as z from 'zod';
import { addDays, beijingDate } from '#schemas/time.ts';
import { exposeTableToHandlers } from '#local/handler-env.ts';
import { localDataDir } from '#local/paths.ts';
import { findRunningStack } from '#local/stack-state.ts';

/**
 * `npm run rollup -- --date YYYY-MM-DD [--rebuild]`: the very use case the scheduled function runs,
 * against the database of the running local stack (default: yesterday, Beijing time).
 */
async function main() {
  const { values } = parseArgs({ options: { date: { type: 'string' }, rebuild: { type: 'boolean', default: false } } });
  const date = z.iso.date().parse(values.date ?? addDays(beijingDate(), -1));
  const stack = await findRunningStack(localDataDir());
  exposeTableToHandlers({ tableName: stack.tableName, dynamodbEndpoint: stack.dynamodbEndpoint });
  // Imported only now: the composition reads the table from the environment just set.
  const { rollupDeps } = await import('#functions/composition.ts');
  const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
  const started = performance.now();
  const outcome = await runRollup(rollupDeps, date, { rebuild: values.rebuild });
  const ms = Math.round(performance.now() - started);
  for (const day of outcome.days) console.log(`${day.date}  ${day.provisional ? 'provisional' : 'closed     '}  ${day.changes} changes`);
  if (!outcome.days.length) console.log(`${date} was already closed; nothing changed (--rebuild recomputes it)`);
  const { region, totals, asOf, provisional } = outcome.province;
  console.log(`\n${region.name} ${asOf}${provisional ? '（截至目前，临时）' : ''}  (${ms} ms)`);
  console.log(`  部长 ${totals.ministers}  组织生活 ${totals.sessions}  座谈会 ${totals.symposiums}  党员参加 ${totals.participants}  意见建议 ${totals.suggestions}  已答复或解决 ${totals.suggestionsAnsweredOrResolved}`);
  const { problems, models } = totals;
  console.log(`  调研报告 ${totals.reports}  问题 待整改 ${problems.open} 整改中 ${problems.rectifying} 已整改 ${problems.rectified} 逾期 ${problems.overdue}  培训 ${totals.trainings} 场 ${totals.peopleTrained} 人  制度机制 ${totals.mechanisms}  先进典型 推荐 ${models.nominated} 选树 ${models.approved}  督查 ${totals.inspections} 次 发现 ${totals.inspectionFindings} 条`);
}

main().catch((error: unknown) => {
  console.error(`npm run rollup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
