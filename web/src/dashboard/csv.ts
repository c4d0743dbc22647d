import { getDocument } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { CSV_BOM } from '#schemas/csv.ts';

export const csvFileName = (region: string, asOf: string): string => `xiajiceng-summary-${region}-${asOf}.csv`;

/** The server's CSV of a region's snapshot (the region and its children), saved as a file. */
export async function downloadSummaryCsv(config: WebConfig, region: string, asOf: string): Promise<void> {
  const query = new URLSearchParams({ region, date: asOf, format: 'csv' });
  const csv = await getDocument<string>(config, `/summary?${query}`);
  // fetch's text() drops the server's byte-order mark; Excel needs it to read the Chinese.
  const text = csv.startsWith(CSV_BOM) ? csv : CSV_BOM + csv;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(region, asOf);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
