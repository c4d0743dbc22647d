import { rollupDeps } from '#functions/composition.ts';
import { CSV_HEADERS, wantsCsv } from '#functions/http/csv.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { historyCsv } from '#functions/rollup/csv.ts';
import { readSummaryHistory } from '#functions/use-cases/reporting/read-summary.ts';

/** The series changes once a night (and with provisional runs): always revalidate. */
export const handler = httpHandler('GET /summary/history', async ({ query, accept }) => {
  const history = await readSummaryHistory(rollupDeps, query.region, query.from, query.to);
  const headers = { 'Cache-Control': 'private, no-cache', Vary: 'Accept' };
  if (wantsCsv(query.format, accept)) {
    return { status: 200, text: historyCsv(history.region, history.items), headers: { ...headers, ...CSV_HEADERS(`history-${history.region.code}.csv`) } };
  }
  return { status: 200, body: history, headers };
});
