import type { Signal } from '@preact/signals';
import { type EvidenceFile, stateText } from './files.ts';
import type { Evidence } from './uploader.ts';
import { sizeChange } from './words.ts';

/**
 * An outbox entry's files on the page: name, size before → after, and state (等待 / 上传中 x% /
 * 已上传 / 未通过校验), drawn again as uploads go (`changes` counts them); rows keep their
 * elements, so a focused button stays focused.
 */
export function QueueFiles({ evidence, recordId, changes }: { evidence: Evidence; recordId: string; changes: Signal<number> }) {
  void changes.value;
  const files = evidence.ofRecord(recordId).filter((f) => f.state !== 'draft');
  return (
    <ul class="queue-files" aria-label="佐证材料" hidden={files.length === 0}>
      {files.map((file) => <FileRow key={file.id} file={file} progress={evidence.progress(file.id)} />)}
    </ul>
  );
}

function FileRow({ file, progress }: { file: EvidenceFile; progress?: number }) {
  return (
    <li data-attachment={file.id} data-file-state={file.state}>
      <span>{file.name}</span>
      <span class="hint">{sizeChange(file.originalSize, file.size)}</span>
      <span class={`badge file-${file.state}`} data-file-status="">{stateText(file, progress)}</span>
      {file.state === 'uploading' && <progress max={1} value={progress ?? 0} aria-label={`${file.name} 上传进度`} />}
      {file.state === 'rejected' && <span class="error-text">{`未通过校验：${file.problem ?? '文件内容与类型或大小不符'}。校验结果不再改变：请在工作台修改该记录，移除此文件后重新拍照或选择。`}</span>}
      {file.state === 'refused' && <span class="error-text">{`被退回：${file.problem ?? ''}。请移除此文件后重新选择。`}</span>}
    </li>
  );
}
