import { regionTree } from '#schemas/regions.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { fixedRoute } from '#functions/fixed-routes.ts';

const tree = regionTree();

/** Reference data changes with a GB/T 2260 revision, not daily: cacheable for a day. */
export const handler = httpHandler(fixedRoute('GET /regions'), async () => ({
  status: 200,
  body: tree,
  headers: { 'Cache-Control': 'public, max-age=86400' },
}));
