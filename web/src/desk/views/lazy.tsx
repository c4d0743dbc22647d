import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Trouble } from './common.tsx';

/**
 * A view loaded when first shown (a dynamic `import()`, its own chunk), so the desk's first view
 * does not carry it; while it loads, the view says so, and a failed load is trouble with a retry.
 */
export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>, what: string): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function Lazy(props: P) {
    const [view, setView] = useState<{ View: FunctionComponent<P> } | undefined>(loaded ? { View: loaded } : undefined);
    const [error, setError] = useState<unknown>();
    const [round, setRound] = useState(0);
    useEffect(() => {
      if (view) return;
      load().then((View) => {
        // The heading that had focus while the view loaded is replaced by the view's own: focus moves on to it.
        const focused = document.activeElement?.id === 'list-title' || document.activeElement === document.body;
        loaded = View;
        setView({ View });
        if (focused) requestAnimationFrame(() => document.getElementById('list-title')?.focus());
      }, setError);
    }, [round]);
    if (error) return <Trouble error={error} retry={() => { setError(undefined); setRound((r) => r + 1); }} />;
    return view ? <view.View {...props} /> : <section aria-labelledby="list-title"><h2 id="list-title" tabIndex={-1} class="view-title">{what}</h2><Loading what="页面" /></section>;
  };
}

/**
 * A part of a view (a form, a dialog, a tab) loaded when first shown, from the chunk loaded on
 * demand: it says it is loading, and a failed load is trouble. `atStart`: fetched as the page
 * starts instead, so that by the time it is shown it draws at once, like the first view's parts.
 */
export function lazyPart<P extends object>(load: () => Promise<FunctionComponent<P>>, what: string, options: { atStart?: boolean } = {}): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  const fetch = () => load().then((Part) => (loaded = Part));
  // A failed fetch at the start is tried again when the part is shown.
  let fetching: Promise<FunctionComponent<P>> | undefined = options.atStart ? fetch() : undefined;
  fetching?.catch(() => { fetching = undefined; });
  return function LazyPart(props: P) {
    const [part, setPart] = useState<{ Part: FunctionComponent<P> } | undefined>(loaded ? { Part: loaded } : undefined);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (!part) (fetching ??= fetch()).then((Part) => setPart({ Part }), setError);
    }, []);
    if (error) return <Trouble error={error} />;
    return part ? <part.Part {...props} /> : <Loading what={what} />;
  };
}
