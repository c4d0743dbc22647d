import { sizeText } from './size.ts';

/**
 * How a file of evidence is described to people, without the DOM: when and where a photo says it
 * was taken, and its size before and after scaling.
 */

/** `2026-11-20T10:31:05` (or with an offset) → `2026-11-20 10:31`, on the photo's own clock. */
export const timeText = (takenAt: string) => takenAt.slice(0, 16).replace('T', ' ');

/** `北纬 34.48° 东经 100.24°`. */
export function placeText(gps: { latitude: number; longitude: number }): string {
  const lat = `${gps.latitude >= 0 ? '北纬' : '南纬'} ${Math.abs(gps.latitude).toFixed(2)}°`;
  const lon = `${gps.longitude >= 0 ? '东经' : '西经'} ${Math.abs(gps.longitude).toFixed(2)}°`;
  return `${lat} ${lon}`;
}

/** What the photo itself says: `拍摄于 2026-11-20 10:31 · 位置 北纬 34.48° 东经 100.24°`. */
export function captureLine(file: { takenAt?: string; gps?: { latitude: number; longitude: number }; contentType: string }): string {
  if (file.contentType === 'application/pdf') return '';
  const parts = [file.takenAt ? `拍摄于 ${timeText(file.takenAt)}` : '照片没有拍摄时间', file.gps ? `位置 ${placeText(file.gps)}` : '没有位置信息'];
  return parts.join(' · ');
}

/** `4.1 MB → 312 KB`, or one size when nothing was scaled. */
export const sizeChange = (before: number, after: number) => (before === after ? sizeText(after) : `${sizeText(before)} → ${sizeText(after)}`);
