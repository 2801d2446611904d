/** Options of {@link readAhead}. */
export interface ReadAheadOptions {
  /**
   * Items requested ahead of the one the consumer holds. `0` reads on demand only. Memory stays bounded:
   * at most `ahead + 1` items (pages) exist at once. @default 1
   */
  ahead?: number;
}

/**
 * Wraps an async iterable (typically a paginator yielding pages) so the next item is requested as soon as
 * the current one is handed over, not when the consumer asks for it: while the consumer works on page n,
 * page n + 1 is on the wire. Items keep their order; an error of a read-ahead item surfaces when the
 * consumer reaches it; stopping early (`break`, `return`) closes the source.
 * @example
 * for await (const page of readAhead(paginate(fetchPage, "time_entries"))) await post(page.records);
 * @throws TypeError when `ahead` is not an integer ≥ 0
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
  options: ReadAheadOptions = {},
): AsyncGenerator<T, void, undefined> {
  const ahead = options.ahead ?? 1;
  if (!Number.isInteger(ahead) || ahead < 0) {
    throw new TypeError(`readAhead: option "ahead" must be an integer ≥ 0, got ${String(ahead)}`);
  }
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const request = () => {
    const next = iterator.next();
    // Held until the consumer reaches it; never an unhandled rejection meanwhile.
    next.catch(() => {});
    queue.push(next);
  };
  let done = false;
  try {
    for (;;) {
      if (queue.length === 0) request();
      const result = await (queue.shift() as Promise<IteratorResult<T>>);
      if (result.done) {
        done = true;
        return;
      }
      // Ask for the next ones before handing this one over: that is the read-ahead.
      while (queue.length < ahead) request();
      yield result.value;
    }
  } catch (error) {
    done = true;
    throw error;
  } finally {
    if (!done) {
      // Let read-ahead requests settle, then close the source.
      await Promise.allSettled(queue);
      await iterator.return?.();
    }
  }
}
