import type { BranchRow } from '#schemas/branch.ts';
import type { BranchType } from '#schemas/common.ts';
import { COUNTY_CODES } from '#schemas/regions.ts';
import type { SeededRandom } from '#local/random.ts';

/**
 * The demo branch registry (支部名册) `npm run seed` imports: exactly the province's 4,143 village
 * Party branches and 446 community Party organizations, spread over its 45 counties roughly as
 * they are (farming counties of 西宁 and 海东 have hundreds of villages, the pastoral south a few
 * dozen; communities sit mostly in the cities and county seats). Names are invented from a small
 * stock of place syllables, and every code starts `DEMO-`, so no one takes them for real ones.
 */

export const VILLAGES = 4_143;
export const COMMUNITIES = 446;

/** County → relative weight of [villages, communities]. */
const WEIGHTS: Record<string, [number, number]> = {
  630102: [14, 45], 630103: [8, 45], 630104: [6, 40], 630105: [22, 42], 630106: [380, 15], 630121: [288, 10], 630123: [146, 5],
  630202: [360, 18], 630203: [110, 12], 630222: [310, 8], 630223: [294, 8], 630224: [362, 5], 630225: [154, 5],
  632221: [110, 6], 632222: [45, 3], 632223: [30, 4], 632224: [35, 3],
  632301: [72, 10], 632322: [90, 4], 632323: [64, 3], 632324: [38, 2],
  632521: [110, 10], 632522: [60, 3], 632523: [125, 6], 632524: [60, 3], 632525: [73, 3],
  632621: [40, 6], 632622: [25, 2], 632623: [35, 2], 632624: [32, 2], 632625: [25, 2], 632626: [28, 2],
  632701: [55, 12], 632722: [50, 2], 632723: [60, 3], 632724: [25, 2], 632725: [80, 3], 632726: [20, 2],
  632801: [45, 30], 632802: [45, 14], 632803: [5, 8], 632821: [35, 4], 632822: [100, 5], 632823: [30, 3], 632857: [3, 3],
};

const FIRST = ['东', '西', '南', '北', '上', '下', '前', '后', '新', '红', '金', '银', '青', '白', '黑', '石', '杏', '柳', '松', '桦',
  '团结', '和平', '幸福', '光明', '胜利', '丰收', '草原', '雪山', '河源', '阳坡', '阴坡', '泉水', '古城', '沙滩', '牧场', '麻什', '加拉', '尕让', '多隆', '扎麻'];
const SECOND = ['庄', '湾', '沟', '滩', '台', '川', '岭', '寨', '堡', '口', '岔', '坪', '源', '塘', '营', '崖', '峡', '园', '洼', '峁', '卡', '隆', '日', '曲', '当'];
const STREET = ['路', '街', '苑', '园', '里', '坊', '桥', '门', '巷', '城'];

/**
 * `total` shared out over `weights` in proportion, every share at least one and the shares summing
 * to `total` exactly (largest remainder).
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const spare = total - weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * spare);
  const shares = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = spare - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) shares[order[k][1]]++;
  return shares.map((s) => s + 1);
}

/** The demo registry's rows, county by county (the same `rnd` seed gives the same rows). */
export function demoRegistry(rnd: SeededRandom): BranchRow[] {
  const villages = shareOut(VILLAGES, COUNTY_CODES.map((c) => WEIGHTS[c][0]));
  const communities = shareOut(COMMUNITIES, COUNTY_CODES.map((c) => WEIGHTS[c][1]));
  return COUNTY_CODES.flatMap((countyCode, i) => {
    const taken = new Set<string>();
    const unique = (make: () => string) => {
      for (;;) {
        const name = make();
        if (!taken.has(name)) {
          taken.add(name);
          return name;
        }
      }
    };
    const rows = (type: BranchType, count: number): BranchRow[] => Array.from({ length: count }, (_, n) => {
      const place = unique(() => rnd.pick(FIRST) + rnd.pick(type === 'village' ? SECOND : STREET));
      const name = type === 'village' ? `${place}村党支部` : `${place}社区${rnd.chance(0.3) ? '党委' : '党支部'}`;
      // Some villages were production brigades (大队) once: the former name is searched as well.
      const aliases = type === 'village' && rnd.chance(0.1) ? [`${place}大队党支部`] : [];
      return { countyCode, name, type, code: `DEMO-${countyCode}-${type === 'village' ? 'V' : 'C'}${String(n + 1).padStart(4, '0')}`, aliases };
    });
    return [...rows('village', villages[i]), ...rows('community', communities[i])];
  });
}
