import { rollupDeps } from '#functions/rollup-composition.ts';
import { CSV_HEADERS, wantsCsv } from '#functions/http/csv.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { REPORTING_ROUTES } from '#functions/reporting-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RollupDeps } from '#functions/use-cases/deps.ts';
import { regionsCsv } from '#functions/rollup/csv.ts';
import { figuresRegion, readSummary } from '#functions/use-cases/reporting/read-summary.ts';
import { signOffOf } from '#functions/use-cases/months/sign-off.ts';
import type { MonthStates } from '#functions/ports/months.ts';
import { monthStatesDeps } from '#functions/month-states-composition.ts';

/**
 * A closed day's snapshot never changes (short of an explicit rebuild): clients may keep it an hour.
 * The newest or a provisional one changes with each run: revalidate (the ETag is its generation time).
 */
export const handlerWith = (deps: () => RollupDeps, months: () => MonthStates = monthStatesDeps) => httpHandler(routeIn(REPORTING_ROUTES, 'GET /summary'), async ({ query, accept, actor }) => {
  const snapshot = await readSummary(deps(), figuresRegion(actor.caller, query.region), query.date);
  const settled = query.date !== undefined && !snapshot.provisional;
  const headers = { 'Cache-Control': settled ? 'private, max-age=3600' : 'private, no-cache', Vary: 'Accept' };
  const snapshotVersion = `${snapshot.asOf}@${snapshot.generatedAt}`;
  if (wantsCsv(query.format, accept)) {
    const text = regionsCsv(snapshot.asOf, [{ region: snapshot.region, totals: snapshot.totals }, ...snapshot.children]);
    return { status: 200, text, version: `${snapshotVersion}.csv`, headers: { ...headers, ...CSV_HEADERS(`summary-${snapshot.region.code}-${snapshot.asOf}.csv`) } };
  }
  // The sign-off is read live, so it is part of the answer's version: a step of the month changes the ETag.
  const signOff = await signOffOf(months(), snapshot.region.code, snapshot.asOf);
  const version = `${snapshotVersion}~${signOff.map((m) => `${m.state}.${m.children.approved}`).join('.')}`;
  return { status: 200, body: { ...snapshot, signOff }, version, headers };
});

export const handler = handlerWith(rollupDeps);
