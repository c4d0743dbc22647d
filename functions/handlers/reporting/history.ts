import { createHash } from 'node:crypto';
import { rollupDeps } from '#functions/rollup-composition.ts';
import { CSV_HEADERS, wantsCsv } from '#functions/http/csv.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { REPORTING_ROUTES } from '#functions/reporting-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RollupDeps } from '#functions/use-cases/deps.ts';
import { historyCsv } from '#functions/rollup/csv.ts';
import { figuresRegion, readSummaryHistory } from '#functions/use-cases/reporting/read-summary.ts';

/** The series changes once a night (and with provisional runs): always revalidate. */
export const handlerWith = (deps: () => RollupDeps) => httpHandler(routeIn(REPORTING_ROUTES, 'GET /summary/history'), async ({ query, accept, actor }) => {
  const history = await readSummaryHistory(deps(), figuresRegion(actor.caller, query.region), query.from, query.to);
  const headers = { 'Cache-Control': 'private, no-cache', Vary: 'Accept' };
  // The series changes only when a run writes a snapshot in its range: its days and their generation times name it.
  const version = createHash('sha256').update(JSON.stringify([query, history.items.map((i) => [i.asOf, i.provisional, i.totals])])).digest('base64url').slice(0, 22);
  if (wantsCsv(query.format, accept)) {
    return { status: 200, text: historyCsv(history.region, history.items), version: `${version}.csv`, headers: { ...headers, ...CSV_HEADERS(`history-${history.region.code}.csv`) } };
  }
  return { status: 200, body: history, version, headers };
});

export const handler = handlerWith(rollupDeps);
