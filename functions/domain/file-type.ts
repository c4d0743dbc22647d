import type { AttachmentType } from '#schemas/attachment.ts';

/**
 * What a file is, by its first bytes (magic numbers), never by what the client declared or by a file
 * name. Only the accepted types are recognised; anything else is `undefined`.
 */
const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly { type: AttachmentType; matches(bytes: Uint8Array): boolean }[] = [
  // SOI followed by the marker of the next segment (APP0 JFIF, APP1 EXIF, DQT, …).
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  // A RIFF container whose form type is WEBP.
  { type: 'image/webp', matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { type: 'application/pdf', matches: (b) => startsWith(b, ascii('%PDF-')) },
];

export function detectFileType(bytes: Uint8Array): AttachmentType | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.type;
}
