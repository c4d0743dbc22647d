import { attachmentDeps } from '#functions/evidence-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ATTACHMENT_ROUTES } from '#functions/attachment-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { AttachmentDeps } from '#functions/use-cases/deps.ts';
import { readAttachment } from '#functions/use-cases/attachments/read-attachment.ts';

/** The answer holds a download URL of its own: never cached (a cached one would outlive the URL and the caller's access). */
export const handlerWith = (deps: () => AttachmentDeps) => httpHandler(routeIn(ATTACHMENT_ROUTES, 'GET /attachments/{id}'), async ({ params, actor }) => ({
  status: 200,
  body: await readAttachment(deps(), params.id, actor.caller),
  headers: { 'Cache-Control': 'no-store' },
}));

export const handler = handlerWith(attachmentDeps);
