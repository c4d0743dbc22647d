import { describe, expect, it } from 'vitest';
import { readCaptureFacts } from '#functions/domain/photo-metadata.ts';
import { app1Segment, findExifTiff, insertApp1, jpegFrameSize, orientedSize, readPhotoFacts, scaledSize, sniff, tiffForScaled } from '#web/src/evidence/exif.ts';
import { backoffMs, type EvidenceFile, isDue, moves, stateText, uploadUsable } from '#web/src/evidence/files.ts';
import { memoryStore } from '#web/src/evidence/store.ts';
import { createEvidence, type EvidenceApi } from '#web/src/evidence/uploader.ts';
import { captureLine, placeText, sizeChange, timeText } from '#web/src/evidence/words.ts';
import { exifBlock, jpeg, pdf, png, webp } from '../support/evidence-files.ts';

/** Evidence on the phone, without a browser: EXIF found, read, carried into a scaled JPEG; files' moves; the uploader's order. */

const FACTS = { takenAt: '2026:11:20 10:31:05', offset: '+08:00', latitude: 36.62, longitude: 101.78 };

/**
 * A big-endian TIFF block as some cameras write it: IFD0 with an orientation and a link to an Exif
 * IFD (a capture time), then IFD1 (the embedded thumbnail's IFD) and the thumbnail bytes last.
 */
function cameraTiff(orientation: number): Uint8Array {
  const bytes: number[] = [];
  const u16 = (v: number) => bytes.push((v >> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => bytes.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  const entry = (tag: number, type: number, count: number, value: number, short = false) => {
    u16(tag); u16(type); u32(count);
    if (short) { u16(value); u16(0); } else u32(value);
  };
  bytes.push(0x4d, 0x4d); u16(42); u32(8);
  // IFD0 at 8: 2 entries and the link to IFD1 → ends at 8 + 2 + 24 + 4 = 38.
  u16(2); entry(0x0112, 3, 1, orientation, true); entry(0x8769, 4, 1, 38); u32(76);
  // The Exif IFD at 38 → 56, its DateTimeOriginal's 20 bytes out of line at 56 → 76.
  u16(1); entry(0x9003, 2, 20, 56); u32(0);
  for (const c of '2026:11:19 09:00:00\0') bytes.push(c.charCodeAt(0));
  // IFD1 at 76 → 106, then the thumbnail's 500 bytes → 606.
  u16(2); entry(0x0201, 4, 1, 106); entry(0x0202, 4, 1, 500); u32(0);
  for (let i = 0; i < 500; i++) bytes.push(0xab);
  return Uint8Array.from(bytes);
}

describe('EXIF in the browser (exif.ts)', () => {
  it('finds the TIFF block in a JPEG, a PNG and a WebP, and reads capture time, offset and place from it', () => {
    for (const file of [jpeg(FACTS), png(FACTS), webp(FACTS)]) {
      const tiff = findExifTiff(file);
      expect(tiff).toBeDefined();
      expect(Buffer.from(tiff!)).toEqual(exifBlock(FACTS));
      const facts = readPhotoFacts(tiff);
      expect(facts).toMatchObject({ takenAt: '2026-11-20T10:31:05', offset: '+08:00', orientation: 1 });
      expect(facts.gps!.latitude).toBeCloseTo(36.62, 3);
      expect(facts.gps!.longitude).toBeCloseTo(101.78, 3);
    }
    expect(sniff(pdf())).toBe('application/pdf');
    expect(findExifTiff(jpeg())).toBeUndefined();
    expect(readPhotoFacts(undefined)).toEqual({ orientation: 1 });
    expect(readPhotoFacts(findExifTiff(jpeg({ takenAt: '2026:11:20 10:31:05' })))).toEqual({ takenAt: '2026-11-20T10:31:05', orientation: 1 });
  });

  it('keeps a photo\'s EXIF when a canvas re-encode dropped it: the server\'s own reader finds capture time and place in the result', async () => {
    const original = jpeg(FACTS);
    const reencoded = jpeg(undefined, 5000);
    expect(await readCaptureFacts(reencoded, 'image/jpeg')).toEqual({ kind: 'image' });
    const withExif = insertApp1(reencoded, app1Segment(tiffForScaled(findExifTiff(original)!)!)!);
    const server = await readCaptureFacts(withExif, 'image/jpeg');
    expect(server.capturedAt).toBe('2026-11-20T10:31:05+08:00');
    expect(server.gps!.latitude).toBeCloseTo(36.62, 3);
    expect(server.gps!.longitude).toBeCloseTo(101.78, 3);
    // The scan is untouched after the segment; inserting again replaces, never doubles, the EXIF.
    expect(Buffer.from(withExif.subarray(withExif.length - (reencoded.length - 2)))).toEqual(reencoded.subarray(2));
    const twice = insertApp1(withExif, app1Segment(exifBlock({ takenAt: '2025:01:02 03:04:05' }))!);
    expect(Buffer.from(twice).includes(Buffer.from('Exif\0\0', 'latin1'), 20)).toBe(false);
    expect(readPhotoFacts(findExifTiff(twice)).takenAt).toBe('2025-01-02T03:04:05');
    expect(() => insertApp1(pdf(), new Uint8Array(4))).toThrow();
  });

  it('sets the orientation upright (the pixels are drawn turned) and leaves the embedded thumbnail out', () => {
    const tiff = cameraTiff(6);
    expect(readPhotoFacts(tiff)).toEqual({ takenAt: '2026-11-19T09:00:00', orientation: 6 });
    const fit = tiffForScaled(tiff)!;
    expect(readPhotoFacts(fit)).toEqual({ takenAt: '2026-11-19T09:00:00', orientation: 1 });
    // Cut before IFD1 and its 500 thumbnail bytes; IFD0 links to nothing after it.
    expect(fit.length).toBe(76);
    expect(new DataView(fit.buffer, fit.byteOffset).getUint32(8 + 2 + 24)).toBe(0);
    // The original is untouched.
    expect(readPhotoFacts(tiff).orientation).toBe(6);
    expect(tiff.length).toBe(606);
  });

  it('turns width and height for orientations 5–8 and scales the long side to 1,600 px, never enlarging', () => {
    expect(orientedSize(4000, 3000, 6)).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize(4000, 3000, 3)).toEqual({ width: 4000, height: 3000 });
    expect(scaledSize(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(scaledSize(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(app1Segment(new Uint8Array(70_000))).toBeUndefined();
    // A JPEG's size from its frame header, past its APP segments, before decoding it.
    const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f, 0xa0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    const withFrame = insertApp1(Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xda, 0, 2, 0xff, 0xd9])]), app1Segment(exifBlock(FACTS))!);
    expect(jpegFrameSize(withFrame)).toEqual({ width: 4000, height: 3000 });
    expect(jpegFrameSize(jpeg(FACTS))).toBeUndefined();
    expect(jpegFrameSize(pdf())).toBeUndefined();
  });

  it('says when and where a photo was taken, and its size before and after', () => {
    expect(timeText('2026-11-20T10:31:05+08:00')).toBe('2026-11-20 10:31');
    expect(placeText({ latitude: 36.62, longitude: 101.78 })).toBe('北纬 36.62° 东经 101.78°');
    expect(captureLine({ contentType: 'image/jpeg', takenAt: '2026-11-20T10:31:05', gps: { latitude: 36.62, longitude: 101.78 } }))
      .toBe('拍摄于 2026-11-20 10:31 · 位置 北纬 36.62° 东经 101.78°');
    expect(captureLine({ contentType: 'image/jpeg' })).toBe('照片没有拍摄时间 · 没有位置信息');
    expect(sizeChange(4_200_000, 312_000)).toBe('4.0 MB → 305 KB');
    expect(sizeChange(900, 900)).toBe('900 B');
  });
});

const file = (over: Partial<EvidenceFile> = {}): EvidenceFile => ({
  id: '7f0c7c52-5f5e-4c57-9a0e-3f1f1f8f2a11', recordId: 'r1', name: 'a.jpg', contentType: 'image/jpeg', size: 300_000, originalSize: 4_000_000,
  state: 'draft', attempts: 0, addedAt: '2026-11-20T02:00:00.000Z', blob: new Blob([new Uint8Array(10)]), ...over,
});

describe('a file\'s moves (files.ts)', () => {
  it('backs off 2 s, 4 s, 8 s … up to 5 minutes', () => {
    expect([0, 1, 2, 3, 7, 8, 20].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 256000, 300000, 300000]);
  });

  it('goes draft → waiting → announced → uploading → verifying → stored, letting the bytes go only once stored', () => {
    const now = 1_000_000;
    let f = moves.queued(file());
    expect(f.state).toBe('waiting');
    expect(isDue(f, now, false)).toBe(true);
    f = moves.announced(f, { url: 'http://s3/x', headers: {}, expiresAt: new Date(now + 15 * 60_000).toISOString() });
    expect(uploadUsable(f, now)).toBe(true);
    expect(uploadUsable(f, now + 14.5 * 60_000)).toBe(false);
    f = moves.started(f);
    expect(stateText(f, 0.374)).toBe('上传中 37%');
    expect(isDue(f, now, true)).toBe(false);
    f = moves.uploaded(f, now);
    expect([f.state, stateText(f), f.blob !== undefined]).toEqual(['verifying', '已上传，校验中', true]);
    const pending = moves.verdict(f, 'pending', now);
    expect([pending.state, pending.notBefore]).toEqual(['verifying', now + 1000]);
    expect(isDue(pending, now + 500, false)).toBe(false);
    expect(isDue(pending, now + 500, true)).toBe(true);
    expect(isDue(pending, now + 1000, false)).toBe(true);
    expect([1, 2, 5, 40].map((n) => moves.verdict({ ...f, attempts: n }, 'pending', 0).notBefore)).toEqual([2000, 3000, 6000, 30000]);
    const stored = moves.verdict(f, 'stored', now);
    expect([stored.state, stateText(stored), stored.blob]).toEqual(['stored', '已上传', undefined]);
    expect(isDue(stored, now, true)).toBe(false);
  });

  it('backs off on no answer, asks for a fresh URL when one expired, and takes a rejection as final', () => {
    const now = 5_000;
    const announced = moves.announced(moves.queued(file()), { url: 'u', headers: {}, expiresAt: new Date(now + 900_000).toISOString() });
    const failed = moves.failed(moves.started(announced), now);
    expect([failed.state, failed.attempts, failed.notBefore, failed.upload?.url]).toEqual(['announced', 1, now + 2000, 'u']);
    const again = moves.failed(moves.started(failed), now);
    expect(again.notBefore).toBe(now + 4000);
    const expired = moves.expired(moves.started(announced), now);
    expect([expired.state, expired.upload]).toEqual(['waiting', undefined]);
    const rejected = moves.verdict(moves.uploaded(moves.started(announced), now), 'rejected', now);
    expect([rejected.state, stateText(rejected), rejected.blob !== undefined]).toEqual(['rejected', '未通过校验', true]);
    expect(isDue(rejected, now, true)).toBe(false);
    expect(isDue(rejected, now + 3_600_000, false)).toBe(false);
    expect('retry' in moves).toBe(false);
    expect(moves.alreadyStored(announced)).toMatchObject({ state: 'stored', blob: undefined, upload: undefined });
    expect(stateText(moves.queued(file()))).toBe('等待');
  });
});

class Offline extends Error {}

/** A fake API and bucket: POST /attachments, PUT with progress, GET the verdict. */
function fakeServer() {
  const calls: string[] = [];
  const verdicts = new Map<string, 'pending' | 'stored' | 'rejected'>();
  let down = false;
  let putStatus = 200;
  let expiresIn = 900_000;
  const refuse = new Set<string>();
  const api: EvidenceApi = {
    async announce(input) {
      calls.push(`announce ${input.id.slice(0, 2)}`);
      if (down) throw new Offline();
      if (refuse.has(input.id)) return { status: 413, body: { status: 413, title: '文件超过 10 MB' } };
      const judged = verdicts.get(input.id);
      if (judged === 'stored' || judged === 'rejected') return { status: 409, body: { type: `/problems/attachment-${judged}`, title: '该佐证材料已有校验结果', status: 409 } };
      return { status: 201, body: { id: input.id, status: 'pending', upload: { method: 'PUT', url: `http://s3/${input.id}`, headers: { 'content-type': input.contentType }, expiresAt: new Date(clock + expiresIn).toISOString() } } };
    },
    async get(id) {
      calls.push(`get ${id.slice(0, 2)}`);
      if (down) throw new Offline();
      return { status: 200, body: { id, status: verdicts.get(id) ?? 'pending' } };
    },
    async put(upload, _blob, onProgress) {
      calls.push(`put ${upload.url.slice(10, 12)}`);
      if (down) throw new Offline();
      onProgress(0.5);
      onProgress(1);
      if (putStatus === 200) verdicts.set(upload.url.slice(10), 'stored');
      return putStatus;
    },
  };
  let clock = 1_000_000;
  return {
    api, calls, verdicts, refuse,
    set: (o: { down?: boolean; putStatus?: number; expiresIn?: number }) => { down = o.down ?? down; putStatus = o.putStatus ?? putStatus; expiresIn = o.expiresIn ?? expiresIn; },
    now: () => clock,
    advance: (ms: number) => { clock += ms; },
  };
}

function setup(sent: Set<string> = new Set(['r1'])) {
  const server = fakeServer();
  const store = memoryStore();
  const progress: number[] = [];
  const evidence = createEvidence({
    store, api: server.api, now: server.now, isUnreachable: (e) => e instanceof Offline,
    recordSent: (id) => sent.has(id),
    onChange: (f) => { const p = f && evidence.progress(f.id); if (p !== undefined) progress.push(p); },
  });
  return { server, store, evidence, progress, sent };
}

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';

describe('the uploader (uploader.ts)', () => {
  it('announces a record\'s files before it is posted, uploads them once it is stored, and keeps a draft to itself', async () => {
    const { server, store, evidence, progress, sent } = setup(new Set());
    await evidence.add(file({ id: A }));
    await evidence.add(file({ id: B, addedAt: '2026-11-20T02:00:01.000Z' }));
    await evidence.run(true);
    expect(server.calls).toEqual([]);
    // Submitted naming A only: B, removed from the form, goes.
    await evidence.queue('r1', [A]);
    expect(store.data.has(B)).toBe(false);
    expect(await evidence.announceFor('r1', [A])).toBeUndefined();
    expect(evidence.get(A)!.state).toBe('announced');
    // Not stored yet: nothing uploads.
    await evidence.run(true);
    expect(server.calls).toEqual(['announce a0']);
    sent.add('r1');
    await evidence.run();
    expect(server.calls).toEqual(['announce a0', 'put a0', 'get a0']);
    expect(progress).toEqual([0, 0.5, 1]);
    expect(store.data.get(A)).toMatchObject({ state: 'stored' });
    expect(store.data.get(A)!.blob).toBeUndefined();
  });

  it('survives a reload mid-upload, backs off without a connection, and resumes with a fresh URL once the old one expired', async () => {
    const { server, store, evidence } = setup();
    await evidence.add(file({ id: A }));
    await evidence.queue('r1', [A]);
    await evidence.announceFor('r1', [A]);
    server.set({ down: true });
    await evidence.run(true);
    expect(store.data.get(A)).toMatchObject({ state: 'announced', attempts: 1, notBefore: server.now() + 2000 });
    // The page closes with the file mid-upload; reopened, it is waiting again, not stuck.
    await store.put({ ...store.data.get(A)!, state: 'uploading' });
    const reopened = createEvidence({ store, api: server.api, now: server.now, isUnreachable: (e) => e instanceof Offline, recordSent: () => true });
    await reopened.ready;
    expect(reopened.get(A)!.state).toBe('announced');
    server.set({ down: false });
    await reopened.run();
    expect(server.calls.filter((c) => c.startsWith('put'))).toHaveLength(1); // only the failed attempt: backing off
    server.advance(16 * 60_000);
    await reopened.run();
    // The URL had expired: announced again (same id, same body), then uploaded.
    expect(server.calls.slice(-3)).toEqual(['announce a0', 'put a0', 'get a0']);
    expect(reopened.get(A)!.state).toBe('stored');
  });

  it('asks for a fresh URL when the bucket refuses the old one, and shows a rejected file, which stays rejected', async () => {
    const { server, evidence } = setup();
    await evidence.add(file({ id: A }));
    await evidence.queue('r1', [A]);
    await evidence.announceFor('r1', [A]);
    server.set({ putStatus: 403 });
    await evidence.run(true);
    expect(evidence.get(A)).toMatchObject({ state: 'waiting', upload: undefined });
    server.set({ putStatus: 200 });
    server.verdicts.set(A, 'rejected');
    server.api.put = async (u, b, p) => { p(1); return 200; };
    await evidence.run(true);
    expect(evidence.get(A)).toMatchObject({ state: 'rejected', problem: '文件内容与类型或大小不符' });
    const calls = server.calls.length;
    await evidence.run(true);
    expect(server.calls.length).toBe(calls);
    expect(evidence.get(A)!.state).toBe('rejected');
  });

  it('learns a verdict it missed from the 409 of announcing a judged file again, and takes a 412 from the bucket as its bytes being there', async () => {
    const { server, evidence } = setup();
    await evidence.add(file({ id: A }));
    await evidence.add(file({ id: B, addedAt: '2026-11-20T02:00:01.000Z' }));
    await evidence.queue('r1', [A, B]);
    // Judged while the phone was away (its answers lost): announcing again says which.
    server.verdicts.set(A, 'stored');
    server.verdicts.set(B, 'rejected');
    await evidence.run(true);
    expect(evidence.get(A)).toMatchObject({ state: 'stored', blob: undefined });
    expect(evidence.get(B)).toMatchObject({ state: 'rejected', problem: '文件内容与类型或大小不符' });
    expect(server.calls.filter((c) => c.startsWith('put'))).toEqual([]);

    const again = setup();
    await again.evidence.add(file({ id: A }));
    await again.evidence.queue('r1', [A]);
    await again.evidence.announceFor('r1', [A]);
    // The first PUT's answer was lost; its object is there: the bucket refuses a second one (412).
    again.server.verdicts.set(A, 'stored');
    again.server.set({ putStatus: 412 });
    await again.evidence.run(true);
    expect(again.server.calls).toEqual(['announce a0', 'put a0', 'get a0']);
    expect(again.evidence.get(A)!.state).toBe('stored');
  });

  it('refuses the record with the file it names when the API refuses to announce it, and says "later" when busy', async () => {
    const { server, evidence } = setup(new Set());
    await evidence.add(file({ id: A }));
    await evidence.add(file({ id: B }));
    await evidence.queue('r1', [A, B]);
    server.refuse.add(B);
    const outcome = await evidence.announceFor('r1', [A, B]);
    expect(outcome).toMatchObject({ status: 422, body: { errors: [{ path: 'attachments[1].id', message: '文件超过 10 MB' }] } });
    expect(evidence.get(B)).toMatchObject({ state: 'refused', problem: '文件超过 10 MB' });
    server.set({ down: true });
    await expect(evidence.announceFor('r1', [A, B])).rejects.toBeInstanceOf(Offline);
    // Corrected and submitted again without B: B is not sent.
    await evidence.queue('r1', [A]);
    expect(evidence.ofRecord('r1').map((f) => f.id)).toEqual([A]);
    // Deleting the record from the outbox lets its files go.
    await evidence.dropRecord('r1');
    expect(evidence.files()).toEqual([]);
  });

  it('lets go of drafts of closed forms and stored files of records gone, but never a file still on its way', async () => {
    const { evidence } = setup();
    await evidence.add(file({ id: A, recordId: 'old-draft' }));
    await evidence.add(file({ id: B, recordId: 'gone', state: 'verifying' }));
    await evidence.prune(new Set(['r1']));
    expect(evidence.files().map((f) => f.id)).toEqual([B]);
  });
});
