/**
 * Collects single items into batches by count and time. `add` resolves when the
 * batch holding the item has been processed and rejects if that batch failed,
 * so a queue job can wait for "its" batch and be retried with it.
 *
 * The window adapts to the traffic: with no batch in flight an item waits only
 * `lingerMs` (trickle traffic goes out at once); while batches are in flight,
 * items gather for up to `maxWaitMs`, and what gathered goes out as soon as the
 * last batch in flight is done (the batch size follows the consumer's pace).
 *
 * With `weigh` and `maxWeight` a batch is also closed by weight (e.g. bytes): an item that
 * would take the pending batch over `maxWeight` closes it first and starts the next one, so a
 * batch stays under the limit unless one item alone is heavier. With `maxInFlight`, at most
 * that many batches run at once; closed batches wait their turn in order, so small batches
 * do not multiply what is held in memory.
 */
export function createBatcher<T>(opts: {
  maxSize: number;
  maxWaitMs: number;
  /** The wait when no batch is in flight (default `maxWaitMs`: a fixed window). */
  lingerMs?: number;
  run: (items: T[]) => Promise<void>;
  /** An item's weight (e.g. its bytes); with `maxWeight`, batches are closed by weight too. */
  weigh?: (item: T) => number;
  maxWeight?: number;
  /** The most batches run at once (default: no limit). */
  maxInFlight?: number;
}) {
  type Entry = { item: T; resolve: () => void; reject: (e: unknown) => void };
  const lingerMs = opts.lingerMs ?? opts.maxWaitMs;
  const { weigh, maxWeight } = opts;
  const maxInFlight = Math.max(1, opts.maxInFlight ?? Number.POSITIVE_INFINITY);
  let pending: Entry[] = [];
  let pendingWeight = 0;
  let timer: NodeJS.Timeout | null = null;
  /** Closed batches waiting for a free slot (they wait only with `maxInFlight`). */
  const ready: Entry[][] = [];
  const inFlight = new Set<Promise<void>>();

  const start = (batch: Entry[]) => {
    const p: Promise<void> = opts
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
        dispatch();
        // The consumer is free: what gathered meanwhile goes now rather than at the timer.
        if (inFlight.size === 0 && pending.length > 0 && opts.lingerMs !== undefined) close();
      });
    inFlight.add(p);
  };
  const dispatch = () => {
    while (ready.length > 0 && inFlight.size < maxInFlight) start(ready.shift()!);
  };
  /** Closes the pending batch and starts it if a slot is free. */
  const close = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    ready.push(pending);
    pending = [];
    pendingWeight = 0;
    dispatch();
  };

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (weigh && maxWeight !== undefined) {
          const w = weigh(item);
          if (pending.length > 0 && pendingWeight + w > maxWeight) close();
          pendingWeight += w;
        }
        pending.push({ item, resolve, reject });
        if (pending.length >= opts.maxSize || (maxWeight !== undefined && pendingWeight >= maxWeight))
          close();
        else if (!timer) timer = setTimeout(close, inFlight.size === 0 ? lingerMs : opts.maxWaitMs);
      });
    },
    /** Processes what is pending now and waits for every batch, running or waiting its turn. */
    async drain(): Promise<void> {
      close();
      while (inFlight.size > 0 || ready.length > 0) await Promise.allSettled([...inFlight]);
    },
    get size() {
      return pending.length;
    },
  };
}
