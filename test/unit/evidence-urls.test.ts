import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evidenceUrls, LOCAL_S3_CREDENTIALS } from '#functions/adapters/evidence-urls.ts';

/**
 * The evidence functions presign without the S3 client (a lighter bundle): their URLs must be the very
 * ones the S3 client's getSignedUrl makes, signature and all, on AWS (China and elsewhere) and locally.
 */

const ID = '0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11';
const KEY = `attachments/${ID}/b3Jk2mQ9xVt7LpA1sW0eZg`;
const CREDENTIALS = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+with=odd&chars' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T02:31:05.123Z'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', CREDENTIALS.sessionToken);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const cases = [
  { name: 'China (cn-northwest-1)', config: { AWS_REGION: 'cn-northwest-1', EVIDENCE_BUCKET: 'xiajiceng-evidence-123456789012-cn-northwest-1' }, credentials: CREDENTIALS },
  { name: 'elsewhere (us-east-1)', config: { AWS_REGION: 'us-east-1', EVIDENCE_BUCKET: 'xiajiceng-evidence-123456789012-us-east-1' }, credentials: CREDENTIALS },
  { name: 'the local S3-compatible server', config: { AWS_REGION: 'cn-northwest-1', EVIDENCE_BUCKET: 'xiajiceng-evidence-local', S3_ENDPOINT: 'http://127.0.0.1:45678' }, credentials: LOCAL_S3_CREDENTIALS },
];

describe.each(cases)('presigned URLs, $name', ({ config, credentials }) => {
  const client = () => new S3Client({
    region: config.AWS_REGION, credentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true } : {}),
  });
  const urls = () => evidenceUrls(config, config.EVIDENCE_BUCKET);

  it('uploads: the S3 client\'s URL, Content-Type, Content-Length and If-None-Match (create-only) signed', async () => {
    const expected = await getSignedUrl(client(), new PutObjectCommand({ Bucket: config.EVIDENCE_BUCKET, Key: KEY, ContentType: 'image/jpeg', ContentLength: 123_456, IfNoneMatch: '*' }), {
      expiresIn: 900, signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
    const url = await urls().uploadUrl(KEY, 'image/jpeg', 123_456, 900);
    expect(url).toBe(expected);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
  });

  it('downloads: the S3 client\'s URL, with the answer\'s content type and disposition', async () => {
    for (const answer of [{ contentType: 'image/png' }, { contentType: 'application/pdf', disposition: `attachment; filename="${ID}.pdf"` }]) {
      const expected = await getSignedUrl(client(), new GetObjectCommand({
        Bucket: config.EVIDENCE_BUCKET, Key: KEY, ResponseContentType: answer.contentType, ...(answer.disposition ? { ResponseContentDisposition: answer.disposition } : {}),
      }), { expiresIn: 600 });
      expect(await urls().downloadUrl(KEY, answer, 600)).toBe(expected);
    }
  });
});
