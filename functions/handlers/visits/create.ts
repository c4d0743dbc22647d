import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { createVisit } from '#functions/use-cases/visits/create-visit.ts';

/** 201 for a new visit; 200 with the stored visit for a retry of the same body. */
export const handler = httpHandler('POST /visits', async ({ body, actor }) => {
  const { visit, created } = await createVisit(visitDeps, body, actor);
  return { status: created ? 201 : 200, body: visit, version: visit.version, headers: { Location: `/visits/${visit.id}` } };
});
