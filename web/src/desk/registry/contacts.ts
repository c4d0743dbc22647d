/**
 * 联系点: which heads still have contact branches not visited, from `GET /scorecards`. No DOM.
 */

export interface ScorecardItem {
  minister: { id: string; name: string; level: string; regionCode: string };
  contactBranches: { assigned: number; visited: number; branches: { id: string; name: string; countyCode: string; visited: boolean }[] };
}

export interface ScorecardList {
  region: string;
  year: number;
  asOf: string;
  items: ScorecardItem[];
}

export interface ContactRow {
  id: string;
  name: string;
  regionCode: string;
  assigned: number;
  visited: number;
  /** The contact branches not visited yet, by name. */
  waiting: string[];
}

/** Heads with a contact branch not yet visited (fewest visited first, then by name); and how many have all visited, or none assigned. */
export function contactRows(items: readonly ScorecardItem[]): { waiting: ContactRow[]; covered: number; without: number } {
  const waiting = items
    .filter((s) => s.contactBranches.assigned > s.contactBranches.visited)
    .map((s) => ({
      id: s.minister.id,
      name: s.minister.name,
      regionCode: s.minister.regionCode,
      assigned: s.contactBranches.assigned,
      visited: s.contactBranches.visited,
      waiting: s.contactBranches.branches.filter((b) => !b.visited).map((b) => b.name),
    }))
    .sort((a, b) => a.visited / a.assigned - b.visited / b.assigned || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    waiting,
    covered: items.filter((s) => s.contactBranches.assigned > 0 && s.contactBranches.assigned === s.contactBranches.visited).length,
    without: items.filter((s) => s.contactBranches.assigned === 0).length,
  };
}
