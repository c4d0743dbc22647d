import { gzipSync } from 'node:zlib';
import { buildWeb, pageWeight, type WebPage } from '#web/build.ts';
import type { CountyList } from '#web/src/forms/branch-registry.ts';
import { demoRegistry } from '#local/seed-registry.ts';
import { seededRandom } from '#local/random.ts';

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

/** What the forms page keeps of a county's registry on the phone (支部名册, for the branch picker offline). */
export interface CountyListFigure {
  county: string;
  branches: number;
  /** The list as kept in localStorage (JSON, UTF-16 in the browser's storage: twice these bytes at most). */
  storedKB: number;
  /** The same list gzipped: about what fetching it costs over the wire. */
  gzipKB: number;
  /** The forms page's own weight plus the largest county's list fetched once, gzipped. */
  formsWithListKB: number;
}

/**
 * The forms page's weight with a county's list kept: the largest county of the demo registry
 * (`npm run seed`'s, 4,589 branches over 45 counties), trimmed as `fetchCounty` keeps it (id, name,
 * type, former names), with ids as long as an import's (`b-` and 20 characters).
 */
export function measureCountyList(formsGzipKB: number): CountyListFigure {
  const byCounty = new Map<string, ReturnType<typeof demoRegistry>>();
  for (const row of demoRegistry(seededRandom(4143))) byCounty.set(row.countyCode, [...(byCounty.get(row.countyCode) ?? []), row]);
  const [county, rows] = [...byCounty.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const list: CountyList = {
    county,
    fetchedAt: new Date(0).toISOString(),
    items: rows.map((row, i) => ({ id: `b-${String(i).padStart(20, 'x')}`, name: row.name, type: row.type, ...(row.aliases.length ? { aliases: row.aliases } : {}) })),
  };
  const json = Buffer.from(JSON.stringify(list));
  const gzip = gzipSync(json, { level: 6 }).length;
  return { county, branches: rows.length, storedKB: kb(json.length), gzipKB: kb(gzip), formsWithListKB: Math.round((formsGzipKB + gzip / 1024) * 10) / 10 };
}
