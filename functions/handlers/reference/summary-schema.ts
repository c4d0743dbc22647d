import * as z from 'zod/mini';
import { summarySchema } from '#schemas/summary.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { REFERENCE_ROUTES } from '#functions/reference-routes.ts';
import { routeIn } from '#functions/routes.ts';

/** Generated from the same zod schema the API answers with, once per instance. */
const schema = {
  $id: '/schemas/summary.json',
  ...z.toJSONSchema(summarySchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }),
};

export const handler = httpHandler(routeIn(REFERENCE_ROUTES, 'GET /schemas/summary.json'), async () => ({
  status: 200,
  body: schema,
  headers: { 'Content-Type': 'application/schema+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
}));
