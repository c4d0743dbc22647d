import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentView } from '#schemas/attachment.ts';
import type { Kind } from '#schemas/kind.ts';
import { branchPageFetcher } from '../../forms/branch-fetch.ts';
import { branchSource } from '../../forms/branch-source.ts';
import { type FormView, formView } from '../../forms/form-view.ts';
import { announce } from '../../shell.ts';
import { currentConfig, send, type StoredRecord } from '../data.ts';
import { checkPatch, patchOf } from '../patch.ts';
import { redecisionWarning } from '../redecide.ts';
import { ministers, person } from '../state.ts';
import { ChangedMeanwhile, type Stale, whatChanged } from './changed.tsx';
import { troubleText } from './common.tsx';

/**
 * A correction in the very form the forms page generates from the kind (`formView`), filled with the
 * record; sent as a PATCH of the fields that changed, with If-Match. The browser checks it with the
 * kind's patch schema and rules, and a refusal's field errors (422) land on the fields, as on the
 * forms page. A 412 shows what changed meanwhile; sending again corrects the new version.
 */
export function CorrectView({ kind, record, onDone, onCancel }: { kind: Kind; record: StoredRecord; onDone: (record: StoredRecord) => void; onCancel: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<FormView | undefined>(undefined);
  const base = useRef(record);
  const [stale, setStale] = useState<Stale>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    const made = formView(kind, {
      kind, region: person.value.region, ministerId: person.value.ministerId, ministers: ministers.value, lastMinisterId: record.ministerId,
      branches: branchSource(branchPageFetcher(currentConfig())),
      storedFile: async (id) => {
        const answer = await send<AttachmentView>(`/attachments/${id}`);
        return answer.ok && answer.value.status === 'stored' ? { contentType: answer.value.contentType, url: answer.value.download?.url } : undefined;
      },
    }, () => void submit(), { initial: record, fixed: kind.form.immutable, submitLabel: '提交修改' });
    view.current = made;
    host.current?.replaceChildren(made.el);
  }, [kind, record.id]);

  async function submit() {
    const form = view.current!;
    setNotice(undefined);
    const { patch, errors } = patchOf(kind.form, base.current, form.read());
    // Nothing changed is a notice, not an error (the patch schema would call an empty patch one).
    if (errors.length === 0 && Object.keys(patch).length === 0) {
      form.showErrors([]);
      setNotice('没有要修改的内容。');
      announce('没有要修改的内容');
      return;
    }
    const found = [...errors, ...(errors.length ? [] : checkPatch(kind, base.current, patch))];
    form.showErrors(found);
    if (found.length > 0) {
      announce(`有 ${found.length} 处需要修改`);
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
        form.showErrors(answer.problem.errors);
        announce(`有 ${answer.problem.errors.length} 处需要修改`);
      } else {
        form.showErrors([{ path: '', message: answer.problem.detail ?? answer.problem.title }]);
      }
    } catch (e) {
      form.showErrors([{ path: '', message: troubleText(e) }]);
    }
  }

  const redecision = redecisionWarning(kind, record);
  return (
    <section class="correct" aria-label={`修改${kind.form.label.zh}`}>
      <p class="hint">只提交改动过的内容；修改后，已审核的记录（已通过、有问题、已退回）将重新进入待审核。</p>
      {redecision && <p class="notice" data-redecide>{redecision}</p>}
      {stale && <ChangedMeanwhile stale={stale} />}
      {notice && <p class="notice" role="status">{notice}</p>}
      <div ref={host} class="card form-host" data-correct-form />
      <p><button type="button" class="link" onClick={onCancel}>取消修改</button></p>
    </section>
  );
}
