/**
 * The columns of the monthly 通报 (a region's children ranked), once: what each counts, its words,
 * and which way is better. The API, the desk's table and the .xlsx/.docx files read them here; no
 * zod, so the desk reads it without loading a validator.
 */
export const BULLETIN_COLUMNS = [
  { key: 'coverageRate', name: '走访覆盖率', unit: '%', better: 'higher', means: '在册党组织中截至月末已走访的比例' },
  { key: 'visits', name: '走访', unit: '次', better: 'higher', means: '走访日期在本月的走访记录' },
  { key: 'sessions', name: '参加组织生活', unit: '次', better: 'higher', means: '本月走访中参加的组织生活' },
  { key: 'late', name: '逾期报送', unit: '条', better: 'lower', means: '日期在本月、晚于其日期 7 天以上报送的记录' },
  { key: 'overdueProblems', name: '逾期未整改问题', unit: '个', better: 'lower', means: '截至月末已过整改时限仍未整改的问题' },
  { key: 'waitingSuggestions', name: '超30天未答复意见建议', unit: '条', better: 'lower', means: '截至月末收集已超过 30 天仍待答复的意见建议' },
] as const;

export type BulletinColumn = (typeof BULLETIN_COLUMNS)[number];
export type BulletinKey = BulletinColumn['key'];

/** The overall rank's formula (综合排名), as the answer, the desk and the files state it. */
export const BULLETIN_FORMULA = '综合排名：本月有走访的地区排在没有走访的地区之前；同组内按六项单项排名之和由小到大排列；和相同的，走访覆盖率高者在前；仍相同的并列。单项排名中走访覆盖率、走访、参加组织生活越高越靠前，逾期报送、逾期未整改问题、超30天未答复意见建议越少越靠前，数值相同的并列。';

/** 通报's title: `2026年11月 西宁市 走访工作通报`. */
export const bulletinTitle = (month: string, regionName: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月${regionName}下基层走访工作通报`;

/** A rate as the reports write it: one decimal, `—` when there is nothing to divide by. */
export const rateText = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
