/**
 * Bundled in place of `mnemonist/lru-cache` (an esbuild alias in the Lambda bundling): the SDK's
 * endpoint-discovery cache is its only user, and a Map in insertion order is an LRU cache in a dozen
 * lines, where mnemonist brings 7 KB. The methods are the ones the SDK calls.
 */
export default class LRUCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Reads without making the entry the most recently used. */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return this;
  }

  clear(): void {
    this.#entries.clear();
  }
}
