import { h } from './dom.ts';

/**
 * A table that may be wider than the screen (a phone): while it is, its box is a region keyboard
 * users can focus and scroll, named by the table's caption; a line above it says it scrolls, and
 * the edge with more to see fades (`data-more`: `start`, `end` or both; the CSS draws it). Wide
 * enough, it is a plain box again: no tab stop, no hint.
 */
export function scrollRegion(wrap: HTMLElement, labelId: string): HTMLElement {
  const hint = h('p', { class: 'scroll-hint', 'aria-hidden': 'true', hidden: true }, SCROLL_HINT);
  watchScroll(wrap, labelId, hint);
  return h('div', { class: 'scroll-frame' }, hint, wrap);
}

export const SCROLL_HINT = '表格较宽，可左右滑动查看';

/** The watching alone, for a page that draws the hint itself (the desk's lists); the returned function stops it. */
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
