import { buildWeb, pageWeight, type WebPage } from '#web/build.ts';

export interface PageFigure {
  page: WebPage;
  files: number;
  gzipKB: number;
  minifiedKB: number;
  /** Seconds to download it at the given rate (a weak mobile connection), before latency. */
  secondsAtSlowLink: number;
}

/** A weak connection in a remote county: 256 kbit/s. */
export const SLOW_LINK_KBITS = 256;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Builds the site as `npm start` and CDK do, and weighs what each page loads before it runs. */
export function measureWeb(outDir: string): PageFigure[] {
  const build = buildWeb(outDir);
  return (Object.keys(build.pages) as WebPage[]).map((page) => {
    const gzip = pageWeight(build, page);
    return {
      page,
      files: build.pages[page].length,
      gzipKB: kb(gzip),
      minifiedKB: kb(build.pages[page].reduce((sum, f) => sum + f.bytes, 0)),
      secondsAtSlowLink: Math.round(((gzip * 8) / (SLOW_LINK_KBITS * 1000)) * 10) / 10,
    };
  });
}
