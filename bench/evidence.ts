import { randomUUID } from 'node:crypto';
import { CREATE_ONLY, newUploadName, objectKeyOf } from '#functions/domain/evidence-key.ts';
import { jpeg } from '../test/support/evidence-files.ts';
import { jsonHeaders } from './intake.ts';
import type { BenchStack } from './stack.ts';
import { quantile } from './stats.ts';

/**
 * The evidence upload path against a bare upload of the same bytes, same run, same local
 * S3-compatible server: what announcing (POST /attachments: a table write and a presigned PUT) and
 * verifying (the verify function's read of the first bytes, magic numbers, EXIF, the status write)
 * add to sending a photo.
 */

export interface EvidenceFigures {
  samples: number;
  bytes: number;
  /** POST /attachments, then the PUT, until the verify function has judged the upload. */
  path: { p50: number; p99: number };
  parts: { announce: number; put: number; verify: number };
  /** A PUT of the same bytes to the same server, no announcement, nothing verified (the verify function finds no attachment). */
  barePut: { p50: number; p99: number };
  p50Ratio: number;
  p99Ratio: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function measureEvidence(stack: BenchStack, samples = 200, log: (m: string) => void = () => {}): Promise<EvidenceFigures> {
  // A phone photo scaled for evidence (~200 KB), with its EXIF capture time and place.
  const photo = jpeg({ takenAt: '2026:11:20 10:31:05', offset: '+08:00', latitude: 34.48, longitude: 100.24 }, 200_000);
  const headers = jsonHeaders(stack.token);

  const uploadPath = async () => {
    const started = performance.now();
    const res = await fetch(`${stack.url}/attachments`, { method: 'POST', headers, body: JSON.stringify({ id: randomUUID(), contentType: 'image/jpeg', size: photo.length }) });
    const { upload, id } = await res.json() as { id: string; upload: { url: string; headers: Record<string, string> } };
    if (res.status !== 201) throw new Error(`POST /attachments answered ${res.status}`);
    const announced = performance.now();
    const { 'content-length': _, ...sent } = upload.headers;
    const put = await fetch(upload.url, { method: 'PUT', headers: sent, body: new Uint8Array(photo) });
    await put.arrayBuffer();
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    const uploaded = performance.now();
    await stack.s3.settled();
    const verified = performance.now();
    return { id, total: verified - started, announce: announced - started, put: uploaded - announced, verify: verified - uploaded };
  };
  const barePut = async () => {
    const started = performance.now();
    // The local server keeps its disk to evidence keys and create-only uploads (local/s3-guard.ts): an unannounced key of the evidence bucket.
    const key = objectKeyOf(randomUUID(), newUploadName());
    const put = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/${key}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', ...CREATE_ONLY }, body: new Uint8Array(photo) });
    await put.arrayBuffer();
    if (put.status !== 200) throw new Error(`bare PUT answered ${put.status}`);
    const elapsed = performance.now() - started;
    // Its ObjectCreated event finds no attachment; let it end before the next sample.
    await stack.s3.settled();
    return elapsed;
  };

  for (let i = 0; i < 20; i++) {
    await uploadPath();
    await barePut();
  }
  const path: number[] = [];
  const bare: number[] = [];
  const parts = { announce: [] as number[], put: [] as number[], verify: [] as number[] };
  let last = '';
  for (let i = 0; i < samples; i++) {
    const run = await uploadPath();
    path.push(run.total);
    parts.announce.push(run.announce);
    parts.put.push(run.put);
    parts.verify.push(run.verify);
    last = run.id;
    bare.push(await barePut());
    if ((i + 1) % 50 === 0) log(`${i + 1}/${samples}`);
  }
  // The last one was judged as a photo should be: stored, not rejected.
  const check = await fetch(`${stack.url}/attachments/${last}`, { headers });
  const status = ((await check.json()) as { status: string }).status;
  if (status !== 'stored') throw new Error(`the bench's photo was ${status}, not stored`);

  const [p50, p99, b50, b99] = [quantile(path, 0.5), quantile(path, 0.99), quantile(bare, 0.5), quantile(bare, 0.99)];
  return {
    samples,
    bytes: photo.length,
    path: { p50: round(p50), p99: round(p99) },
    parts: { announce: round(quantile(parts.announce, 0.5)), put: round(quantile(parts.put, 0.5)), verify: round(quantile(parts.verify, 0.5)) },
    barePut: { p50: round(b50), p99: round(b99) },
    p50Ratio: round(p50 / b50),
    p99Ratio: round(p99 / b99),
  };
}
