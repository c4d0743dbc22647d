import type { S3rverContext } from 's3rver';
import { CREATE_ONLY, isEvidenceKey } from '#functions/domain/evidence-key.ts';

/**
 * What stands in front of s3rver for the evidence bucket, doing locally what S3, the bucket policy and
 * the signed URLs do on AWS (s3rver checks no signature, and writes a key's decoded `..` segments
 * as they are: a crafted `..%2f` key wrote outside its folder):
 * - only the paths of evidence keys (`/<bucket>/attachments/<uuid>[/<upload>]`, as sent: no escapes)
 *   reach it, and only to be read, uploaded or asked about (CORS); anything else is 403;
 * - an upload must carry `If-None-Match: *` (the bucket policy refuses one without it on AWS), and
 *   one onto an object already there, or being written, is 412 (as S3's conditional write answers):
 *   stored bytes are never replaced.
 */
export function evidenceGuard(bucket: string, store: { existsObject(bucket: string, key: string): Promise<boolean> }) {
  const writing = new Set<string>();
  const refuse = (ctx: S3rverContext, status: number, code: string, message: string) => {
    ctx.status = status;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  };
  return async (ctx: S3rverContext, next: () => Promise<void>): Promise<void> => {
    const prefix = `/${bucket}/`;
    const key = ctx.path.startsWith(prefix) ? ctx.path.slice(prefix.length) : '';
    if (!isEvidenceKey(key) || !['GET', 'HEAD', 'PUT', 'OPTIONS'].includes(ctx.method)) {
      return refuse(ctx, 403, 'AccessDenied', 'Not an evidence object');
    }
    if (ctx.method !== 'PUT') return next();
    if (ctx.get('if-none-match') !== CREATE_ONLY['if-none-match']) return refuse(ctx, 403, 'AccessDenied', 'Uploads must be create-only (If-None-Match: *)');
    if (writing.has(key) || (await store.existsObject(bucket, key))) {
      return refuse(ctx, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    writing.add(key);
    try {
      await next();
    } finally {
      writing.delete(key);
    }
  };
}
