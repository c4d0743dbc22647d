import { describe, expect, it } from 'vitest';
import { branchRowSchema } from '#schemas/branch.ts';
import { branchNameKey } from '#schemas/common.ts';
import { COUNTY_CODES, findRegion } from '#schemas/regions.ts';
import { seededRandom } from '#local/random.ts';
import { COMMUNITIES, demoRegistry, shareOut, VILLAGES } from '#local/seed-registry.ts';

describe('the demo branch registry', () => {
  const rows = demoRegistry(seededRandom(4143));

  it('has exactly 4,143 village branches and 446 community organizations, over all 45 counties', () => {
    expect(rows.filter((r) => r.type === 'village')).toHaveLength(VILLAGES);
    expect(rows.filter((r) => r.type === 'community')).toHaveLength(COMMUNITIES);
    expect(VILLAGES + COMMUNITIES).toBe(4_589);
    expect(new Set(rows.map((r) => r.countyCode)).size).toBe(45);
    expect(COUNTY_CODES).toHaveLength(45);
  });

  it('is rows the import takes, each its own branch: names unique within a county as compared, codes unique and marked DEMO', () => {
    for (const row of rows) expect(branchRowSchema.safeParse(row).success, JSON.stringify(row)).toBe(true);
    const identities = rows.map((r) => `${r.countyCode}#${branchNameKey(r.name)}`);
    expect(new Set(identities).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.every((r) => r.code?.startsWith('DEMO-'))).toBe(true);
    expect(rows.some((r) => r.aliases.length > 0)).toBe(true);
  });

  it('puts communities mostly in the cities and districts, villages mostly in the farming counties', () => {
    const urban = rows.filter((r) => r.type === 'community' && /[区市]$/.test(findRegion(r.countyCode)!.name));
    expect(urban.length / COMMUNITIES).toBeGreaterThan(0.6);
    const villagesOf = (county: string) => rows.filter((r) => r.type === 'village' && r.countyCode === county).length;
    expect(villagesOf('630106')).toBeGreaterThan(villagesOf('630103') * 10);
  });

  it('is the same registry for the same seed', () => {
    expect(demoRegistry(seededRandom(4143))).toEqual(rows);
  });

  it('shares a total out exactly, every share at least one', () => {
    expect(shareOut(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareOut(5, [100, 0, 0])).toEqual([3, 1, 1]);
    const shares = shareOut(4_143, [3, 7, 11, 0.5, 90]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(4_143);
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(1);
  });
});
