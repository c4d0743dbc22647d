import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { app1Segment, insertApp1 } from '#web/src/evidence/exif.ts';
import { exifBlock } from '../test/support/evidence-files.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { median } from './stats.ts';

/**
 * A phone photo scaled on the phone, in Chromium, by the very module the forms use
 * (web/src/evidence/scale.ts): a ~4 MB, 4000×3000 JPEG with EXIF (capture time, place) made here —
 * drawn in Chromium's canvas (light, shapes and sensor-like noise, so it compresses like a photo,
 * not like a flat picture) and given an APP1 segment — is read, scaled to 1,600 px on the long side
 * and encoded as JPEG (quality 0.8) with its EXIF carried over. Beside it, the baseline: decoding the
 * same photo alone (createImageBitmap), the least any scaling costs.
 */

export interface PhotoScalingFigures {
  runs: number;
  before: { bytes: number; width: number; height: number };
  after: { bytes: number; width: number; height: number };
  /** Median ms of prepareFile (read EXIF, decode, draw, encode, insert APP1). */
  scaleMs: number;
  /** Median ms of decoding the same photo alone. */
  decodeMs: number;
  /** Whether the scaled JPEG still carries the capture time (read back with the same EXIF reader). */
  exifKept: boolean;
}

const SCALE_MODULE = fileURLToPath(new URL('../web/src/evidence/scale.ts', import.meta.url));
const EXIF_MODULE = fileURLToPath(new URL('../web/src/evidence/exif.ts', import.meta.url));

declare global {
  /** What `pageScript` puts on the bench's page (absent on every other page). */
  interface Window { evidence?: typeof import('../web/src/evidence/scale.ts') & typeof import('../web/src/evidence/exif.ts') }
}

/** scale.ts and exif.ts bundled for the page, as `window.evidence`. */
function pageScript(): string {
  const built = buildSync({
    stdin: { contents: `export { prepareFile } from ${JSON.stringify(SCALE_MODULE)}; export { findExifTiff, readPhotoFacts } from ${JSON.stringify(EXIF_MODULE)};`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'evidence', write: false, target: 'chrome100', minify: true,
  });
  return built.outputFiles[0].text;
}

export async function measurePhotoScaling(runs = 7, log: (m: string) => void = () => {}): Promise<PhotoScalingFigures> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>bench</title>');
    await page.addScriptTag({ content: pageScript() });
    // A 4000×3000 picture whose JPEG (quality 0.92, as phone cameras save) weighs about 4 MB: the noise's strength is found by trying.
    let original: Buffer | undefined;
    for (const noise of [10, 12, 14, 17, 21, 26, 36]) {
      const dataUrl = await page.evaluate(async (amplitude) => {
        const w = 4000;
        const h = 3000;
        const canvas = new OffscreenCanvas(w, h);
        const g = canvas.getContext('2d')!;
        const light = g.createLinearGradient(0, 0, w, h);
        light.addColorStop(0, '#6d95d6');
        light.addColorStop(0.5, '#d8cfb0');
        light.addColorStop(1, '#5a6b3c');
        g.fillStyle = light;
        g.fillRect(0, 0, w, h);
        for (let i = 0; i < 400; i++) {
          g.fillStyle = `hsl(${(i * 47) % 360} 45% ${30 + (i % 40)}%)`;
          g.fillRect((i * 977) % w, (i * 613) % h, 80 + (i % 7) * 60, 60 + (i % 5) * 50);
        }
        const image = g.getImageData(0, 0, w, h);
        let seed = 7;
        for (let p = 0; p < image.data.length; p += 4) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          const n = ((seed >> 8) % (2 * amplitude + 1)) - amplitude;
          image.data[p] += n;
          image.data[p + 1] += n;
          image.data[p + 2] += n;
        }
        g.putImageData(image, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        return new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsDataURL(blob); });
      }, noise);
      original = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      log(`photo with noise ±${noise}: ${Math.round(original.length / 1024)} KB`);
      if (original.length >= 3.8 * 1024 * 1024) break;
    }
    const photo = Buffer.from(insertApp1(original!, app1Segment(exifBlock({ takenAt: '2026:11:20 10:31:05', offset: '+08:00', latitude: 36.62, longitude: 101.78 }))!));

    const figures = await page.evaluate(async ({ base64, rounds }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const file = new Blob([bytes], { type: 'image/jpeg' });
      const api = window.evidence;
      if (!api) throw new Error('the page script did not run');
      const scale: number[] = [];
      const decode: number[] = [];
      let result: Awaited<ReturnType<typeof api.prepareFile>> | undefined;
      // A warm-up of each, then alternating rounds, so both meet the machine in the same state.
      await api.prepareFile(file, { thumbnail: false });
      (await createImageBitmap(file, { imageOrientation: 'from-image' })).close();
      for (let i = 0; i < rounds; i++) {
        let t = performance.now();
        result = await api.prepareFile(file, { thumbnail: false });
        scale.push(performance.now() - t);
        t = performance.now();
        const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
        decode.push(performance.now() - t);
        bitmap.close();
      }
      const out = new Uint8Array(await result!.blob.arrayBuffer());
      const kept = api.readPhotoFacts(api.findExifTiff(out)).takenAt === '2026-11-20T10:31:05';
      const original = await createImageBitmap(file);
      const sizes = { width: original.width, height: original.height };
      original.close();
      return { scale, decode, bytes: out.length, width: result!.width!, height: result!.height!, kept, sizes };
    }, { base64: photo.toString('base64'), rounds: runs });
    return {
      runs,
      before: { bytes: photo.length, ...figures.sizes },
      after: { bytes: figures.bytes, width: figures.width, height: figures.height },
      scaleMs: Math.round(median(figures.scale)),
      decodeMs: Math.round(median(figures.decode)),
      exifKept: figures.kept,
    };
  } finally {
    await browser.close();
  }
}
