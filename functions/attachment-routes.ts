import { attachmentInputSchema, attachmentSchema, attachmentUploadSchema } from '#schemas/attachment.ts';
import { recordIdParamsSchema } from '#schemas/form.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The evidence routes (佐证材料), written out apart from routes.ts so that the functions of the other
 * routes carry none of the attachments' API schemas; route-table.ts joins them into ROUTES.
 */
export const ATTACHMENT_ROUTES = [
  {
    method: 'POST', path: '/attachments', handler: 'attachments/create', access: 'write', bucket: 'put', auth: 'signed-in', permission: 'records.correct',
    operationId: 'createAttachment', summary: 'Announce a photo or PDF (佐证材料) and get where to upload it: a presigned, create-only PUT for exactly its type and size', tag: 'attachments',
    body: attachmentInputSchema,
    responses: {
      201: { description: 'Announced (pending), with its upload', schema: attachmentUploadSchema },
      200: { description: 'Already announced with the same body and still pending (a retry): a fresh upload to a fresh object (once judged: 409)', schema: attachmentUploadSchema },
    },
  },
  {
    method: 'GET', path: '/attachments/{id}', handler: 'attachments/get', access: 'read', bucket: 'get', auth: 'signed-in', permission: 'records.read',
    operationId: 'getAttachment', summary: 'An attachment for its uploader or a reader of a record holding it: status, flags, and once stored a short-lived download', tag: 'attachments',
    params: recordIdParamsSchema,
    responses: { 200: { description: 'The attachment', schema: attachmentSchema } },
  },
] as const satisfies readonly RouteSpec[];
