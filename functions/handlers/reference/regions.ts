import { regionTree } from '#schemas/regions.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { REFERENCE_ROUTES } from '#functions/reference-routes.ts';
import { routeIn } from '#functions/routes.ts';

const tree = regionTree();

/** Reference data changes with a GB/T 2260 revision, not daily: cacheable for a day. */
export const handler = httpHandler(routeIn(REFERENCE_ROUTES, 'GET /regions'), async () => ({
  status: 200,
  body: tree,
  headers: { 'Cache-Control': 'public, max-age=86400' },
}));
