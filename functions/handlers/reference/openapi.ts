import { httpHandler } from '#functions/http/handler.ts';
import { REFERENCE_ROUTES } from '#functions/reference-routes.ts';
import { routeIn } from '#functions/routes.ts';
import { openApiDocument } from '#functions/http/openapi.ts';

export const handler = httpHandler(routeIn(REFERENCE_ROUTES, 'GET /openapi.json'), async () => ({
  status: 200,
  body: openApiDocument(),
  headers: { 'Cache-Control': 'public, max-age=300' },
}));
