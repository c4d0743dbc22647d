import type { Kind } from '#schemas/kind.ts';
import { h } from '../dom.ts';

export interface Tabs {
  el: HTMLElement;
  /** Marks a kind's tab as the selected one. */
  select(kind: Kind): void;
}

/**
 * The kinds as an ARIA tab row: one stop in the Tab order for the whole row; the arrow keys and
 * Home/End move between kinds.
 */
export function kindTabs(kinds: readonly Kind[], open: (kind: Kind) => void): Tabs {
  let current = kinds[0];
  const el = h('div', { class: 'tabs', role: 'tablist', 'aria-label': '填报类别' },
    kinds.map((kind) => h('button', { type: 'button', role: 'tab', 'data-kind': kind.name, 'aria-controls': 'form-host', onclick: () => open(kind) }, kind.form.label.zh)));
  const moves: Record<string, (i: number) => number> = {
    ArrowRight: (i) => (i + 1) % kinds.length, ArrowLeft: (i) => (i - 1 + kinds.length) % kinds.length, Home: () => 0, End: () => kinds.length - 1,
  };
  el.addEventListener('keydown', (event) => {
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = kinds[move(kinds.indexOf(current))];
    open(next);
    el.querySelector<HTMLElement>(`[data-kind="${next.name}"]`)?.focus();
  });
  return {
    el,
    select(kind) {
      current = kind;
      for (const tab of el.children) {
        const selected = (tab as HTMLElement).dataset.kind === kind.name;
        tab.setAttribute('aria-selected', String(selected));
        tab.setAttribute('tabindex', selected ? '0' : '-1');
      }
    },
  };
}
