/**
 * Collects single items into batches by count and time. `add` resolves when the
 * batch holding the item has been processed and rejects if that batch failed,
 * so a queue job can wait for "its" batch and be retried with it.
 *
 * The window adapts to the traffic: with no batch in flight an item waits only
 * `lingerMs` (trickle traffic goes out at once); while batches are in flight,
 * items gather for up to `maxWaitMs`, and what gathered goes out as soon as the
 * last batch in flight is done (the batch size follows the consumer's pace).
 */
export function createBatcher<T>(opts: {
  maxSize: number;
  maxWaitMs: number;
  /** The wait when no batch is in flight (default `maxWaitMs`: a fixed window). */
  lingerMs?: number;
  run: (items: T[]) => Promise<void>;
}) {
  const lingerMs = opts.lingerMs ?? opts.maxWaitMs;
  let pending: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const inFlight = new Set<Promise<void>>();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return Promise.resolve();
    const batch = pending;
    pending = [];
    const p = opts
      .run(batch.map((b) => b.item))
      .then(
        () => {
          for (const b of batch) b.resolve();
        },
        (err) => {
          for (const b of batch) b.reject(err);
        },
      )
      .finally(() => {
        inFlight.delete(p);
        // The consumer is free: what gathered meanwhile goes now rather than at the timer.
        if (inFlight.size === 0 && pending.length > 0 && opts.lingerMs !== undefined) void flush();
      });
    inFlight.add(p);
    return p;
  };

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= opts.maxSize) void flush();
        else if (!timer)
          timer = setTimeout(() => void flush(), inFlight.size === 0 ? lingerMs : opts.maxWaitMs);
      });
    },
    /** Processes what is pending now and waits for every batch in flight. */
    async drain(): Promise<void> {
      await flush();
      await Promise.allSettled([...inFlight]);
    },
    get size() {
      return pending.length;
    },
  };
}
