import { useRef, useState } from 'preact/hooks';
import type { AttachmentView } from '#schemas/attachment.ts';
import type { Kind } from '#schemas/kind.ts';
import { RecordForm } from '../../fields/record-form.tsx';
import { branchPageFetcher } from '../../forms/branch-fetch.ts';
import { branchSource } from '../../forms/branch-source.ts';
import type { FieldError } from '../../forms/validate.ts';
import { announce } from '../../shell.ts';
import { currentConfig, send, type StoredRecord } from '../data.ts';
import { checkPatch, patchOf } from '../patch.ts';
import { redecisionWarning } from '../redecide.ts';
import { ministers, person } from '../state.ts';
import { ChangedMeanwhile, type Stale, whatChanged } from './changed.tsx';
import { troubleText } from './common.tsx';

/**
 * A correction in the very form the forms page shows (`RecordForm`), filled with the record; sent
 * as a PATCH of the fields that changed, with If-Match. The browser checks it with the kind's patch
 * schema and rules, and a refusal's field errors (422) land on the fields, as on the forms page. A
 * 412 shows what changed meanwhile; sending again corrects the new version.
 */
export function CorrectView({ kind, record, onDone, onCancel }: { kind: Kind; record: StoredRecord; onDone: (record: StoredRecord) => void; onCancel: () => void }) {
  const base = useRef(record);
  const [stale, setStale] = useState<Stale>();
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
      const answer = await send<StoredRecord>(`/${kind.form.path}/${base.current.id}`, { method: 'PATCH', body: patch, version: base.current.version });
      if (answer.ok) {
        announce(`已修改，记录现为第 ${answer.value.version} 版`);
        onDone(answer.value);
      } else if (answer.status === 412) {
        const changed = await whatChanged(kind, base.current);
        base.current = changed.current;
        setStale(changed);
        announce('该记录已被他人修改，请查看变化；再次提交将在最新版本上修改');
      } else if (answer.status === 422 && answer.problem.errors) {
        setErrors(answer.problem.errors);
        announce(`有 ${answer.problem.errors.length} 处需要修改`);
      } else {
        setErrors([{ path: '', message: answer.problem.detail ?? answer.problem.title }]);
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
      {stale && <ChangedMeanwhile stale={stale} />}
      {notice && <p class="notice" role="status">{notice}</p>}
      <div class="card form-host" data-correct-form>
        <RecordForm key={record.id} kind={kind} ctx={ctx} id={record.id} initial={record} fixed={kind.form.immutable} submitLabel="提交修改"
          errors={errors} onSubmit={(body) => void submit(body)} />
      </div>
      <p><button type="button" class="link" onClick={onCancel}>取消修改</button></p>
    </section>
  );
}
