import { useState } from 'preact/hooks';
import { troubleText } from './common.tsx';

/**
 * Says plainly that a list shows part of what there is ("显示前 N 条，共 M 条" when the count is
 * known, else "还有更多"), and reads on at a press (更多): no list stops short without saying so.
 */
export function PartialBar({ shown, total, onMore }: { shown: number; total?: number; onMore: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string>();
  const more = async () => {
    setBusy(true);
    setTrouble(undefined);
    try {
      await onMore();
    } catch (error) {
      setTrouble(troubleText(error));
    } finally {
      setBusy(false);
    }
  };
  const shownText = shown.toLocaleString('zh-CN');
  return (
    <p class="notice partial actions" role="status" data-partial={shown}>
      <span>{total === undefined ? `显示前 ${shownText} 条，还有更多` : `显示前 ${shownText} 条，共 ${total.toLocaleString('zh-CN')} 条`}；下载的也只是已显示的这些。</span>
      <button type="button" onClick={() => void more()} disabled={busy} data-more>{busy ? '正在读取…' : '更多'}</button>
      {trouble && <span class="error-text" role="alert">{trouble}</span>}
    </p>
  );
}
