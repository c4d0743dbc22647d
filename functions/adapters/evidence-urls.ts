import { createHash, createHmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import type { EvidenceConfig } from '#functions/config.ts';
import type { EvidenceUrls } from '#functions/ports/evidence.ts';
import { CREATE_ONLY } from '#functions/domain/evidence-key.ts';

/**
 * Presigned URLs of the evidence bucket, made by the SDK's own S3 presigner without the S3 client
 * (which would more than double the bundle of each function that only hands out URLs). What the
 * client would add — its endpoint — is the bucket's regional virtual-hosted address on AWS and the
 * path-style address of the local S3-compatible server; a unit test checks these URLs are the very
 * ones the S3 client's `getSignedUrl` makes. See evidence-files.ts for what S3 enforces of them.
 */


/** The local S3-compatible server (s3rver) knows one access key, and checks no signature. */
export type { EvidenceUrls };

export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** SHA-256 and HMAC-SHA256 as the SigV4 signer wants them (node:crypto, no extra package). */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}
function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** RFC 3986 escaping, as the SDK writes a URL's query. */
const escape = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The bucket's host on AWS: the regional virtual-hosted endpoint (`.amazonaws.com.cn` in the China regions). */
const awsHost = (bucket: string, region: string) => `${bucket}.s3.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;

export function evidenceUrls(config: EvidenceConfig, bucket: string): EvidenceUrls {
  const region = config.AWS_REGION;
  const presigner = new S3RequestPresigner({
    region,
    credentials: config.S3_ENDPOINT ? LOCAL_S3_CREDENTIALS : fromEnv(),
    sha256: Sha256,
  } as ConstructorParameters<typeof S3RequestPresigner>[0]);
  const local = config.S3_ENDPOINT ? new URL(config.S3_ENDPOINT) : undefined;
  const base = local
    ? { protocol: local.protocol, hostname: local.hostname, port: local.port ? Number(local.port) : undefined, prefix: `/${bucket}` }
    : { protocol: 'https:', hostname: awsHost(bucket, region), port: undefined, prefix: '' };

  async function presign(method: 'PUT' | 'GET', key: string, headers: Record<string, string>, query: Record<string, string>, expiresIn: number) {
    const host = `${base.hostname}${base.port ? `:${base.port}` : ''}`;
    const path = `${base.prefix}/${key}`;
    const signed = await presigner.presign(
      { method, protocol: base.protocol, hostname: base.hostname, port: base.port, path, query, headers: { host, ...headers } },
      { expiresIn, signableHeaders: new Set(Object.keys(headers)) },
    );
    const search = Object.entries(signed.query ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${escape(k)}=${escape(String(v))}`).join('&');
    return `${base.protocol}//${host}${path}?${search}`;
  }

  return {
    uploadUrl: (key, contentType, size, expiresIn) =>
      // All signed: S3 refuses an upload of another type or length, and one onto an object already there.
      presign('PUT', key, { 'content-type': contentType, 'content-length': String(size), ...CREATE_ONLY }, { 'x-id': 'PutObject' }, expiresIn),
    downloadUrl: (key, answer, expiresIn) => presign('GET', key, {}, {
      ...(answer.disposition ? { 'response-content-disposition': answer.disposition } : {}),
      'response-content-type': answer.contentType,
      'x-id': 'GetObject',
    }, expiresIn),
  };
}
