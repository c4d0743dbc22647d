import { rollupDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { readSummary } from '#functions/use-cases/reporting/read-summary.ts';

/**
 * A closed day's snapshot never changes (short of an explicit rebuild): clients may keep it an hour.
 * The newest or a provisional one changes with each run: revalidate (the ETag is its generation time).
 */
export const handler = httpHandler('GET /summary', async ({ query }) => {
  const snapshot = await readSummary(rollupDeps, query.region, query.date);
  const settled = query.date !== undefined && !snapshot.provisional;
  return {
    status: 200,
    body: snapshot,
    version: `${snapshot.asOf}@${snapshot.generatedAt}`,
    headers: { 'Cache-Control': settled ? 'private, max-age=3600' : 'private, no-cache' },
  };
});
