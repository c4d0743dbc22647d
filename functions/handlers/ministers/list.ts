import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { listMinisters } from '#functions/use-cases/ministers/read-ministers.ts';

export const handler = httpHandler('GET /ministers', async ({ query, actor }) => ({ status: 200, body: await listMinisters(ministerDeps, query, actor.caller) }));
