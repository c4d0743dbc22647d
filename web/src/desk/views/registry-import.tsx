import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_IMPORT_ROWS } from '#schemas/branch.ts';
import { Unreachable } from '../../api.ts';
import { announce } from '../../shell.ts';
import { findRegion } from '#schemas/regions.ts';
import { send } from '../data.ts';
import { top } from '../state.ts';
import { type Batch, batchesOf, fingerprintOf, isZip, PATH_NAMES, type ReadFile, readRoster } from '../registry/file.ts';
import { type BatchResult, type ImportProgress, isFinished, progressStore, remaining, resultOf, totalOf } from '../registry/progress.ts';
import { troubleText } from './common.tsx';

/**
 * 支部名册导入 (admins; staff within their region): a department's roster read in the browser (CSV or
 * .xlsx), checked by a dry run of the API's import (new / changed / unchanged / rejected, each
 * rejected row by its row number in the file with the reasons), then imported in batches of at most
 * 500 rows with a progress bar. Every confirmed batch is kept on the device with the file's batches,
 * so a dropped connection or a reload ends in "继续导入", never in starting over.
 */

type ImportAnswer = { created: number; updated: number; unchanged: number; rejected: { index: number; errors: { path: string; message: string }[] }[] };
type Stage =
  | { step: 'choose' }
  | { step: 'checking'; done: number; of: number }
  | { step: 'checked'; dry: BatchResult }
  | { step: 'importing'; progress: ImportProgress }
  | { step: 'stopped'; progress: ImportProgress; reason: string }
  | { step: 'finished'; progress: ImportProgress };

const store = progressStore();

async function post(batch: Batch, dryRun: boolean): Promise<BatchResult> {
  const answer = await send<ImportAnswer>('/branches/import', { method: 'POST', body: { dryRun, rows: batch.rows } });
  if (!answer.ok) throw new Error(answer.problem.errors?.map((e) => e.message).join('；') || answer.problem.detail || answer.problem.title);
  return resultOf(batch, answer.value);
}

export function ImportView() {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [file, setFile] = useState<{ name: string; fingerprint: string; read: ReadFile; batches: Batch[] }>();
  const [trouble, setTrouble] = useState<string>();
  const [unfinished, setUnfinished] = useState(() => store.unfinished());
  const status = useRef<HTMLDivElement>(null);

  // Back online with an import stopped by the network: offer to go on at once.
  useEffect(() => {
    const back = () => setUnfinished(store.unfinished());
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, []);

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    setTrouble(undefined);
    setFile(undefined);
    setStage({ step: 'choose' });
    if (!chosen) return;
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    // fflate is loaded only when an .xlsx is chosen.
    const unzip = isZip(bytes) ? (await import('../registry/unzip.ts')).unzip : () => ({});
    const read = readRoster(bytes, unzip);
    if (read.problem) {
      setTrouble(read.problem);
      announce(read.problem);
      return;
    }
    const batches = batchesOf(read.rows);
    const fingerprint = await fingerprintOf(bytes);
    setFile({ name: chosen.name, fingerprint, read, batches });
    const kept = store.read(fingerprint);
    if (kept && !isFinished(kept)) {
      setStage({ step: 'stopped', progress: kept, reason: '这个文件上次没有导入完。' });
      return;
    }
    await dryRun(batches);
  }

  async function dryRun(batches: Batch[]) {
    const results: BatchResult[] = [];
    setStage({ step: 'checking', done: 0, of: batches.length });
    try {
      for (const batch of batches) {
        results.push(await post(batch, true));
        setStage({ step: 'checking', done: results.length, of: batches.length });
      }
    } catch (error) {
      setStage({ step: 'choose' });
      setTrouble(`预检未完成：${error instanceof Error && !(error instanceof Unreachable) ? error.message : troubleText(error)}`);
      return;
    }
    const dry = totalOf(results);
    setStage({ step: 'checked', dry });
    announce(`预检完成：新增 ${dry.created}，修改 ${dry.updated}，无变化 ${dry.unchanged}，退回 ${dry.rejected.length}`);
  }

  async function run(progress: ImportProgress) {
    setTrouble(undefined);
    store.write(progress);
    setStage({ step: 'importing', progress });
    let current = progress;
    for (const index of remaining(progress)) {
      try {
        const result = await post(current.batches[index], false);
        current = { ...current, done: { ...current.done, [index]: result } };
        store.write(current);
        setStage({ step: 'importing', progress: current });
      } catch (error) {
        const reason = error instanceof Unreachable
          ? '网络中断，导入暂停。已确认的批次保存在本机；恢复联网后点击“继续导入”（重发的批次不会重复导入）。'
          : `导入暂停：${error instanceof Error ? error.message : String(error)}`;
        setStage({ step: 'stopped', progress: current, reason });
        announce(reason);
        setUnfinished(store.unfinished());
        return;
      }
    }
    setStage({ step: 'finished', progress: current });
    store.remove(current.fingerprint);
    setUnfinished(store.unfinished());
    const total = totalOf(Object.values(current.done));
    announce(`导入完成：新增 ${total.created}，修改 ${total.updated}，无变化 ${total.unchanged}，退回 ${total.rejected.length}`);
    status.current?.focus();
  }

  const start = () => file && void run({ fingerprint: file.fingerprint, fileName: file.name, batches: file.batches, done: {}, startedAt: new Date().toISOString() });
  const fileRejected = file?.read.rows.flatMap((r) => ('errors' in r ? [{ line: r.line, name: r.name, errors: r.errors }] : [])) ?? [];
  const sendable = file?.batches.reduce((n, b) => n + b.rows.length, 0) ?? 0;

  return (
    <section class="card registry-import" aria-labelledby="list-title">
      <p>选择{findRegion(top.value)?.name ?? ''}的支部名册文件（CSV 或 Excel .xlsx；本地区以外的行会被退回）。表头须有 <b>县</b>、<b>名称</b>、<b>类型</b>，可有 <b>代码</b>、<b>曾用名</b>（多个用“、”分隔）；县可写名称或行政区划代码，类型写 村 或 社区。文件只在本机读取；先预检，确认后每批 {MAX_IMPORT_ROWS} 行导入。重复导入同一文件不会重复登记。</p>
      {unfinished.length > 0 && stage.step !== 'importing' && stage.step !== 'stopped' && (
        <div class="notice" role="status" data-unfinished>
          {unfinished.map((p) => (
            <p key={p.fingerprint}>
              上次未完成的导入：{p.fileName}（已确认 {Object.keys(p.done).length} / {p.batches.length} 批）{' '}
              <button type="button" class="primary" onClick={() => void run(p)}>继续导入</button>{' '}
              <button type="button" class="link" onClick={() => { store.remove(p.fingerprint); setUnfinished(store.unfinished()); }}>放弃</button>
            </p>
          ))}
        </div>
      )}
      <div class="field">
        <label for="roster-file">选择名册文件</label>
        <span class="hint" id="roster-file-hint">.csv（UTF-8 或 GB18030）或 .xlsx（读取第一个工作表）</span>
        <input id="roster-file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="roster-file-hint roster-file-error" disabled={stage.step === 'importing' || stage.step === 'checking'}
          onChange={(e) => void choose(e.currentTarget)} />
        <div class="error-text" id="roster-file-error" role="alert">{trouble}</div>
      </div>
      {file && <p data-read>读取 {file.name}：读出 {sendable.toLocaleString('zh-CN')} 行{fileRejected.length > 0 ? `，另有 ${fileRejected.length} 行无法读取（见下表）` : ''}，共 {file.batches.length} 批。</p>}
      <div ref={status} tabIndex={-1} aria-live="polite">
        {stage.step === 'checking' && <Progress label="正在预检" done={stage.done} of={stage.of} />}
        {stage.step === 'checked' && file && (
          <>
            <Counts title="预检结果（尚未写入）" result={stage.dry} extra={fileRejected.length} />
            <ImportButton dry={stage.dry} extra={fileRejected.length} onClick={start} />
          </>
        )}
        {(stage.step === 'importing' || stage.step === 'stopped') && (
          <Progress label={stage.step === 'importing' ? '正在导入' : '已暂停'} done={Object.keys(stage.progress.done).length} of={stage.progress.batches.length} />
        )}
        {stage.step === 'stopped' && (
          <div class="notice error" data-stopped>
            <p>{stage.reason}</p>
            <p><button type="button" class="primary" onClick={() => void run(stage.progress)}>继续导入</button></p>
          </div>
        )}
        {stage.step === 'finished' && <Counts title="导入完成" result={totalOf(Object.values(stage.progress.done))} extra={fileRejected.length} done />}
      </div>
      <Rejected rows={[...fileRejected.map((r) => ({ ...r, where: '文件' })), ...rejectedOf(stage, file?.batches)]} />
    </section>
  );
}

/** The rows the API rejected (in the dry run, or in the import), with the name the file gave them. */
function rejectedOf(stage: Stage, batches?: Batch[]) {
  const result = stage.step === 'checked' ? stage.dry
    : stage.step === 'finished' || stage.step === 'stopped' || stage.step === 'importing' ? totalOf(Object.values(stage.progress.done)) : undefined;
  if (!result) return [];
  const nameAt = new Map((stage.step === 'checked' ? batches ?? [] : 'progress' in stage ? stage.progress.batches : []).flatMap((b) => b.lines.map((line, i) => [line, b.rows[i].name] as const)));
  return result.rejected.map((r) => ({ ...r, name: nameAt.get(r.line) ?? '', where: '系统' }));
}

function Progress({ label, done, of }: { label: string; done: number; of: number }) {
  return (
    <p class="import-progress" data-progress={`${done}/${of}`}>
      <label for="import-progress">{label}：已完成 {done} / {of} 批</label>
      <progress id="import-progress" max={of} value={done}>{done} / {of}</progress>
    </p>
  );
}

/**
 * The button counts the rows the import will write (the dry run's 新增 + 修改); the rows it leaves
 * as they are (无变化) and those refused (退回) are said beside it, not counted in.
 */
function ImportButton({ dry, extra, onClick }: { dry: BatchResult; extra: number; onClick: () => void }) {
  const written = dry.created + dry.updated;
  const rejected = dry.rejected.length + extra;
  const apart = [dry.unchanged > 0 && `${dry.unchanged.toLocaleString('zh-CN')} 行无变化，不会改动`, rejected > 0 && `${rejected.toLocaleString('zh-CN')} 行退回，不会导入`].filter(Boolean).join('；');
  return (
    <p class="actions" data-import-action>
      <button type="button" class="primary" onClick={onClick} disabled={written === 0} aria-describedby="import-apart">导入 {written.toLocaleString('zh-CN')} 行</button>
      <span class="hint" id="import-apart">{written === 0 ? `没有需要写入的行${apart ? `：${apart}` : ''}。` : apart ? `另有 ${apart}。` : ''}</span>
    </p>
  );
}

function Counts({ title, result, extra, done }: { title: string; result: BatchResult; extra: number; done?: boolean }) {
  const cells: [string, number, string][] = [['新增', result.created, 'created'], ['修改', result.updated, 'updated'], ['无变化', result.unchanged, 'unchanged'], ['退回', result.rejected.length + extra, 'rejected']];
  return (
    <div class={done ? 'notice ok' : 'notice'} role="status" data-counts={title}>
      <h3>{title}</h3>
      <dl class="import-counts">
        {cells.map(([name, n, key]) => <div key={key}><dt>{name}</dt><dd data-count={key}>{n.toLocaleString('zh-CN')}</dd></div>)}
      </dl>
    </div>
  );
}

function Rejected({ rows }: { rows: { line: number; name: string; errors: { path: string; message: string }[]; where: string }[] }) {
  if (rows.length === 0) return null;
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  return (
    <div class="table-wrap list-wrap">
      <h3 id="rejected-title">退回的行（{rows.length}）</h3>
      <table class="list" aria-labelledby="rejected-title" data-rejected>
        <thead><tr><th scope="col">行号</th><th scope="col">名称</th><th scope="col">原因</th></tr></thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={`${r.where}-${r.line}`} data-line={r.line}>
              <td class="number short" data-label="行号">{r.line}</td>
              <td data-label="名称">{r.name}</td>
              <td data-label="原因" class="error-text">{r.errors.map((e) => `${PATH_NAMES[e.path.split(/[.[]/)[0]] ?? (e.path || '本行')}：${e.message}`).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
