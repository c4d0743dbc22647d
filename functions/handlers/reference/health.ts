import { httpHandler } from '#functions/http/handler.ts';
import { fixedRoute } from '#functions/fixed-routes.ts';

/** For probes: answers without sign-in and without touching the database. */
export const handler = httpHandler(fixedRoute('GET /health'), async () => ({
  status: 200,
  body: { status: 'ok', time: new Date().toISOString() },
  headers: { 'Cache-Control': 'no-store' },
}));
