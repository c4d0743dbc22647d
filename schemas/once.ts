/**
 * A value made the first time it is asked for, then kept: for what a module would otherwise build at
 * import although most functions that bundle it never use it (a cold start pays for all of it).
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
