/**
 * Collects single items into batches by count and time. `add` resolves when the
 * batch holding the item has been processed and rejects if that batch failed,
 * so a queue job can wait for "its" batch and be retried with it.
 */
export function createBatcher<T>(opts: {
  maxSize: number;
  maxWaitMs: number;
  run: (items: T[]) => Promise<void>;
}) {
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
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= opts.maxSize) void flush();
        else if (!timer) timer = setTimeout(() => void flush(), opts.maxWaitMs);
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
