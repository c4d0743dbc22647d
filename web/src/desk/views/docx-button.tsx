import { useState } from 'preact/hooks';
import { announce } from '../../shell.ts';
import type { OfficialDocument } from '../export/docx.ts';
import { troubleText } from './common.tsx';

/**
 * 下载 Word（.docx）: the document in the official layout. The .docx writer is imported only on the
 * click (its own chunk), as the .xlsx writer is.
 */
export function DocxButton({ document, name }: { document: () => OfficialDocument; name: string }) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string>();
  const save = async () => {
    setBusy(true);
    setTrouble(undefined);
    try {
      const { saveDocx } = await import('../export/docx.ts');
      await saveDocx(document(), `${name}.docx`);
      announce('已下载 Word 文件');
    } catch (error) {
      setTrouble(troubleText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-docx onClick={() => void save()} disabled={busy}>{busy ? '正在生成…' : '下载 Word（.docx）'}</button>
      {trouble && <span class="error-text" role="alert">{trouble}</span>}
    </>
  );
}
