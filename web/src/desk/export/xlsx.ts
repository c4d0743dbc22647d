import writeXlsxFile from 'write-excel-file/universal';
import { saveFile } from '../download.ts';
import { type Table, toSheet } from '../table.ts';

/**
 * The .xlsx writer: loaded only when someone asks for an .xlsx (a dynamic `import()` of this module,
 * which esbuild puts in a chunk of its own with write-excel-file), so the desk's first view does
 * not carry it.
 */
export async function saveXlsx(table: Table, name: string): Promise<void> {
  const { data, ...options } = toSheet(table);
  const blob = await writeXlsxFile(data, options).toBlob();
  saveFile(blob, name);
}
