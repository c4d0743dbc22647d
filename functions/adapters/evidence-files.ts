import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EvidenceConfig } from '#functions/config.ts';
import type { EvidenceObjects } from '#functions/ports/evidence.ts';
import { attachmentIdOfObjectKey } from '#functions/domain/evidence-key.ts';
import { LOCAL_S3_CREDENTIALS } from './evidence-urls.ts';
import { textOf } from './thrown.ts';

/**
 * The evidence bucket's objects, as the verify function reads them (the S3 client); with
 * evidence-urls.ts (presigned URLs, the SDK's presigner without the client) the only code that knows
 * the S3 SDK. Presigned URLs let the phone send the bytes and a reader fetch them without passing
 * through a function; the verify function reads the first bytes of what arrived.
 *
 * On AWS, S3 itself enforces what a presigned URL was signed for: its signature (the signing
 * function's own credentials, so its IAM grant bounds it), its expiry, the method and key, and here
 * the Content-Type and Content-Length of an upload and its `If-None-Match: *` (all signed, so an
 * upload creates its object or fails: stored bytes are never replaced). The local S3-compatible
 * server (s3rver) does not check signatures; local/s3-guard.ts filters keys and refuses overwrites in
 * front of it, and locally the API is what decides who gets a URL.
 */

/** An object named in an S3 event (keys there are URL-encoded, spaces as `+`): its key and attachment, or undefined for any other object. */
export function objectOfEventKey(eventKey: string): { key: string; attachmentId: string } | undefined {
  let key: string;
  try {
    key = decodeURIComponent(eventKey.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
  const attachmentId = attachmentIdOfObjectKey(key);
  return attachmentId ? { key, attachmentId } : undefined;
}

export type { EvidenceObjects };


/** One client per function instance. Locally: the endpoint, path-style addressing, s3rver's key. */
export function createS3Client(config: EvidenceConfig): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    // Only ranges are read: a checksum of the whole object cannot be checked against one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS } : {}),
  });
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound', 'NoSuchBucket']);

export function evidenceObjects(client: S3Client, bucket: string): EvidenceObjects {
  return {
    async head(key, bytes) {
      try {
        // The size first: a range of an empty object is not satisfiable (S3 answers 416; s3rver breaks the connection).
        const { ContentLength: size = 0 } = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        if (size === 0) return { bytes: new Uint8Array(0), size };
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${Math.min(bytes, size) - 1}` }));
        return { bytes: await res.Body!.transformToByteArray(), size };
      } catch (error) {
        if (NOT_FOUND.has(textOf(error, 'name')) || NOT_FOUND.has(textOf(error, 'Code'))) return undefined;
        throw error;
      }
    },
  };
}
