import type { Kind } from '#schemas/kind.ts';

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n, ArrowLeft: (i, n) => (i - 1 + n) % n, Home: () => 0, End: (_, n) => n - 1,
};

/**
 * The kinds as an ARIA tab row: one stop in the Tab order for the whole row; the arrow keys and
 * Home/End move between kinds.
 */
export function KindTabs({ kinds, current, open }: { kinds: readonly Kind[]; current: Kind; open: (kind: Kind) => void }) {
  const keydown = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = kinds[move(kinds.indexOf(current), kinds.length)];
    open(next);
    if (event.currentTarget instanceof HTMLElement) event.currentTarget.querySelector<HTMLElement>(`[data-kind="${next.name}"]`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="填报类别" onKeyDown={keydown}>
      {kinds.map((kind) => (
        <button key={kind.name} type="button" role="tab" data-kind={kind.name} aria-controls="form-host" aria-selected={kind === current ? 'true' : 'false'}
          tabIndex={kind === current ? 0 : -1} onClick={() => open(kind)}>{kind.form.label.zh}</button>
      ))}
    </div>
  );
}
