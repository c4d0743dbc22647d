/**
 * Bounded concurrency for use cases that fan out over many items (reviews, registry rows, heads'
 * cards, a day's notices): a handful in flight serves DynamoDB and a Lambda's connections well, a
 * thousand at once would only queue.
 */

/** `items.map(work)` with at most `limit` running at once, the answers in the items' order. */
export async function mapInFlight<I, O>(items: readonly I[], limit: number, work: (item: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a fault the request fails: nothing more is started for an answer nobody will read.
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await work(items[i]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
