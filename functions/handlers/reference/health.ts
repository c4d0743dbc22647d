import { httpHandler } from '#functions/http/handler.ts';
import { REFERENCE_ROUTES } from '#functions/reference-routes.ts';
import { routeIn } from '#functions/routes.ts';

/** For probes: answers without sign-in and without touching the database. */
export const handler = httpHandler(routeIn(REFERENCE_ROUTES, 'GET /health'), async () => ({
  status: 200,
  body: { status: 'ok', time: new Date().toISOString() },
  headers: { 'Cache-Control': 'no-store' },
}));
