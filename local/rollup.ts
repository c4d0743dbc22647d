import { commandLine, usageError } from '#local/cli.ts';
import * as z from 'zod';
import { addDays, beijingDate } from '#schemas/time.ts';
import { CSV_FIGURES, valueAt } from '#schemas/figures.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { localDataDir } from '#local/paths.ts';
import { findRunningStack, stackDeps } from '#local/stack-state.ts';

/**
 * `npm run rollup -- --date YYYY-MM-DD [--rebuild]`: the very use case the scheduled function runs,
 * against the database of the running local stack (default: yesterday, Beijing time).
 */
const USAGE = `usage: npm run rollup -- [--date YYYY-MM-DD] [--rebuild]
  Rolls up the figures as of the end of a Beijing day (default: yesterday) in the running local stack,
  exactly as the nightly function does on AWS: a closed day stays as it is; --rebuild recomputes it
  from every change.`;
async function main() {
  const { values } = commandLine('npm run rollup', USAGE, { options: { date: { type: 'string' }, rebuild: { type: 'boolean', default: false } } });
  const date = values.date ?? addDays(beijingDate(), -1);
  if (!z.iso.date().safeParse(date).success) usageError('npm run rollup', USAGE, `--date wants a day as YYYY-MM-DD, not "${date}"`);
  const stack = await findRunningStack(localDataDir());
  const started = performance.now();
  const outcome = await runRollup(stackDeps(stack).rollups, date, { rebuild: values.rebuild });
  const ms = Math.round(performance.now() - started);
  for (const day of outcome.days) console.log(`${day.date}  ${day.provisional ? 'provisional' : 'closed     '}  ${day.changes} changes`);
  if (!outcome.days.length) console.log(`${date} was already closed; nothing changed (--rebuild recomputes it)`);
  if (outcome.cards) console.log(`heads' cards: ${outcome.cards.moved} moved to the day's end, ${outcome.cards.counted} counted in full`);
  const { region, totals, asOf, provisional } = outcome.province;
  console.log(`\n${region.name} ${asOf}${provisional ? '（截至目前，临时）' : ''}  (${ms} ms)`);
  // Every figure of the table, named and measured as the CSV heads them, eight to a line.
  const figures = CSV_FIGURES.map(({ figure, path }) => `${figure.name} ${valueAt(totals, path).toLocaleString('en-US')}${figure.unit}`);
  for (let i = 0; i < figures.length; i += 8) console.log(`  ${figures.slice(i, i + 8).join('  ')}`);
}

main().catch((error: unknown) => {
  console.error(`npm run rollup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
