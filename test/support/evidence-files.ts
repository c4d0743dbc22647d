import { crc32 } from 'node:zlib';

/**
 * Small files for the evidence tests, made here byte by byte (nothing downloaded): a JPEG whose APP1
 * segment carries EXIF with a capture time and GPS position, a PNG and a WebP with the same EXIF in
 * their own containers, a PDF, and bytes that are none of these.
 */

export interface PhotoFacts {
  /** EXIF DateTimeOriginal, `YYYY:MM:DD HH:MM:SS` on the camera's clock. */
  takenAt?: string;
  /** EXIF OffsetTimeOriginal, e.g. `+08:00`. */
  offset?: string;
  latitude?: number;
  longitude?: number;
}

type Entry = { tag: number; type: 2 | 4 | 5; values: string | number[] };
const TYPE_SIZE = { 2: 1, 4: 4, 5: 8 } as const;

/** One IFD (entries sorted by tag) at `start`, with its out-of-line values after it; little-endian. */
function ifd(entries: Entry[], start: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + sorted.length * 12 + 4);
  const data: Buffer[] = [];
  let dataAt = start + head.length;
  head.writeUInt16LE(sorted.length, 0);
  sorted.forEach((entry, i) => {
    const at = 2 + i * 12;
    let bytes: Buffer;
    if (entry.type === 2) bytes = Buffer.from(`${entry.values as string}\0`, 'latin1');
    else if (entry.type === 4) bytes = Buffer.from(Uint32Array.from(entry.values as number[]).buffer);
    else {
      bytes = Buffer.alloc((entry.values as number[]).length * 8);
      (entry.values as number[]).forEach((v, j) => {
        bytes.writeUInt32LE(Math.round(v * 10_000), j * 8);
        bytes.writeUInt32LE(10_000, j * 8 + 4);
      });
    }
    const count = entry.type === 2 ? bytes.length : bytes.length / TYPE_SIZE[entry.type];
    head.writeUInt16LE(entry.tag, at);
    head.writeUInt16LE(entry.type, at + 2);
    head.writeUInt32LE(count, at + 4);
    if (bytes.length <= 4) bytes.copy(head, at + 8);
    else {
      head.writeUInt32LE(dataAt, at + 8);
      data.push(bytes);
      dataAt += bytes.length + (bytes.length % 2);
      if (bytes.length % 2) data.push(Buffer.alloc(1));
    }
  });
  return Buffer.concat([head, ...data]);
}

const dms = (degrees: number) => {
  const d = Math.floor(degrees);
  const m = Math.floor((degrees - d) * 60);
  return [d, m, (degrees - d - m / 60) * 3600];
};

/** A TIFF block (`II*\0`) of EXIF: IFD0 pointing at an Exif IFD (capture time) and a GPS IFD (place). */
export function exifBlock(facts: PhotoFacts): Buffer {
  const exifEntries: Entry[] = [];
  if (facts.takenAt) exifEntries.push({ tag: 0x9003, type: 2, values: facts.takenAt });
  if (facts.offset) exifEntries.push({ tag: 0x9011, type: 2, values: facts.offset });
  const gpsEntries: Entry[] = [];
  if (facts.latitude !== undefined && facts.longitude !== undefined) {
    gpsEntries.push(
      { tag: 0x0001, type: 2, values: facts.latitude >= 0 ? 'N' : 'S' },
      { tag: 0x0002, type: 5, values: dms(Math.abs(facts.latitude)) },
      { tag: 0x0003, type: 2, values: facts.longitude >= 0 ? 'E' : 'W' },
      { tag: 0x0004, type: 5, values: dms(Math.abs(facts.longitude)) },
    );
  }
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  // IFD0 first (its size does not depend on the offsets it holds), then the Exif and GPS IFDs.
  const ifd0Entries = (exifAt: number, gpsAt: number): Entry[] => [
    { tag: 0x0110, type: 2, values: 'xiajiceng test camera' },
    ...(exifEntries.length ? [{ tag: 0x8769, type: 4 as const, values: [exifAt] }] : []),
    ...(gpsEntries.length ? [{ tag: 0x8825, type: 4 as const, values: [gpsAt] }] : []),
  ];
  const ifd0Size = ifd(ifd0Entries(0, 0), 8).length;
  const exifAt = 8 + ifd0Size;
  const exif = exifEntries.length ? ifd(exifEntries, exifAt) : Buffer.alloc(0);
  const gpsAt = exifAt + exif.length;
  const gps = gpsEntries.length ? ifd(gpsEntries, gpsAt) : Buffer.alloc(0);
  return Buffer.concat([header, ifd(ifd0Entries(exifAt, gpsAt), 8), exif, gps]);
}

/** Some bytes after the metadata, so a file is not all header. */
const filler = (bytes: number) => Buffer.alloc(bytes, 0x5a);

/** A JPEG: SOI, APP1 `Exif\0\0` + TIFF (when there are facts), some scan-like bytes, EOI. */
export function jpeg(facts?: PhotoFacts, padding = 1000): Buffer {
  const parts = [Buffer.from([0xff, 0xd8])];
  if (facts) {
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifBlock(facts)]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(payload.length + 2);
    parts.push(Buffer.from([0xff, 0xe1]), length, payload);
  }
  parts.push(Buffer.from([0xff, 0xda, 0x00, 0x02]), filler(padding), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 PNG, with an eXIf chunk when there are facts. */
export function png(facts?: PhotoFacts): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(facts ? [pngChunk('eXIf', exifBlock(facts))] : []),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(type, 'latin1'), size, data, Buffer.alloc(data.length % 2)]);
}

/** A WebP (RIFF): VP8X, some image-like bytes, and an EXIF chunk after them (where encoders put it) when there are facts. */
export function webp(facts?: PhotoFacts): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = facts ? 0x08 : 0;
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    riffChunk('VP8X', vp8x),
    riffChunk('VP8L', filler(200)),
    ...(facts ? [riffChunk('EXIF', exifBlock(facts))] : []),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}

/** A one-page PDF, as small as it gets. */
export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
}

/** Bytes that are none of the accepted types (an HTML page sent as a photo). */
export function notAnImage(): Buffer {
  return Buffer.from('<!doctype html><script>alert(1)</script>', 'utf8');
}
