import { BRANCH_TYPES } from '#schemas/branch-types.ts';
import { FIGURES } from '#schemas/figures.ts';
import { findRegion, type Region } from '#schemas/regions.ts';
import type { Summary, Totals } from './summary-types.ts';

/**
 * 走访覆盖（已走访 / 在册）: each child region's registered branches and those visited, by type and
 * together, from the snapshot's `totals.coverage`; and the never-visited list as a table to
 * download (never-visited-table.ts). No DOM.
 */

export const COVERAGE_TYPES = ['village', 'community'] as const;
export type CoverageType = (typeof COVERAGE_TYPES)[number];

/** The type's name in the figures' table: 村党支部 / 社区党组织. */
export const coverageTypeName = (type: CoverageType): string => BRANCH_TYPES[type];
/** The column words, from the figures' own short names (在册 / 已走访). */
export const COVERAGE_WORDS = { registered: FIGURES.coverage.village.registered.short!, visited: FIGURES.coverage.village.visited.short! };

export interface Share {
  registered: number;
  visited: number;
  /** visited / registered, 0–1; undefined when nothing is registered (no rate to speak of). */
  rate?: number;
}

export interface CoverageRow {
  region: Region;
  village: Share;
  community: Share;
  all: Share;
  /** The region's own total row (the last one). */
  total?: boolean;
}

const share = (registered: number, visited: number): Share => ({ registered, visited, rate: registered > 0 ? visited / registered : undefined });

/** A region's coverage of one branch type, as the coverage table and the targets block both show it. */
export const shareOf = (totals: Totals, type: CoverageType): Share => share(totals.coverage[type].registered, totals.coverage[type].visited);

/** The word for branches visits name that the registry does not hold (typed in, not yet matched). */
export const UNMATCHED = '未匹配名册';

/**
 * 未匹配名册: the distinct branches of a type with a counted visit, less those of them the registry
 * holds as active (the coverage's visited): branches typed in and not yet matched, or since closed.
 * A figure apart, never in a rate.
 */
export const unmatchedOf = (totals: Totals, type: CoverageType): number => Math.max(0, totals.branchesVisited[type] - totals.coverage[type].visited);

export function coverageOf(region: Region, totals: Totals, total = false): CoverageRow {
  const c = totals.coverage;
  return {
    region,
    village: shareOf(totals, 'village'),
    community: shareOf(totals, 'community'),
    all: share(c.village.registered + c.community.registered, c.village.visited + c.community.visited),
    ...(total ? { total } : {}),
  };
}

/** The children, then the region itself; a county (no children) is its own one row. */
export const coverageRows = (summary: Summary): CoverageRow[] =>
  [...summary.children.map((child) => coverageOf(child.region, child.totals)), coverageOf(summary.region, summary.totals, true)];

/** A rate with one decimal (11.9%); "—" with nothing registered. */
export const rateText = (s: Share): string => (s.rate === undefined ? '—' : `${(Math.round(s.rate * 1000) / 10).toFixed(1)}%`);

/** `GET /branches` for a region: its county or prefecture (the province: neither). */
export function regionBranchQuery(region: Region): Record<string, string> {
  return region.level === 'county' ? { county: region.code } : region.level === 'prefecture' ? { prefecture: region.code } : {};
}

/** A never-visited branch as `GET /branches?visited=false` lists it. */
export interface NeverVisited {
  id: string;
  name: string;
  type: 'village' | 'community';
  countyCode: string;
  code?: string;
  aliases: string[];
}

