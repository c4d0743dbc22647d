import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { beijingDate } from '#schemas/time.ts';
import { ApiError, SignInRequired, Unreachable } from '../../api.ts';
import { signIn } from '../../auth.ts';
import { currentConfig } from '../data.ts';
import { cellText, fileNameOf, type Table, toCsv } from '../table.ts';
import { lengthOf, lengthText } from '../../text.ts';
import { saveFile } from '../download.ts';
import { announce } from '../../shell.ts';
import { SCROLL_HINT, watchScroll } from '../../scroll-region.ts';
import { NOT_FOUND } from '../words.ts';

/** Pieces every view of the desk uses: loading, trouble, headings, tables that become cards, downloads. */

export { type Load, useLoad } from '../../ui/load.ts';

/** What went wrong, in a sentence: a record the person may not see is simply not found. */
export function troubleText(error: unknown): string {
  if (error instanceof ApiError) return error.problem.status === 404 ? NOT_FOUND : error.problem.detail ?? error.problem.title;
  if (error instanceof Unreachable) return '网络不可用，请稍后重试。';
  if (error instanceof SignInRequired) return '登录已失效，请重新登录。';
  return `出错了：${error instanceof Error ? error.message : String(error)}`;
}

export function Trouble({ error, retry }: { error: unknown; retry?: () => void }) {
  const missing = error instanceof ApiError && error.problem.status === 404;
  const text = troubleText(error);
  useEffect(() => announce(text), [text]);
  return (
    <div class={missing ? 'notice' : 'notice error'} role={missing ? 'status' : 'alert'} data-trouble>
      <p>{text}</p>
      {error instanceof SignInRequired ? <p><button type="button" class="primary" onClick={() => void signIn(currentConfig())}>重新登录</button></p>
        : retry && !(error instanceof ApiError && error.problem.status < 500) ? <p><button type="button" onClick={retry}>重试</button></p> : null}
    </div>
  );
}

export const Loading = ({ what }: { what: string }) => <p class="notice" role="status" aria-busy="true">正在加载{what}…</p>;

/** A view's heading: focused when the view opens, so keyboard and screen-reader users start there. */
export const ViewTitle = ({ id, children }: { id: string; children: ComponentChildren }) => <h2 id={id} tabIndex={-1} class="view-title">{children}</h2>;

/** A list: a table on a wide screen, a card per row on a phone (each cell with its header). */
export function ListTable({ table, caption, link, actions, cell, rowKey, current, expanded, select }: {
  table: Table;
  caption: string;
  /** The column whose cells link to the row's record, and each row's address. */
  link?: { column: string; href: (row: number) => string };
  /** Buttons for a row (not part of the table's data, nor of its downloads). */
  actions?: (row: number) => ComponentChildren;
  /** How a cell shows, where plain text will not do (a traffic light). */
  cell?: (column: string, row: number, text: string) => ComponentChildren;
  rowKey: (row: number) => string;
  current?: string;
  /** A panel under a row (moving a problem or a suggestion on in place). */
  expanded?: { key: string; content: ComponentChildren };
  /** A tick box before each row (批量通过): whether it is ticked, ticking it, and what it names for a screen reader. */
  select?: { ticked: (row: number) => boolean; toggle: (row: number) => void; label: (row: number) => string };
}) {
  const captionId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const hint = useRef<HTMLParagraphElement>(null);
  const empty = table.rows.length === 0;
  // A table wider than the screen (on a phone rows are cards, so only a wide list on a narrower desktop).
  useEffect(() => (wrap.current && hint.current ? watchScroll(wrap.current, captionId, hint.current) : undefined), [empty]);
  if (empty) return <p class="notice" data-empty>没有符合条件的记录。</p>;
  const width = table.columns.length + (actions ? 1 : 0) + (select ? 1 : 0);
  return (
    <>
    <p class="scroll-hint" aria-hidden="true" hidden ref={hint}>{SCROLL_HINT}</p>
    <div class="table-wrap list-wrap" ref={wrap}>
      <table class="list" data-list={table.title}>
        <caption class="visually-hidden" id={captionId}>{caption}</caption>
        <thead>
          <tr>{select && <th scope="col" class="tick"><span class="visually-hidden">选择</span></th>}{table.columns.map((c) => <th scope="col" class={columnClass(c)} key={c.key}>{c.label}</th>)}{actions && <th scope="col"><span class="visually-hidden">操作</span></th>}</tr>
        </thead>
        <tbody>
          {table.rows.map((values, i) => {
            const key = rowKey(i);
            const row = (
              <tr key={key} data-key={key} class={key === current ? 'current' : undefined} aria-current={key === current ? 'true' : undefined}>
                {select && (
                  <td class="tick">
                    <label><input type="checkbox" checked={select.ticked(i)} onChange={() => select.toggle(i)} aria-label={select.label(i)} data-tick /><span aria-hidden="true">选择</span></label>
                  </td>
                )}
                {values.map((value, j) => {
                  const column = table.columns[j];
                  const text = cellText(column.type, value);
                  const shown = cell?.(column.key, i, text) ?? text;
                  return (
                    <td key={column.key} class={columnClass(column)} data-label={column.label} data-column={column.key} data-text={text}>
                      {link?.column === column.key ? <a href={link.href(i)}>{shown || '（无标题）'}</a> : shown}
                    </td>
                  );
                })}
                {actions && <td class="row-actions">{actions(i)}</td>}
              </tr>
            );
            return expanded?.key === key
              ? [row, <tr key={`${key}-panel`} class="panel-row"><td colSpan={width}>{expanded.content}</td></tr>]
              : row;
          })}
        </tbody>
      </table>
    </div>
    </>
  );
}

/**
 * A column's look: its type; `short` ones keep to one line; `wide` ones (text) keep a reading width,
 * the table scrolling sideways rather than squeezing them to a character a line; `secondary` ones
 * step aside beside a record.
 */
const columnClass = (c: Table['columns'][number]) => [c.type, c.width <= 14 ? 'short' : c.width >= 24 ? 'wide' : '', c.essential ? '' : 'secondary'].filter(Boolean).join(' ');

/** The two downloads of a list: CSV now, .xlsx once its writer has loaded (only then: it is its own chunk). */
/** `partial`: the list goes on past the rows read (a PartialBar says so): the count is of those shown, not the whole. */
/** `children`: more downloads of the same view (a .docx), after the table's own. */
export function ExportBar({ table, partial = false, children }: { table: Table; partial?: boolean; children?: ComponentChildren }) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string>();
  const today = beijingDate();
  const csv = () => {
    saveFile(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileNameOf(table, today, 'csv'));
    announce(`已下载 ${table.rows.length} 行（CSV）`);
  };
  const xlsx = async () => {
    setBusy(true);
    setTrouble(undefined);
    try {
      const { saveXlsx } = await import('../export/xlsx.ts');
      await saveXlsx(table, fileNameOf(table, today, 'xlsx'));
      announce(`已下载 ${table.rows.length} 行（Excel）`);
    } catch (error) {
      setTrouble(troubleText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="export-bar actions">
      <span class="count" data-rows={table.rows.length}>{partial ? '已显示' : '共'} {table.rows.length.toLocaleString('zh-CN')} 条</span>
      <button type="button" onClick={csv} disabled={table.rows.length === 0}>下载 CSV</button>
      <button type="button" onClick={() => void xlsx()} disabled={busy || table.rows.length === 0}>{busy ? '正在生成…' : '下载 Excel（.xlsx）'}</button>
      {children}
      {trouble && <span class="error-text" role="alert">{trouble}</span>}
    </div>
  );
}

/** A small coloured label: a status, a review state, a light. */
export const Badge = ({ tone, children }: { tone?: string; children: ComponentChildren }) => <span class={`badge ${tone ?? ''}`}>{children}</span>;

/** How much of a text's limit is used (`12 / 1000 字`), said as it is typed: the box does not cut what is typed or pasted. */
export function LengthCount({ id, text, max }: { id: string; text: string; max: number }) {
  const length = lengthOf(text);
  return <span id={id} class={length > max ? 'counter over' : 'counter'} data-counter>{lengthText(length, max)}</span>;
}
