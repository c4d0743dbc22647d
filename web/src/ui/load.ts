import { useEffect, useState } from 'preact/hooks';

/** What a view knows of something it asked for: still coming, come, or failed. */
export type Load<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/** Runs `load` whenever `deps` change (a newer run wins); `reload` runs it again, `set` replaces what it gave. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then((value) => current && setState({ status: 'ok', value }), (error: unknown) => current && setState({ status: 'error', error }));
    return () => { current = false; };
  }, [...deps, round]);
  return { state, reload: () => setRound((r) => r + 1), set: (value: T) => setState({ status: 'ok', value }) };
}
