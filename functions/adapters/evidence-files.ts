import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EvidenceConfig } from '#functions/config.ts';
import { LOCAL_S3_CREDENTIALS, objectKeyOf } from './evidence-urls.ts';

/**
 * The evidence bucket's objects, as the verify function reads them (the S3 client); with
 * evidence-urls.ts (presigned URLs, the SDK's presigner without the client) the only code that knows
 * the S3 SDK. Presigned URLs let the phone send the bytes and a reader fetch them without passing
 * through a function; the verify function reads the first bytes of what arrived.
 *
 * On AWS, S3 itself enforces what a presigned URL was signed for: its signature (the signing
 * function's own credentials, so its IAM grant bounds it), its expiry, the method and key, and here
 * the Content-Type and Content-Length of an upload (both signed). The local S3-compatible server
 * (s3rver) does not check signatures, so locally the API is what decides who gets a URL.
 */

export { objectKeyOf };

/** The attachment an object key belongs to (keys in S3 events are URL-encoded, spaces as `+`), or undefined for any other object. */
export function attachmentIdOfKey(eventKey: string): string | undefined {
  let key: string;
  try {
    key = decodeURIComponent(eventKey.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
  const match = /^attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(key);
  return match?.[1];
}

/** The objects of the evidence bucket, as the verify function reads them. */
export interface EvidenceObjects {
  /** The first `bytes` of the stored object and its whole size, or undefined when there is none. */
  head(attachmentId: string, bytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined>;
}

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
    async head(id, bytes) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKeyOf(id), Range: `bytes=0-${bytes - 1}` }));
        const body = await res.Body!.transformToByteArray();
        // `bytes 0-65535/1234567`: the whole object's size after the slash.
        const total = /\/(\d+)$/.exec(res.ContentRange ?? '')?.[1];
        return { bytes: body, size: total !== undefined ? Number(total) : (res.ContentLength ?? body.length) };
      } catch (error) {
        const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
        // An empty object has no byte 0: S3 answers 416 to the range.
        if (e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416) return { bytes: new Uint8Array(0), size: 0 };
        if (NOT_FOUND.has(e.name ?? '') || NOT_FOUND.has(e.Code ?? '')) return undefined;
        throw error;
      }
    },
  };
}
