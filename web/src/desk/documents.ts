import { BULLETIN_COLUMNS, bulletinTitle, rateText } from '#schemas/bulletin-columns.ts';
import type { Bulletin, BulletinHead, BulletinRow } from '#schemas/bulletin.ts';
import { findRegion } from '#schemas/regions.ts';
import type { Block, OfficialDocument } from './export/docx.ts';
import { lineHeader, scoreAt, type Scorecard, TARGETS } from './heads.ts';
import { type Column, tableOf, type Table } from './table.ts';

/**
 * What the desk's documents hold, shaped without the .docx library (only its types): the 通报's table
 * (on screen and in the .xlsx) and document, a head's 述职 and the 调研报告集 as official documents.
 * No DOM.
 */

export type { Bulletin };

/** 暂定: a 通报 whose month is not confirmed yet. */
export const PROVISIONAL_MARK = '暂定';

const figureText = (key: (typeof BULLETIN_COLUMNS)[number]['key'], row: BulletinRow) =>
  key === 'coverageRate' ? rateText(row.figures.coverageRate) : row.figures[key].toLocaleString('zh-CN');

/** The 通报 as a table: the overall rank, the region, then each column's figure and its rank. */
export function bulletinTable(bulletin: Bulletin): Table {
  const columns: Column<BulletinRow>[] = [
    { key: 'overallRank', label: '综合排名', type: 'number', width: 8, essential: true, value: (r) => r.overallRank },
    { key: 'region', label: '地区', width: 14, essential: true, value: (r) => r.region.name },
    ...BULLETIN_COLUMNS.flatMap((c): Column<BulletinRow>[] => [
      c.key === 'coverageRate'
        // The rate as a number of percent with one decimal, so a spreadsheet sorts it.
        ? { key: c.key, label: `${c.name}（%）`, type: 'number', width: 12, value: (r) => (r.figures.coverageRate === null ? undefined : Math.round(r.figures.coverageRate * 1000) / 10) }
        : { key: c.key, label: `${c.name}（${c.unit}）`, type: 'number', width: Math.max(10, c.name.length * 2 + 4), value: (r) => r.figures[c.key] },
      { key: `${c.key}Rank`, label: `${c.name}排名`, type: 'number', width: 8, value: (r) => r.ranks[c.key] },
    ]),
  ];
  const name = findRegion(bulletin.region.code)?.name ?? bulletin.region.name;
  return tableOf(`通报-${name}-${bulletin.month}${bulletin.provisional ? `-${PROVISIONAL_MARK}` : ''}`, columns, bulletin.rows);
}

/** A head's figures of the month as the 通报 lists them; `—` before the nightly has carded the head. */
export function headCells(head: BulletinHead): [string, string, string, string, string] {
  const region = findRegion(head.minister.regionCode)?.name ?? head.minister.regionCode;
  const n = (v: number | undefined) => (v === undefined ? '—' : v.toLocaleString('zh-CN'));
  return [head.minister.name, region, n(head.figures?.visits), n(head.figures?.sessions), n(head.figures?.late)];
}

export const HEAD_HEADERS = ['组织部长', '地区', '走访（次）', '参加组织生活（次）', '逾期报送（条）'] as const;

/** The 通报 as an official document: the table with each figure and its rank, the formula under it, the heads. */
export function bulletinDocument(bulletin: Bulletin): OfficialDocument {
  const asOf = bulletin.asOf ? `数据截至 ${bulletin.asOf}` : '';
  return {
    title: bulletinTitle(bulletin.month, bulletin.region.name),
    subtitle: [bulletin.provisional ? `（${PROVISIONAL_MARK}）` : '', asOf].filter(Boolean).join(' '),
    blocks: [
      { paragraph: `现将${bulletin.region.name}各地${Number(bulletin.month.slice(5, 7))}月下基层走访工作情况通报如下。${bulletin.provisional ? '本月尚未确认，以下数据为暂定数据。' : ''}` },
      {
        table: {
          header: ['综合排名', '地区', ...BULLETIN_COLUMNS.map((c) => (c.key === 'coverageRate' ? c.name : `${c.name}（${c.unit}）`))],
          rows: bulletin.rows.map((r) => [String(r.overallRank), r.region.name, ...BULLETIN_COLUMNS.map((c) => `${figureText(c.key, r)}（${r.ranks[c.key]}）`)]),
          widths: [2, 3, 3, 2, 3, 2, 3, 3],
        },
      },
      { paragraph: '注：括号内为该项排名。' },
      { paragraph: bulletin.formula },
      ...BULLETIN_COLUMNS.map((c): Block => ({ paragraph: `${c.name}：${c.means}。` })),
      ...(bulletin.heads.length ? [
        { heading: '各组织部长本月情况' },
        { table: { header: [...HEAD_HEADERS], rows: bulletin.heads.map(headCells), widths: [2, 3, 2, 3, 2] } },
      ] : []),
    ],
  };
}

/** A head's 述职 as an official document: the contact branches, then each target's figures as a table. */
export function dutyDocument(card: Scorecard): OfficialDocument {
  const region = findRegion(card.minister.regionCode)?.name ?? card.minister.regionCode;
  const numerals = '一二三四五六七八九十';
  return {
    title: `${card.minister.name}${card.year}年度述职`,
    subtitle: `${region} · 数据截至 ${card.asOf}`,
    blocks: [
      { paragraph: `联系点共 ${card.contactBranches.assigned} 个，已走访 ${card.contactBranches.visited} 个${card.contactBranches.branches.length ? `：${card.contactBranches.branches.map((b) => `${b.name}（${b.visited ? '已走访' : '未走访'}）`).join('、')}` : ''}。` },
      ...TARGETS.flatMap((target, i): Block[] => [
        { heading: `${numerals[i] ?? i + 1}、${target.title}` },
        { table: { header: ['项目', '数值'], rows: target.lines.map((l) => [lineHeader(l), scoreAt(card, l.path).toLocaleString('zh-CN')]), widths: [3, 1] } },
      ]),
    ],
  };
}

/** A report of the collection, as the document needs it. */
export interface DocumentReport {
  title: string;
  date: string;
  minister: string;
  branches: string;
  parts: { label: string; text: string }[];
}

/** The 调研报告集 as an official document: its cover lines, then each report with its parts. */
export function collectionDocument(collection: { name: string; region: string; period: string; made: string; reports: readonly DocumentReport[] }): OfficialDocument {
  return {
    title: collection.name,
    subtitle: `${collection.region} · ${collection.period}`,
    blocks: [
      { paragraph: `共 ${collection.reports.length} 篇，编印日期 ${collection.made}。` },
      ...collection.reports.flatMap((r, i): Block[] => [
        { heading: `${i + 1}. ${r.title}` },
        { paragraph: `${r.date} · 组织部长 ${r.minister} · ${r.branches}` },
        ...r.parts.flatMap((p): Block[] => [{ heading: p.label }, { paragraph: p.text }]),
      ]),
    ],
  };
}
