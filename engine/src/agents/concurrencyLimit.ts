/**
 * At most `max` tasks at a time, the rest waiting in arrival order (FIFO). One limit is shared by
 * every agent of a season so that a round with many LLM agents does not open more connections than
 * the endpoints (or their rate limits) allow. Only the HTTP attempt holds a slot: backoff waits do not.
 */
export type ConcurrencyLimit = {
  readonly max: number;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
  run<T>(task: () => Promise<T>): Promise<T>;
};

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`concurrency limit must be a positive integer, got ${max}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next === undefined) active--;
    else next(); // the slot passes straight to the next task
  };
  return {
    max,
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < max) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
