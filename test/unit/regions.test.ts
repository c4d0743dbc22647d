import { describe, expect, it } from 'vitest';
import { ALL_REGIONS, canonicalRegionCode, childrenOf, COUNTY_CODES, findRegion, regionContains, regionKeyPrefix, regionTree } from '#schemas/regions.ts';

describe('Qinghai region hierarchy', () => {
  it('has 1 province, 8 prefecture-level and 45 county-level units, each county inside its prefecture by code', () => {
    expect(ALL_REGIONS.filter((r) => r.level === 'province')).toHaveLength(1);
    const prefectures = ALL_REGIONS.filter((r) => r.level === 'prefecture');
    expect(prefectures).toHaveLength(8);
    expect(COUNTY_CODES).toHaveLength(45);
    for (const p of prefectures) {
      for (const c of childrenOf(p.code)) expect(c.code.slice(0, 4)).toBe(p.code.slice(0, 4));
    }
    expect(new Set(ALL_REGIONS.map((r) => r.code)).size).toBe(ALL_REGIONS.length);
  });

  it('maps the two pre-2020 codes to the current ones', () => {
    expect(canonicalRegionCode('630122')).toBe('630106');
    expect(canonicalRegionCode('632321')).toBe('632301');
    expect(findRegion('630122')).toEqual({ code: '630106', name: '湟中区', level: 'county' });
  });

  it('nests regions by key prefix at every level', () => {
    expect(regionKeyPrefix('630000')).toBe('63');
    expect(regionKeyPrefix('632800')).toBe('6328');
    expect(regionContains('632800', '632857')).toBe(true);
    expect(regionContains('630100', '630202')).toBe(false);
    expect(regionContains('630000', '632726')).toBe(true);
    expect(regionContains('630102', '630102')).toBe(true);
  });

  it('builds the tree the API serves', () => {
    const tree = regionTree();
    expect(tree.code).toBe('630000');
    expect(tree.children?.map((c) => c.name)).toContain('玉树藏族自治州');
    expect(tree.children?.flatMap((c) => c.children ?? [])).toHaveLength(45);
  });
});
