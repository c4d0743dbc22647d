/**
 * A table that may be wider than the screen (a phone): while it is, its box is a region keyboard
 * users can focus and scroll, named by the table's caption; the line above it (`hint`) says it
 * scrolls, and the edge with more to see fades (`data-more`: `start`, `end` or both; the CSS draws
 * it). Wide enough, it is a plain box again: no tab stop, no hint. The returned function stops watching.
 */
export function watchScroll(wrap: HTMLElement, labelId: string, hint: HTMLElement): () => void {
  wrap.classList.add('scroll-region');
  const update = () => {
    const overflows = wrap.scrollWidth > wrap.clientWidth + 1;
    hint.hidden = !overflows;
    if (overflows) {
      wrap.setAttribute('tabindex', '0');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-labelledby', labelId);
    } else {
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('role');
    }
    // Right to left, scrollLeft runs negative: its size says how far from the start.
    const from = Math.abs(wrap.scrollLeft);
    const more = [from > 1 && 'start', overflows && from + wrap.clientWidth < wrap.scrollWidth - 1 && 'end'].filter(Boolean).join(' ');
    if (more) wrap.dataset.more = more;
    else delete wrap.dataset.more;
  };
  wrap.addEventListener('scroll', update, { passive: true });
  const watcher = new ResizeObserver(update);
  watcher.observe(wrap);
  if (wrap.firstElementChild) watcher.observe(wrap.firstElementChild);
  return () => {
    watcher.disconnect();
    wrap.removeEventListener('scroll', update);
  };
}

export const SCROLL_HINT = '⇆ 表格较宽，可左右滑动查看';
