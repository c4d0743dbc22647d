import { useMemo } from 'preact/hooks';
import { saveFile } from '../desk/download.ts';
import { fileNameOf, toCsv } from '../desk/table.ts';
import { announce } from '../shell.ts';
import type { NeverVisited } from './coverage-rows.ts';
import { neverVisitedTable } from './never-visited-table.ts';
import { formatNumber } from './format.ts';

/** The never-visited branches as read: how many, the first 20 of them, and all of them as CSV. A chunk loaded when asked for. */

const SHOWN_MAX = 20;

/** The list that never-visited-table.ts makes: its first four columns shown, all of it downloaded. */
export function NeverVisitedTable({ regionName, items, asOf }: { regionName: string; items: readonly NeverVisited[]; asOf: string }) {
  const csv = useMemo(() => neverVisitedTable(regionName, items), [regionName, items]);
  const count = csv.rows.length;
  const download = () => {
    saveFile(new Blob([toCsv(csv)], { type: 'text/csv;charset=utf-8' }), fileNameOf(csv, asOf, 'csv'));
    announce(`已下载 ${csv.rows.length} 行（CSV）`);
  };
  return (
    <>
      <p data-never-visited={count}>
        {`从未走访的在册党组织共 ${formatNumber(count)} 个`}
        {count > SHOWN_MAX && `（下表列出前 ${SHOWN_MAX} 个，全部见 CSV）`}
        {'。 '}
        {count > 0 && <button type="button" id="never-visited-csv" onClick={download}>下载 CSV</button>}
      </p>
      {count > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="从未走访的在册党组织">
          <table id="never-visited-table">
            <thead><tr>{csv.columns.slice(0, 4).map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr></thead>
            <tbody>
              {csv.rows.slice(0, SHOWN_MAX).map((row, i) => (
                <tr key={i}>{row.slice(0, 4).map((v, j) => <td key={j}>{v === undefined ? '' : String(v)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
