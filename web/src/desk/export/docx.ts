import {
  AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
} from 'docx';
import { saveFile } from '../download.ts';

/**
 * The desk's .docx files (通报, 述职, 调研报告集) in the layout of Party and government documents
 * (GB/T 9704—2012): A4, 版心 156 × 225 mm, 22 lines of 28 characters of 仿宋 三号, the title in 小标宋
 * 二号, page numbers 4号 "— 1 —" at the foot, outside (odd pages right, even left). Loaded only when a
 * .docx is asked for (a dynamic `import()`), so docx rides in a chunk of its own.
 */

/** What a document holds, in order: the title, then headings, paragraphs and tables. */
export interface OfficialDocument {
  title: string;
  /** Under the title, centred (the period, 暂定, the date of the figures). */
  subtitle?: string;
  blocks: Block[];
}

export type Block =
  | { heading: string }
  | { paragraph: string }
  | { table: { header: string[]; rows: string[][]; widths?: number[] } };

/** Twips (1/20 pt) of a length in millimetres. */
const mm = (n: number) => Math.round((n * 72 * 20) / 25.4);

export const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', pageNumber: '宋体' } as const;
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt (a table of many columns). */
export const SIZES = { title: 44, body: 32, table: 24, pageNumber: 28 } as const;
/** 225 mm ÷ 22 lines: 28.95 pt a line (579 twips), kept exact so every page holds 22 lines. */
export const LINE_PITCH = 579;
export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** The text block is 156 mm: 28 characters of 15.79 pt, 0.21 pt under the font's 16 pt, in the grid's 1/4096 pt. */
const CHAR_SPACE = Math.round(((mm(156) / 20 / 28) - 16) * 4096);

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, hint: 'eastAsia' as const });
const run = (text: string, options: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(options.font ?? FONTS.body), size: options.size ?? SIZES.body, bold: options.bold });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT };

/** "— 1 —" in 宋体 四号, one character in from the outside edge. */
const pageNumber = (alignment: 'right' | 'left') => new Footer({
  children: [new Paragraph({
    alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: alignment === 'right' ? { right: 280 } : { left: 280 },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.pageNumber), size: SIZES.pageNumber })],
  })],
});

function tableOf({ header, rows, widths }: Extract<Block, { table: unknown }>['table']): Table {
  const width = PAGE.width - PAGE.left - PAGE.right;
  const share = widths ?? header.map(() => 1);
  const total = share.reduce((a, b) => a + b, 0);
  const columnWidths = share.map((w) => Math.floor((width * w) / total));
  const cell = (text: string, bold: boolean, i: number) => new TableCell({
    width: { size: columnWidths[i], type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: SIZES.table, bold, font: bold ? FONTS.heading : FONTS.body })] })],
  });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, false, i)) })),
    ],
  });
}

function blockOf(block: Block): Paragraph | Table {
  if ('table' in block) return tableOf(block.table);
  if ('heading' in block) return new Paragraph({ spacing: exact, indent: { firstLine: 640 }, keepNext: true, children: [run(block.heading, { font: FONTS.heading })] });
  // Body paragraphs open two characters in (空两字).
  return new Paragraph({ spacing: exact, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: [run(block.paragraph)] });
}

export function documentOf(doc: OfficialDocument): Document {
  return new Document({
    creator: '下基层',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZES.body } } } },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          // The page number sits 7 mm under the text block: its footer line starts about 28 mm above the edge.
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(28) - 560 },
        },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
      },
      footers: { default: pageNumber('right'), even: pageNumber('left') },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE_PITCH * 2, lineRule: LineRuleType.EXACT }, children: [run(doc.title, { font: FONTS.title, size: SIZES.title })] }),
        ...(doc.subtitle ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(doc.subtitle)] })] : []),
        // An empty line between the title and the body (标题下空一行).
        new Paragraph({ spacing: exact, children: [] }),
        ...doc.blocks.map(blockOf),
      ],
    }],
  });
}

/** The document's bytes (a .docx is a zip): what a test unpacks. */
export const docxBytes = async (doc: OfficialDocument): Promise<Uint8Array> => new Uint8Array(await Packer.toArrayBuffer(documentOf(doc)));

export async function saveDocx(doc: OfficialDocument, name: string): Promise<void> {
  saveFile(await Packer.toBlob(documentOf(doc)), name);
}
