import { describe, expect, it } from 'vitest';
import { attachmentFlags, attachmentsField, outsideQinghai } from '#schemas/attachment.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { detectFileType } from '#functions/domain/file-type.ts';
import { readCaptureFacts } from '#functions/domain/photo-metadata.ts';
import { objectOfEventKey } from '#functions/adapters/evidence-files.ts';
import { isEvidenceKey, newUploadName, objectKeyOf } from '#functions/domain/evidence-key.ts';
import { exifBlock, jpeg, notAnImage, pdf, png, webp } from '../support/evidence-files.ts';
import { SAMPLES } from '../support/samples.ts';

/** Evidence's pure parts: what a file is by its bytes, what a photo says of itself, and the flags staff see. */

const facts = { takenAt: '2026:11:20 10:31:05', offset: '+08:00', latitude: 36.6171, longitude: 101.7782 };

describe('magic numbers', () => {
  it('recognise JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(detectFileType(jpeg(facts))).toBe('image/jpeg');
    expect(detectFileType(jpeg())).toBe('image/jpeg');
    expect(detectFileType(png())).toBe('image/png');
    expect(detectFileType(webp(facts))).toBe('image/webp');
    expect(detectFileType(pdf())).toBe('application/pdf');
  });

  it('recognise nothing else: HTML, a bare TIFF, other RIFF files, GIF, truncated signatures, no bytes', () => {
    expect(detectFileType(notAnImage())).toBeUndefined();
    expect(detectFileType(exifBlock(facts))).toBeUndefined();
    expect(detectFileType(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(detectFileType(Buffer.from('GIF89a', 'latin1'))).toBeUndefined();
    expect(detectFileType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(detectFileType(png().subarray(0, 7))).toBeUndefined();
    expect(detectFileType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('capture facts, read from the file', () => {
  it('read the capture time with its offset, and the GPS position, from a JPEG\'s APP1, a PNG\'s eXIf and a WebP\'s EXIF chunk', async () => {
    for (const [bytes, type] of [[jpeg(facts), 'image/jpeg'], [png(facts), 'image/png'], [webp(facts), 'image/webp']] as const) {
      const read = await readCaptureFacts(bytes, type);
      expect(read, type).toEqual({ kind: 'image', capturedAt: '2026-11-20T10:31:05+08:00', gps: { latitude: expect.closeTo(36.6171, 4), longitude: expect.closeTo(101.7782, 4) } });
    }
  });

  it('take Beijing time when the photo gives no offset, and keep another offset as given', async () => {
    expect((await readCaptureFacts(jpeg({ takenAt: '2026:11:20 23:30:00' }), 'image/jpeg')).capturedAt).toBe('2026-11-20T23:30:00+08:00');
    expect((await readCaptureFacts(jpeg({ takenAt: '2026:11:20 23:30:00', offset: '+06:00' }), 'image/jpeg')).capturedAt).toBe('2026-11-20T23:30:00+06:00');
  });

  it('find nothing where there is nothing: no EXIF, a zeroed clock, a damaged block, a PDF', async () => {
    expect(await readCaptureFacts(jpeg(), 'image/jpeg')).toEqual({ kind: 'image' });
    expect(await readCaptureFacts(webp(), 'image/webp')).toEqual({ kind: 'image' });
    expect(await readCaptureFacts(jpeg({ takenAt: '0000:00:00 00:00:00' }), 'image/jpeg')).toEqual({ kind: 'image' });
    const damaged = jpeg(facts);
    damaged.fill(0xee, 30, 60);
    expect((await readCaptureFacts(damaged, 'image/jpeg')).kind).toBe('image');
    expect(await readCaptureFacts(pdf(), 'application/pdf')).toEqual({ kind: 'document' });
  });
});

describe('flags', () => {
  const photo = { kind: 'image' as const, capturedAt: '2026-11-20T10:31:05+08:00', gps: { latitude: 36.6, longitude: 101.8 } };

  it('say nothing of a photo taken on site on the record\'s day, or within a day of it', () => {
    expect(attachmentFlags(photo, ['2026-11-20'])).toEqual([]);
    expect(attachmentFlags(photo, ['2026-11-21', '2026-11-19'])).toEqual([]);
    expect(attachmentFlags(photo, [])).toEqual([]);
  });

  it('flag a photo taken 2 or more days from the date of a record holding it, by the photo\'s own calendar date', () => {
    expect(attachmentFlags(photo, ['2026-11-22'])).toEqual(['capture-date-far']);
    expect(attachmentFlags(photo, ['2026-11-18'])).toEqual(['capture-date-far']);
    expect(attachmentFlags(photo, ['2026-11-20', '2026-12-20'])).toEqual(['capture-date-far']);
    expect(attachmentFlags({ ...photo, capturedAt: '2026-11-20T23:59:59+08:00' }, ['2026-11-22'])).toEqual(['capture-date-far']);
  });

  it('flag an image without a capture time, and one taken outside Qinghai (east 89.4–103.1, north 31.6–39.2)', () => {
    expect(attachmentFlags({ kind: 'image' }, ['2026-11-20'])).toEqual(['no-capture-time']);
    expect(attachmentFlags({ ...photo, gps: { latitude: 39.9, longitude: 116.4 } }, ['2026-11-20'])).toEqual(['gps-outside']);
    expect(attachmentFlags({ kind: 'image', gps: { latitude: 29.6, longitude: 91.1 } }, [])).toEqual(['no-capture-time', 'gps-outside']);
    for (const [latitude, longitude, outside] of [[31.6, 89.4, false], [39.2, 103.1, false], [31.59, 95, true], [39.21, 95, true], [35, 89.39, true], [35, 103.11, true]] as const) {
      expect(outsideQinghai({ latitude, longitude }), `${latitude}, ${longitude}`).toBe(outside);
    }
  });

  it('never flag a document', () => {
    expect(attachmentFlags({ kind: 'document' }, ['2030-01-01'])).toEqual([]);
  });
});

describe('records and their attachments', () => {
  it('name at most 20, each once', () => {
    const ids = Array.from({ length: 21 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    expect(attachmentsField.safeParse(ids.slice(0, 20)).success).toBe(true);
    expect(attachmentsField.safeParse(ids).success).toBe(false);
    const repeated = attachmentsField.safeParse([ids[0], ids[1], ids[0]]);
    expect(repeated.success).toBe(false);
    expect(repeated.error?.issues.map((i) => i.path)).toEqual([[2, 'id']]);
  });

  it('count for nothing: a record counts the same with or without them', () => {
    const stamp = { review: { state: 'received' as const }, version: 1, createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z' };
    const where = { ministerId: 'm-632621-01', countyCode: '632621', date: '2026-11-20' };
    const carrying = KINDS.filter((k) => 'attachments' in k.form.fields);
    expect(carrying.map((k) => k.name)).toEqual(['visit', 'problem', 'report', 'training', 'model', 'inspection']);
    for (const kind of carrying) {
      const body = SAMPLES[kind.name].valid(where);
      const plain = kind.create(kind.form.schemas.input.parse(body), stamp);
      const attachments = Array.from({ length: 20 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, caption: '现场照片' }));
      const held = kind.create(kind.form.schemas.input.parse({ ...body, attachments }), stamp);
      expect(kind.count(held), kind.name).toEqual(kind.count(plain));
      expect(kind.count(held), kind.name).toBeDefined();
    }
  });

  it('keep each announcement\'s bytes under attachments/<id>/<upload>, and the verify function finds the attachment and object back from an event\'s key', () => {
    const id = '0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11';
    const upload = newUploadName();
    expect(upload).not.toBe(newUploadName());
    const key = objectKeyOf(id, upload);
    expect(key).toBe(`attachments/${id}/${upload}`);
    expect(objectOfEventKey(key)).toEqual({ key, attachmentId: id });
    expect(objectOfEventKey(encodeURIComponent(key))).toEqual({ key, attachmentId: id });
    expect(isEvidenceKey(key)).toBe(true);
    for (const other of ['other/thing', `attachments/${id}`, `attachments/${id}/x`, `attachments/${id}/${upload}/x`, `attachments/${id}/..%2f${upload.slice(5)}`, '%E0%A4%A']) {
      expect(objectOfEventKey(other), other).toBeUndefined();
    }
    expect(isEvidenceKey(`attachments/${id}/../../../${upload}`)).toBe(false);
    expect(isEvidenceKey(`attachments/..%2f..%2f${id}`)).toBe(false);
  });
});
