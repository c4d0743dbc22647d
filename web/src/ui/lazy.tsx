import type { ComponentChild, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A part of a page loaded when first shown (a dynamic `import()`, its own chunk), so the page's first
 * view does not carry it. Until it comes, `waiting()` stands in its place; `waiting(error)` when it
 * could not be loaded.
 */
export function lazyPart<P extends object>(load: () => Promise<FunctionComponent<P>>, waiting: (error?: unknown) => ComponentChild): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function LazyPart(props: P) {
    const [part, setPart] = useState<{ Part: FunctionComponent<P> } | undefined>(loaded ? { Part: loaded } : undefined);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (!part) load().then((Part) => { loaded = Part; setPart({ Part }); }, (failure: unknown) => setError(failure ?? new Error('load failed')));
    }, []);
    if (part) return <part.Part {...props} />;
    return <>{waiting(error)}</>;
  };
}
