/**
 * Qinghai's region hierarchy (GB/T 2260, current codes): 1 province, 8 prefecture-level units,
 * 45 county-level units. Reference data, read by schemas, use cases, the rollup and the web.
 */
export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionTree extends Region {
  children?: RegionTree[];
}

const PROVINCE: Region = { code: '630000', name: '青海省', level: 'province' };

/** prefecture code → [prefecture name, [county code, county name][]] */
const PREFECTURES: ReadonlyArray<[string, string, ReadonlyArray<[string, string]>]> = [
  ['630100', '西宁市', [
    ['630102', '城东区'], ['630103', '城中区'], ['630104', '城西区'], ['630105', '城北区'],
    ['630106', '湟中区'], ['630121', '大通回族土族自治县'], ['630123', '湟源县'],
  ]],
  ['630200', '海东市', [
    ['630202', '乐都区'], ['630203', '平安区'], ['630222', '民和回族土族自治县'],
    ['630223', '互助土族自治县'], ['630224', '化隆回族自治县'], ['630225', '循化撒拉族自治县'],
  ]],
  ['632200', '海北藏族自治州', [
    ['632221', '门源回族自治县'], ['632222', '祁连县'], ['632223', '海晏县'], ['632224', '刚察县'],
  ]],
  ['632300', '黄南藏族自治州', [
    ['632301', '同仁市'], ['632322', '尖扎县'], ['632323', '泽库县'], ['632324', '河南蒙古族自治县'],
  ]],
  ['632500', '海南藏族自治州', [
    ['632521', '共和县'], ['632522', '同德县'], ['632523', '贵德县'], ['632524', '兴海县'], ['632525', '贵南县'],
  ]],
  ['632600', '果洛藏族自治州', [
    ['632621', '玛沁县'], ['632622', '班玛县'], ['632623', '甘德县'], ['632624', '达日县'],
    ['632625', '久治县'], ['632626', '玛多县'],
  ]],
  ['632700', '玉树藏族自治州', [
    ['632701', '玉树市'], ['632722', '杂多县'], ['632723', '称多县'], ['632724', '治多县'],
    ['632725', '囊谦县'], ['632726', '曲麻莱县'],
  ]],
  ['632800', '海西蒙古族藏族自治州', [
    ['632801', '格尔木市'], ['632802', '德令哈市'], ['632803', '茫崖市'], ['632821', '乌兰县'],
    ['632822', '都兰县'], ['632823', '天峻县'], ['632857', '大柴旦行政委员会'],
  ]],
];

/** Codes retired in 2020 that older submissions may still carry (旧代码 → 现行代码). */
export const REGION_CODE_ALIASES: Readonly<Record<string, string>> = {
  '630122': '630106', // 湟中县 → 湟中区
  '632321': '632301', // 同仁县 → 同仁市
};

export const PROVINCE_CODE = PROVINCE.code;

const byCode = new Map<string, Region & { parent?: string }>();
byCode.set(PROVINCE.code, PROVINCE);
for (const [code, name, counties] of PREFECTURES) {
  byCode.set(code, { code, name, level: 'prefecture', parent: PROVINCE.code });
  for (const [countyCode, countyName] of counties) {
    byCode.set(countyCode, { code: countyCode, name: countyName, level: 'county', parent: code });
  }
}

/** Every region, province first, then each prefecture followed by its counties. */
export const ALL_REGIONS: readonly Region[] = [...byCode.values()].map(({ code, name, level }) => ({ code, name, level }));
export const COUNTY_CODES: readonly string[] = ALL_REGIONS.filter((r) => r.level === 'county').map((r) => r.code);

/** The current code for a code, following the pre-2020 aliases; unknown codes come back as given. */
export function canonicalRegionCode(code: string): string {
  return REGION_CODE_ALIASES[code] ?? code;
}

export function findRegion(code: string): Region | undefined {
  const region = byCode.get(canonicalRegionCode(code));
  return region && { code: region.code, name: region.name, level: region.level };
}

export function parentOf(code: string): Region | undefined {
  const parent = byCode.get(canonicalRegionCode(code))?.parent;
  return parent === undefined ? undefined : findRegion(parent);
}

export function childrenOf(code: string): Region[] {
  const current = canonicalRegionCode(code);
  return ALL_REGIONS.filter((r) => byCode.get(r.code)?.parent === current);
}

/**
 * GB/T 2260 codes nest by prefix: 63 = the province, 6301 = 西宁市, 630102 = 城东区.
 * Storing the county code first in a sort key lets one begins_with query select any level.
 */
export function regionKeyPrefix(code: string): string {
  const region = findRegion(code);
  if (!region) throw new Error(`unknown region ${code}`);
  return region.level === 'province' ? code.slice(0, 2) : region.level === 'prefecture' ? code.slice(0, 4) : code;
}

/** True when `inner` is `outer` or lies inside it. */
export function regionContains(outer: string, inner: string): boolean {
  return canonicalRegionCode(inner).startsWith(regionKeyPrefix(outer));
}

export function regionTree(): RegionTree {
  return { ...PROVINCE, children: childrenOf(PROVINCE.code).map((p) => ({ ...p, children: childrenOf(p.code) })) };
}
