import { attachmentDeps } from '#functions/evidence-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ATTACHMENT_ROUTES } from '#functions/attachment-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { AttachmentDeps } from '#functions/use-cases/deps.ts';
import { announceAttachment } from '#functions/use-cases/attachments/announce-attachment.ts';

/** 201 with the upload for a new attachment; 200 with a fresh one for a retry of the same body while it is pending. */
export const handlerWith = (deps: () => AttachmentDeps) => httpHandler(routeIn(ATTACHMENT_ROUTES, 'POST /attachments'), async ({ body, actor }) => {
  const { created, attachment, upload } = await announceAttachment(deps(), body, actor);
  return {
    status: created ? 201 : 200,
    body: { id: attachment.id, status: attachment.status, upload },
    headers: { Location: `/attachments/${attachment.id}`, 'Cache-Control': 'no-store' },
  };
});

export const handler = handlerWith(attachmentDeps);
