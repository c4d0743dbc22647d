import { sizeText } from './size.ts';
import { app1Segment, findExifTiff, insertApp1, jpegFrameSize, orientedSize, type PhotoFacts, readPhotoFacts, scaledSize, sniff, tiffForScaled } from './exif.ts';

/**
 * A picked file made ready to send, in the browser: a photo is read for its capture time and place,
 * then drawn upright and scaled to at most 1,600 px on the long side as a JPEG (quality 0.8), with
 * the original's EXIF carried over (the server reads capture time and place from the stored file);
 * a PDF is sent as it is. Nothing here touches the network or storage. The forms and the bench
 * (`npm run bench -- --only evidence`, in Chromium) use this very module.
 */

export const MAX_SIDE = 1600;
export const JPEG_QUALITY = 0.8;
/** The API's limit (schemas/attachment.ts, 10 MiB), checked before anything is sent. */
export const MAX_BYTES = 10 * 1024 * 1024;
/** A photo already this small and within MAX_SIDE is sent as it is (its own EXIF untouched). */
const SMALL_ENOUGH = 600 * 1024;
/** The thumbnail kept on the device to show in the form (a `data:` URL: the site's CSP allows those). */
const THUMB_SIDE = 160;

export type PreparedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface Prepared {
  blob: Blob;
  contentType: PreparedType;
  originalBytes: number;
  /** What the photo itself says (capture time on its own clock, place); none for a PDF. */
  facts?: PhotoFacts;
  width?: number;
  height?: number;
  thumbnail?: string;
}

/** Why a file cannot be taken, in the words the person reads beside the field. */
export class NotAccepted extends Error {}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

function encode(canvas: Canvas, type: string, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), type, quality));
}

/**
 * The picture decoded and turned upright as its EXIF says (`from-image`), at `target` size when given
 * (a JPEG decodes much faster straight to a smaller size); an `<img>` where createImageBitmap cannot.
 */
async function decode(blob: Blob, target?: { width: number; height: number }): Promise<{ source: CanvasImageSource; width: number; height: number; close(): void }> {
  try {
    const bitmap = await createImageBitmap(blob, target
      ? { imageOrientation: 'from-image', resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' }
      : { imageOrientation: 'from-image' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    const url = URL.createObjectURL(blob);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

function draw(source: CanvasImageSource, width: number, height: number): Canvas {
  const canvas = canvasOf(width, height);
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new NotAccepted('浏览器无法处理这张图片');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas;
}

async function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export async function prepareFile(file: Blob, options: { maxSide?: number; quality?: number; thumbnail?: boolean } = {}): Promise<Prepared> {
  const type = sniff(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!type) throw new NotAccepted('只能上传 JPEG、PNG、WebP 图片或 PDF 文件');
  if (type === 'application/pdf') {
    // Sent as it is: checked against the API's limit before a byte is read or sent.
    if (file.size > MAX_BYTES) throw new NotAccepted(`PDF 文件 ${sizeText(file.size)}，超过 10 MB，无法上传：请压缩或拆分后再选`);
    return { blob: new Blob([file], { type }), contentType: type, originalBytes: file.size };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const tiff = findExifTiff(bytes);
  const facts = readPhotoFacts(tiff);
  const maxSide = options.maxSide ?? MAX_SIDE;
  // A JPEG's size is known before decoding it: too large, it is decoded straight to its scaled size.
  const frame = jpegFrameSize(bytes);
  const upright = frame && orientedSize(frame.width, frame.height, facts.orientation);
  const target = upright && Math.max(upright.width, upright.height) > maxSide ? scaledSize(upright.width, upright.height, maxSide) : undefined;
  let picture: Awaited<ReturnType<typeof decode>>;
  try {
    picture = await decode(new Blob([bytes], { type }), target);
  } catch {
    throw new NotAccepted('无法读取这张图片，请换一张');
  }
  try {
    const size = scaledSize(picture.width, picture.height, maxSide);
    const thumbSize = scaledSize(picture.width, picture.height, THUMB_SIDE);
    const thumbnail = options.thumbnail === false ? undefined : await dataUrl(await encode(draw(picture.source, thumbSize.width, thumbSize.height), 'image/jpeg', 0.7));
    // Small and upright already: sent as it is.
    if (type !== 'image/jpeg' || target || Math.max(picture.width, picture.height) > maxSide || bytes.length > SMALL_ENOUGH || facts.orientation !== 1) {
      const encoded = new Uint8Array(await (await encode(draw(picture.source, size.width, size.height), 'image/jpeg', options.quality ?? JPEG_QUALITY)).arrayBuffer());
      const fit = tiff && tiffForScaled(tiff);
      const segment = fit && app1Segment(fit);
      const out = segment ? insertApp1(encoded, segment) : encoded;
      return { blob: new Blob([out], { type: 'image/jpeg' }), contentType: 'image/jpeg', originalBytes: bytes.length, facts, ...size, thumbnail };
    }
    return { blob: new Blob([bytes], { type }), contentType: type, originalBytes: bytes.length, facts, ...size, thumbnail };
  } finally {
    picture.close();
  }
}
