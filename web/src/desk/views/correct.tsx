import { useRef, useState } from 'preact/hooks';
import type { AttachmentView } from '#schemas/attachment.ts';
import { attachmentIdsOf } from '#schemas/attachment-field.ts';
import type { Kind } from '#schemas/kind.ts';
import { RecordForm } from '../../fields/record-form.tsx';
import { branchPageFetcher } from '../../forms/branch-fetch.ts';
import { branchSource } from '../../forms/branch-source.ts';
import type { FieldError } from '../../forms/validate.ts';
import { setEvidence } from '../../evidence/host.ts';
import { correctionId } from '../../outbox.ts';
import { announce } from '../../shell.ts';
import { startCorrections } from '../corrections.ts';
import { currentConfig, getRecord, send, type StoredRecord } from '../data.ts';
import { differences } from '../diff.ts';
import { checkPatch, patchOf } from '../patch.ts';
import { redecisionWarning } from '../redecide.ts';
import { ministers, names, person } from '../state.ts';
import { ChangedMeanwhile, type Stale, whatChanged } from './changed.tsx';
import { troubleText } from './common.tsx';
import { ApiError } from '../../api.ts';

/**
 * A correction in the very form the forms page shows (`RecordForm`), filled with the record, its
 * photos and files with it (new ones taken or picked here too); sent as a PATCH of the fields that
 * changed, with If-Match. The browser checks it with the kind's patch schema and rules, and a
 * refusal's field errors (422) land on the fields, as on the forms page. A 412 shows what changed
 * meanwhile; sending again corrects the new version.
 *
 * The correction goes through the outbox (corrections.ts): kept on the device first, so without a
 * connection it waits (`onQueued`) and is sent when one returns, its new files uploaded after it.
 * A correction still waiting here opens again with its changes, so a second one carries both.
 */
export function CorrectView({ kind, record, onDone, onQueued, onCancel }: {
  kind: Kind; record: StoredRecord; onDone: (record: StoredRecord) => void; onQueued: () => void; onCancel: () => void;
}) {
  const [corrections] = useState(() => {
    const started = startCorrections(currentConfig(), person.value.sub);
    setEvidence(started.evidence.evidence);
    return started;
  });
  const kept = corrections.of(record.id);
  const pending = kept && kept.state !== 'sent' ? kept : undefined;
  const base = useRef(record);
  // A kept correction made on an older version: what changed since is shown, not overwritten silently.
  const [stale, setStale] = useState<Stale | undefined>(() => (pending?.base && pending.version !== record.version
    ? { current: record, differences: differences(kind, pending.base, record, names.value) } : undefined));
  const [initial] = useState(() => (pending ? { ...record, ...pending.body } : record));
  const [notice, setNotice] = useState<string>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [ctx] = useState(() => ({
    kind, region: person.value.region, ministerId: person.value.ministerId, ministers: ministers.value, lastMinisterId: record.ministerId,
    branches: branchSource(branchPageFetcher(currentConfig())),
    storedFile: async (id: string) => {
      const answer = await send<AttachmentView>(`/attachments/${id}`);
      return answer.ok && answer.value.status === 'stored' ? { contentType: answer.value.contentType, url: answer.value.download?.url } : undefined;
    },
  }));

  async function submit(body: Record<string, unknown>) {
    setNotice(undefined);
    const { patch, errors: found } = patchOf(kind.form, base.current, body);
    // Nothing changed is a notice, not an error (the patch schema would call an empty patch one).
    if (found.length === 0 && Object.keys(patch).length === 0) {
      setErrors([]);
      setNotice('没有要修改的内容。');
      announce('没有要修改的内容');
      return;
    }
    const all = [...found, ...(found.length ? [] : checkPatch(kind, base.current, patch))];
    setErrors(all);
    if (all.length > 0) {
      announce(`有 ${all.length} 处需要修改`);
      return;
    }
    try {
      const id = correctionId(record.id);
      // Its new files wait with it (the drafts named), those taken out go; then the correction is
      // written to the device, and only then sent.
      await corrections.evidence.evidence.queue(record.id, attachmentIdsOf(body));
      await corrections.outbox.add({
        id, kind: kind.name, path: `/${kind.form.path}/${record.id}`, method: 'PATCH', version: base.current.version, recordId: record.id,
        title: [kind.form.label.zh, kind.presentation.title(record)].filter(Boolean).join(' · '), body: patch, base: base.current,
      });
      const entry = corrections.outbox.entries().find((e) => e.id === id);
      if (entry?.state === 'sent') {
        const answer = await getRecord(kind.form.path, record.id);
        if (!answer.ok) throw new ApiError(answer.problem);
        announce(`已修改，记录现为第 ${answer.value.version} 版`);
        onDone(answer.value);
        return;
      }
      if (entry?.state !== 'refused') {
        announce('当前无法连接，修改已保存在本机，联网后自动发送');
        onQueued();
        return;
      }
      // Refused while the form is open: shown here. It stays kept on the device (its new files with it,
      // not uploaded for nothing) until sent again or given up, so leaving the form loses nothing.
      if (entry.status === 412) {
        const changed = await whatChanged(kind, base.current);
        base.current = changed.current;
        setStale(changed);
        announce('该记录已被他人修改，请查看变化；再次提交将在最新版本上修改');
      } else if (entry.status === 422 && entry.problem?.errors) {
        setErrors(entry.problem.errors);
        announce(`有 ${entry.problem.errors.length} 处需要修改`);
      } else {
        setErrors([{ path: '', message: entry.problem?.detail ?? entry.problem?.title ?? `请求失败（${entry.status}）` }]);
      }
    } catch (e) {
      setErrors([{ path: '', message: troubleText(e) }]);
    }
  }

  const redecision = redecisionWarning(kind, record);
  return (
    <section class="correct" aria-label={`修改${kind.form.label.zh}`}>
      <p class="hint">只提交改动过的内容；修改后，已审核的记录（已通过、有问题、已退回）将重新进入待审核。</p>
      {redecision && <p class="notice" data-redecide>{redecision}</p>}
      {!corrections.online.value && <p class="notice warn" data-offline>当前离线：提交后修改保存在本机，联网后自动发送，新添加的照片和文件随后上传。</p>}
      {stale && <ChangedMeanwhile stale={stale} />}
      {notice && <p class="notice" role="status">{notice}</p>}
      {pending && <p class="notice" data-correction-kept>本机有一份未发送的修改（{pending.state === 'refused' ? '未能提交' : '待发送'}），已填入下方表单；再次提交将替换它。</p>}
      <div class="card form-host" data-correct-form>
        <RecordForm key={record.id} kind={kind} ctx={ctx} id={record.id} initial={initial} fixed={kind.form.immutable} submitLabel="提交修改"
          errors={errors} onSubmit={(body) => void submit(body)} />
      </div>
      <p><button type="button" class="link" onClick={onCancel}>取消修改</button></p>
    </section>
  );
}
