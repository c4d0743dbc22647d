/**
 * A photo's EXIF, as much of it as evidence needs, without the DOM: find the TIFF block in a JPEG
 * (APP1 `Exif\0\0`), a PNG (eXIf) or a WebP (EXIF chunk); read its capture time, place and
 * orientation; and carry it into the scaled JPEG as an APP1 segment (orientation set upright, as the
 * pixels are drawn upright; the embedded thumbnail left out). The server reads capture time and place
 * from the stored file only (docs/api.md, Evidence), so a scaled photo must keep its APP1 or it reads
 * `no-capture-time`.
 */

export interface PhotoFacts {
  /** DateTimeOriginal on the camera's clock, `YYYY-MM-DDTHH:MM:SS`. */
  takenAt?: string;
  /** OffsetTimeOriginal, `+08:00`. */
  offset?: string;
  gps?: { latitude: number; longitude: number };
  /** EXIF orientation 1–8 (1 upright; 5–8 turned a quarter, width and height swapped). */
  orientation: number;
}

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const startsWith = (bytes: Uint8Array, at: number, prefix: readonly number[]) => prefix.every((b, i) => bytes[at + i] === b);

/** What the bytes are, by their magic numbers (a file's name and its browser-given type can lie). */
export function sniff(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | undefined {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/** The EXIF TIFF block (`II*\0…` or `MM\0*…`) of a JPEG, PNG or WebP; undefined when it carries none. */
export function findExifTiff(bytes: Uint8Array): Uint8Array | undefined {
  const type = sniff(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'image/jpeg') {
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      if (marker === 0xff) { at += 1; continue; }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
      if (marker === 0xda || marker === 0xd9) break;
      const length = view.getUint16(at + 2);
      if (marker === 0xe1 && startsWith(bytes, at + 4, EXIF_HEADER)) return bytes.subarray(at + 10, Math.min(bytes.length, at + 2 + length));
      at += 2 + length;
    }
    return undefined;
  }
  if (type === 'image/png') {
    for (let at = 8; at + 8 <= bytes.length;) {
      const length = view.getUint32(at);
      const name = ascii(bytes, at + 4, at + 8);
      if (name === 'eXIf') return bytes.subarray(at + 8, at + 8 + length);
      if (name === 'IEND') break;
      at += 12 + length;
    }
    return undefined;
  }
  if (type === 'image/webp') {
    for (let at = 12; at + 8 <= bytes.length;) {
      const length = view.getUint32(at + 4, true);
      if (ascii(bytes, at, at + 4) === 'EXIF') {
        const data = bytes.subarray(at + 8, at + 8 + length);
        // Some encoders keep JPEG's "Exif\0\0" in front of the TIFF block.
        return startsWith(data, 0, EXIF_HEADER) ? data.subarray(6) : data;
      }
      at += 8 + length + (length % 2);
    }
  }
  return undefined;
}

interface IfdEntry { tag: number; type: number; count: number; /** Where the value is: in the entry itself or out of line. */ valueAt: number; entryAt: number }

/** A TIFF block's reader: byte order, and one IFD's entries at a time. */
function tiffReader(tiff: Uint8Array) {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  if (tiff.length < 8 || view.getUint16(2, little) !== 42) return undefined;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const entries = (start: number): IfdEntry[] => {
    if (start <= 0 || start + 2 > tiff.length) return [];
    const count = u16(start);
    const found: IfdEntry[] = [];
    for (let i = 0; i < count; i++) {
      const entryAt = start + 2 + i * 12;
      if (entryAt + 12 > tiff.length) break;
      const type = u16(entryAt + 2);
      const n = u32(entryAt + 4);
      const size = (TYPE_BYTES[type] ?? 1) * n;
      found.push({ tag: u16(entryAt), type, count: n, entryAt, valueAt: size <= 4 ? entryAt + 8 : u32(entryAt + 8) });
    }
    return found;
  };
  const text = (e: IfdEntry | undefined) => {
    if (!e || e.type !== 2 || e.valueAt + e.count > tiff.length) return undefined;
    return ascii(tiff, e.valueAt, e.valueAt + e.count).replace(/\0.*$/s, '').trim() || undefined;
  };
  const rationals = (e: IfdEntry | undefined) => {
    if (!e || e.type !== 5 || e.valueAt + e.count * 8 > tiff.length) return undefined;
    return Array.from({ length: e.count }, (_, i) => { const d = u32(e.valueAt + i * 8 + 4); return d === 0 ? NaN : u32(e.valueAt + i * 8) / d; });
  };
  const pointer = (list: IfdEntry[], tag: number) => { const e = list.find((x) => x.tag === tag); return e ? u32(e.valueAt) : 0; };
  return { view, little, u16, u32, entries, text, rationals, pointer, ifd0: u32(4) };
}

const TAG = { orientation: 0x0112, exifIfd: 0x8769, gpsIfd: 0x8825, interopIfd: 0xa005, takenAt: 0x9003, offset: 0x9011 } as const;

/** Capture time, place and orientation from a TIFF block; what is missing or malformed is simply absent. */
export function readPhotoFacts(tiff: Uint8Array | undefined): PhotoFacts {
  const r = tiff && tiffReader(tiff);
  if (!r) return { orientation: 1 };
  const ifd0 = r.entries(r.ifd0);
  const orientationEntry = ifd0.find((e) => e.tag === TAG.orientation && e.type === 3);
  const orientation = orientationEntry ? r.u16(orientationEntry.valueAt) : 1;
  const facts: PhotoFacts = { orientation: orientation >= 1 && orientation <= 8 ? orientation : 1 };
  const exif = r.entries(r.pointer(ifd0, TAG.exifIfd));
  const taken = r.text(exif.find((e) => e.tag === TAG.takenAt));
  const match = taken && /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(taken);
  if (match && match[1] !== '0000') facts.takenAt = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  const offset = r.text(exif.find((e) => e.tag === TAG.offset));
  if (offset && /^[+-]\d{2}:\d{2}$/.test(offset)) facts.offset = offset;
  const gps = r.entries(r.pointer(ifd0, TAG.gpsIfd));
  const degrees = (tag: number) => { const v = r.rationals(gps.find((e) => e.tag === tag)); return v && v.length === 3 ? v[0] + v[1] / 60 + v[2] / 3600 : undefined; };
  const lat = degrees(2);
  const lon = degrees(4);
  if (lat !== undefined && lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon)) {
    const latRef = r.text(gps.find((e) => e.tag === 1));
    const lonRef = r.text(gps.find((e) => e.tag === 3));
    facts.gps = { latitude: latRef === 'S' ? -lat : lat, longitude: lonRef === 'W' ? -lon : lon };
  }
  return facts;
}

/** A JPEG's stored width and height, from its frame header (SOF), before any orientation. */
export function jpegFrameSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (sniff(bytes) !== 'image/jpeg') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 2; at + 9 <= bytes.length && bytes[at] === 0xff;) {
    const marker = bytes[at + 1];
    if (marker === 0xff) { at += 1; continue; }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** Width and height as the photo is seen (orientations 5–8 are turned a quarter). */
export const orientedSize = (width: number, height: number, orientation: number) =>
  (orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height });

/** The size scaled so its long side is at most `maxSide` (never enlarged), in whole pixels. */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The TIFF block made fit for the scaled photo: a copy with its orientation set to 1 (the pixels are
 * drawn upright) and the embedded thumbnail (IFD1) unlinked, and cut off when it lies after
 * everything else, as cameras put it.
 */
export function tiffForScaled(tiff: Uint8Array): Uint8Array | undefined {
  const copy = new Uint8Array(tiff);
  const r = tiffReader(copy);
  if (!r) return undefined;
  const ifd0 = r.entries(r.ifd0);
  const orientation = ifd0.find((e) => e.tag === TAG.orientation && e.type === 3);
  if (orientation) r.view.setUint16(orientation.valueAt, 1, r.little);
  // The end of everything the main IFDs use (their tables and out-of-line values).
  let used = 8;
  const walk = (start: number, seen: Set<number>) => {
    if (start <= 0 || seen.has(start) || start + 2 > copy.length) return [];
    seen.add(start);
    const list = r.entries(start);
    used = Math.max(used, start + 2 + list.length * 12 + 4);
    for (const e of list) used = Math.max(used, e.valueAt + (TYPE_BYTES[e.type] ?? 1) * e.count);
    return list;
  };
  const seen = new Set<number>();
  walk(r.ifd0, seen);
  const exif = walk(r.pointer(ifd0, TAG.exifIfd), seen);
  walk(r.pointer(ifd0, TAG.gpsIfd), seen);
  walk(r.pointer(exif, TAG.interopIfd), seen);
  const linkAt = r.ifd0 + 2 + ifd0.length * 12;
  if (linkAt + 4 > copy.length) return copy;
  const ifd1 = r.u32(linkAt);
  r.view.setUint32(linkAt, 0, r.little);
  return ifd1 >= used && ifd1 < copy.length ? copy.subarray(0, Math.min(copy.length, Math.max(used, ifd1))) : copy;
}

/** An APP1 segment (`FF E1`, length, `Exif\0\0`, TIFF); undefined when it would not fit one segment (64 KB). */
export function app1Segment(tiff: Uint8Array): Uint8Array | undefined {
  const length = 2 + EXIF_HEADER.length + tiff.length;
  if (length > 0xffff) return undefined;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, 0xe1, length >> 8, length & 0xff, ...EXIF_HEADER]);
  segment.set(tiff, 10);
  return segment;
}

/** A JPEG with the segment put right after its start (SOI), where EXIF belongs; any APP1 EXIF it had is dropped. */
export function insertApp1(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  if (sniff(jpeg) !== 'image/jpeg') throw new Error('not a JPEG');
  const parts: Uint8Array[] = [jpeg.subarray(0, 2), segment];
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  let at = 2;
  // Keep every header segment but an old EXIF one, then the rest as it is.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] >= 0xe0 && jpeg[at + 1] <= 0xfe) {
    const length = view.getUint16(at + 2);
    if (!(jpeg[at + 1] === 0xe1 && startsWith(jpeg, at + 4, EXIF_HEADER))) parts.push(jpeg.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  parts.push(jpeg.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
}
