import { httpHandler } from '#functions/http/handler.ts';
import { fixedRoute } from '#functions/fixed-routes.ts';
import { openApiDocument } from '#functions/http/openapi.ts';

export const handler = httpHandler(fixedRoute('GET /openapi.json'), async () => ({
  status: 200,
  body: openApiDocument(),
  headers: { 'Cache-Control': 'public, max-age=300' },
}));
