import { useEffect, useRef, useState } from 'preact/hooks';
import type { Kind } from '#schemas/kind.ts';
import { BULK_REVIEW_LIMIT, type BulkOutcome, type BulkReviewResult } from '#schemas/bulk-review.ts';
import { announce } from '../../shell.ts';
import { send, type StoredRecord } from '../data.ts';
import { hrefOf } from '../route.ts';
import { NOT_FOUND } from '../words.ts';
import { troubleText } from './common.tsx';

/** A ticked row of the queue: the record as the reviewer saw it (its version is what is approved). */
export interface Ticked {
  kind: Kind;
  record: StoredRecord;
}

/** Why a record was not approved, in the desk's words, and what the reviewer can do. */
const NOT_APPROVED: Record<Exclude<BulkOutcome, 200>, string> = {
  412: '在您勾选之后已被他人修改，请打开记录查看变化后重新审核',
  404: NOT_FOUND,
  409: '按其当前状态不能通过（已撤回，或已审核过）',
};

export interface Refused {
  kind: Kind;
  record: StoredRecord;
  /** One of NOT_APPROVED's, or the request's trouble. */
  reason: string;
}

/** What a run did: kept by the queue, so it outlives the queue being read again. */
export interface BulkResult {
  approved: number;
  refused: Refused[];
}

type Phase = 'ticking' | 'confirming' | 'sending';

/**
 * 批量通过 (staff): the ticked records of the queue approved at once, each with the version the
 * reviewer saw — one request per kind, the API deciding each record on its own. After a
 * confirmation; at most BULK_REVIEW_LIMIT at a time. Afterwards the records not approved are listed
 * with why, each a link to reopen it, and the queue is read again.
 */
export function BulkApprove({ ticked, onAll, allTicked, onClear, result, onDone }: {
  ticked: Ticked[];
  /** 全选本页: tick (or untick) every row shown. */
  onAll: () => void;
  allTicked: boolean | 'mixed';
  onClear: () => void;
  /** The last run's, until the list's filters change. */
  result?: BulkResult;
  /** The run is over: keep what it did, and read the queue again. */
  onDone: (result: BulkResult) => void;
}) {
  const [phase, setPhase] = useState<Phase>('ticking');
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const count = ticked.length;
  const over = count - BULK_REVIEW_LIMIT;

  useEffect(() => {
    if (phase === 'confirming') confirm.current?.focus();
  }, [phase]);
  // A run's result is where the reviewer continues: focus moves to it once the queue is read again.
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  async function approve() {
    setPhase('sending');
    const byKind = new Map<Kind, Ticked[]>();
    for (const t of ticked) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
    let approved = 0;
    const refused: Refused[] = [];
    for (const [kind, rows] of byKind) {
      const items = rows.map(({ record }) => ({ id: record.id, version: record.version }));
      try {
        const answer = await send<BulkReviewResult>(`/${kind.form.path}/review`, { method: 'POST', body: { state: 'approved', items } });
        if (!answer.ok) {
          const reason = answer.problem.detail ?? answer.problem.title;
          refused.push(...rows.map(({ record }) => ({ kind, record, reason })));
          continue;
        }
        answer.value.results.forEach((outcome, i) => {
          if (outcome.status === 200) approved += 1;
          else refused.push({ kind, record: rows[i].record, reason: NOT_APPROVED[outcome.status] });
        });
      } catch (error) {
        refused.push(...rows.map(({ record }) => ({ kind, record, reason: troubleText(error) })));
      }
    }
    setPhase('ticking');
    announce(`已通过 ${approved} 条${refused.length ? `，${refused.length} 条未通过` : ''}`);
    onDone({ approved, refused });
  }

  const allBox = (
    <label class="tick-all">
      <input type="checkbox" checked={allTicked === true} indeterminate={allTicked === 'mixed'} onChange={onAll} data-tick-all />全选本页
    </label>
  );

  return (
    <section class="panel bulk-approve" aria-labelledby="bulk-title" data-bulk>
      <h3 id="bulk-title" class="visually-hidden">批量通过</h3>
      {result && phase === 'ticking' && (
        <div class={result.refused.length ? 'notice warn bulk-result' : 'notice ok bulk-result'} data-bulk-result>
          <h4 ref={heading} tabIndex={-1}>已通过 {result.approved} 条{result.refused.length > 0 && `，${result.refused.length} 条未通过`}。</h4>
          {result.refused.length > 0 && (
            <ul class="not-approved" aria-label="未通过的记录">
              {result.refused.map(({ kind, record, reason }) => (
                <li key={record.id} data-refused={record.id}>
                  <a href={hrefOf({ view: 'record', kind: kind.form.path, id: record.id, part: 'detail' })}>{kind.presentation.title(record) || '（无标题）'}</a>
                  <span class="reason">：{reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="actions">
        {allBox}
        <span class="count" aria-live="polite" data-ticked={count}>已选 {count} 条</span>
        {phase === 'confirming' && count > 0 && over <= 0 ? (
          <span role="group" aria-label="确认批量通过" class="confirm">
            <span>通过这 {count} 条记录？期间被他人修改的不会通过。</span>
            <button type="button" class="primary" ref={confirm} onClick={() => void approve()} data-bulk-confirm>确认通过</button>
            <button type="button" onClick={() => { setPhase('ticking'); requestAnimationFrame(() => start.current?.focus()); }}>取消</button>
          </span>
        ) : (
          <>
            <button type="button" class="primary" ref={start} disabled={count === 0 || over > 0 || phase === 'sending'} aria-describedby={over > 0 ? 'bulk-over' : undefined}
              onClick={() => setPhase('confirming')} data-bulk-approve>
              {phase === 'sending' ? '正在通过…' : `批量通过（${count}）`}
            </button>
            {count > 0 && phase !== 'sending' && <button type="button" onClick={onClear}>取消选择</button>}
          </>
        )}
      </div>
      {over > 0 && <p id="bulk-over" class="error-text" role="alert">一次最多通过 {BULK_REVIEW_LIMIT} 条，已选 {count} 条：请取消勾选其中 {over} 条。</p>}
    </section>
  );
}
