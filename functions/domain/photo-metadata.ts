import exifr from 'exifr';
import type { AttachmentType, CaptureFacts } from '#schemas/attachment.ts';

/**
 * A photo's capture time and place, read on the server from the stored file's first bytes (EXIF):
 * JPEG (APP1), PNG (eXIf) and WebP (its RIFF EXIF chunk, found here and handed to exifr as the TIFF
 * block it is). Never from anything the client says beside the file. Whatever cannot be read is
 * simply absent: the flags then tell staff (no capture time), the upload is not refused for it.
 */

/** EXIF's `YYYY:MM:DD HH:MM:SS` on the camera's clock, with its offset (Beijing time when the photo gives none). */
function captureInstant(dateTime: unknown, offset: unknown): string | undefined {
  if (typeof dateTime !== 'string') return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(dateTime.trim());
  if (!m) return undefined;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+08:00';
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
  // A camera with no clock set writes zeros or nonsense: no capture time, then.
  return Number.isNaN(Date.parse(iso)) || m[1] === '0000' ? undefined : iso;
}

/** The payload of a WebP's EXIF chunk (a TIFF block, some writers prefix `Exif\0\0`), if any. */
function webpExif(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.length;) {
    const type = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (type === 'EXIF') {
      const payload = bytes.subarray(at + 8, Math.min(at + 8 + size, bytes.length));
      const prefixed = String.fromCharCode(...payload.subarray(0, 6)) === 'Exif\0\0';
      return prefixed ? payload.subarray(6) : payload;
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export async function readCaptureFacts(bytes: Uint8Array, type: AttachmentType): Promise<CaptureFacts> {
  if (type === 'application/pdf') return { kind: 'document' };
  const source = type === 'image/webp' ? webpExif(bytes) : bytes;
  if (!source) return { kind: 'image' };
  let tags: Record<string, unknown> | undefined;
  try {
    // Raw values: exifr would otherwise turn the capture time into a Date on the server's own clock.
    tags = await exifr.parse(source instanceof Buffer ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength), {
      reviveValues: false, gps: true, exif: true, tiff: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false,
    });
  } catch {
    // A damaged or truncated EXIF block reads as none.
    tags = undefined;
  }
  const capturedAt = captureInstant(tags?.DateTimeOriginal ?? tags?.CreateDate, tags?.OffsetTimeOriginal ?? tags?.OffsetTime);
  const { latitude, longitude } = tags ?? {};
  const gps = finite(latitude) && finite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : undefined;
  return { kind: 'image', ...(capturedAt ? { capturedAt } : {}), ...(gps ? { gps } : {}) };
}
