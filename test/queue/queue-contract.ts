import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/domain/errors.js';
import type { JobContext, JobDefinition, JobQueue } from '../../src/queue/types.js';
import { randomId } from '../helpers/env.js';

/** One adapter under test, plus the hooks the shared suite needs. */
export interface QueueHarness {
  queue: JobQueue;
  /** Puts a payload on the queue without validation, as a foreign or older producer could. */
  enqueueRaw(def: JobDefinition<unknown>, payload: unknown): Promise<void>;
  /** Closes the queue and anything else the harness opened. */
  cleanup(): Promise<void>;
}

const payloadSchema = z.object({ n: z.number().int() });
type Payload = z.infer<typeof payloadSchema>;

const EVENTUALLY = { timeout: 15_000, interval: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A gate that handlers await until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

/** The JobQueue contract, run against each adapter. */
export function queueContract(
  name: string,
  makeQueue: () => Promise<QueueHarness>,
  opts: { skip?: boolean } = {},
) {
  describe.skipIf(opts.skip ?? false)(`JobQueue contract: ${name}`, () => {
    let h: QueueHarness | undefined;
    const setup = async () => {
      h = await makeQueue();
      return h.queue;
    };
    const job = (over: Partial<JobDefinition<Payload>> = {}): JobDefinition<Payload> => ({
      name: randomId('job'),
      schema: payloadSchema,
      attempts: 3,
      backoffMs: 10,
      ...over,
    });

    afterEach(async () => {
      await h?.cleanup();
      h = undefined;
    });

    it('delivers enqueued payloads to the processor, also those queued before process()', async () => {
      const q = await setup();
      const def = job();
      const seen: number[] = [];
      await q.enqueue(def, { n: 1 });
      await q.enqueueMany(def, [{ payload: { n: 2 } }, { payload: { n: 3 } }]);
      expect((await q.counts(def.name)).waiting).toBe(3);
      q.process(def, async (p) => {
        seen.push(p.n);
      });
      await vi.waitFor(() => expect(seen).toHaveLength(3), EVENTUALLY);
      expect(seen).toEqual([1, 2, 3]); // FIFO with concurrency 1
      await vi.waitFor(async () => expect((await q.counts(def.name)).completed).toBe(3), EVENTUALLY);
    });

    it('runs at most `concurrency` handlers at once and reaches that level', async () => {
      const q = await setup();
      const def = job();
      const g = gate();
      let running = 0;
      let peak = 0;
      let done = 0;
      await q.enqueueMany(
        def,
        Array.from({ length: 6 }, (_, n) => ({ payload: { n } })),
      );
      q.process(
        def,
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await g.opened;
          running -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      await vi.waitFor(() => expect(running).toBe(3), EVENTUALLY);
      await vi.waitFor(async () => expect((await q.counts(def.name)).active).toBe(3), EVENTUALLY);
      g.open();
      await vi.waitFor(() => expect(done).toBe(6), EVENTUALLY);
      expect(peak).toBe(3);
    });

    it('runs one job at a time of an exclusive kind, whatever concurrency is asked for', async () => {
      const q = await setup();
      const def = job({ exclusive: true });
      let running = 0;
      let peak = 0;
      let done = 0;
      await q.enqueueMany(
        def,
        Array.from({ length: 4 }, (_, n) => ({ payload: { n } })),
      );
      q.process(
        def,
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(40);
          running -= 1;
          done += 1;
        },
        { concurrency: 4 },
      );
      await vi.waitFor(() => expect(done).toBe(4), EVENTUALLY);
      expect(peak).toBe(1);
    });

    it('retries a failing handler with exponential backoff, then succeeds', async () => {
      const q = await setup();
      const def = job({ attempts: 3, backoffMs: 50 });
      const calls: { ctx: JobContext; at: number }[] = [];
      q.process(def, async (_p, ctx) => {
        calls.push({ ctx, at: Date.now() });
        if (ctx.attempt < 3) throw new Error(`flaky ${ctx.attempt}`);
      });
      await q.enqueue(def, { n: 1 });
      await vi.waitFor(async () => expect((await q.counts(def.name)).completed).toBe(1), EVENTUALLY);
      expect(calls.map((c) => c.ctx.attempt)).toEqual([1, 2, 3]);
      expect(new Set(calls.map((c) => c.ctx.id)).size).toBe(1);
      // Lower bounds only (never flaky): 50 ms after the 1st failure, 100 ms after the 2nd.
      expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(45);
      expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(95);
      expect(await q.failed(def.name)).toEqual([]);
    });

    it('waits at most backoffMaxMs between tries when the kind sets it', async () => {
      const q = await setup();
      // Uncapped the waits would be 200, 400, 800 and 1,600 ms (3 s in all); capped, 200 each.
      const def = job({ attempts: 5, backoffMs: 200, backoffMaxMs: 200 });
      const at: number[] = [];
      q.process(def, async (_p, ctx) => {
        at.push(Date.now());
        if (ctx.attempt < 5) throw new Error(`down ${ctx.attempt}`);
      });
      await q.enqueue(def, { n: 1 });
      await vi.waitFor(async () => expect((await q.counts(def.name)).completed).toBe(1), EVENTUALLY);
      expect(at).toHaveLength(5);
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(190);
      // A generous bound (1.7 s of slack for a busy machine) that the uncapped formula cannot meet.
      expect(at[4]! - at[0]!).toBeLessThan(2500);
    });

    it('moves a job to the failed view with error and attempts once attempts are exhausted', async () => {
      const q = await setup();
      const def = job({ attempts: 2 });
      let calls = 0;
      q.process(def, async () => {
        calls += 1;
        throw new Error('boom');
      });
      await q.enqueue(def, { n: 7 });
      await vi.waitFor(async () => expect(await q.failed(def.name)).toHaveLength(1), EVENTUALLY);
      const [f] = await q.failed(def.name);
      expect(f).toMatchObject({ name: def.name, payload: { n: 7 }, error: 'boom', attempts: 2 });
      expect(f!.id).toBeTruthy();
      expect(Number.isNaN(Date.parse(f!.failedAt))).toBe(false);
      expect(calls).toBe(2);
      expect(await q.counts(def.name)).toMatchObject({ failed: 1, waiting: 0, active: 0, delayed: 0 });
    });

    it('rejects an invalid payload on enqueue with ValidationError and queues nothing', async () => {
      const q = await setup();
      const def = job();
      await expect(q.enqueue(def, { n: 'x' } as unknown as Payload)).rejects.toBeInstanceOf(ValidationError);
      await expect(
        q.enqueueMany(def, [{ payload: { n: 1 } }, { payload: { n: 1.5 } }]),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await q.counts(def.name)).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
        completed: 0,
      });
    });

    it('fails an invalid payload on receipt at once, without retry', async () => {
      const q = await setup();
      const def = job({ attempts: 3 });
      let calls = 0;
      await h!.enqueueRaw(def as JobDefinition<unknown>, { n: 'not a number' });
      q.process(def, async () => {
        calls += 1;
      });
      await vi.waitFor(async () => expect(await q.failed(def.name)).toHaveLength(1), EVENTUALLY);
      const [f] = await q.failed(def.name);
      expect(f!.attempts).toBe(1);
      expect(f!.error).toMatch(/invalid payload/);
      expect(calls).toBe(0);
      await sleep(100);
      expect((await q.counts(def.name)).delayed).toBe(0);
    });

    it('dedupes by jobId while the job is pending, and accepts the id again once it is done', async () => {
      const q = await setup();
      const def = job();
      const seen: number[] = [];
      await q.enqueue(def, { n: 1 }, { jobId: 'item-1' });
      await q.enqueue(def, { n: 2 }, { jobId: 'item-1' });
      await q.enqueueMany(def, [{ payload: { n: 3 }, opts: { jobId: 'item-1' } }, { payload: { n: 4 } }]);
      expect((await q.counts(def.name)).waiting).toBe(2);
      q.process(def, async (p) => {
        seen.push(p.n);
      });
      await vi.waitFor(() => expect(seen).toEqual([1, 4]), EVENTUALLY);
      await vi.waitFor(async () => expect((await q.counts(def.name)).completed).toBe(2), EVENTUALLY);
      await q.enqueue(def, { n: 5 }, { jobId: 'item-1' });
      await vi.waitFor(() => expect(seen).toEqual([1, 4, 5]), EVENTUALLY);
    });

    it('retryFailed moves dead letters back to waiting with fresh attempts', async () => {
      const q = await setup();
      const def = job({ attempts: 2 });
      let healthy = false;
      const attempts: number[] = [];
      q.process(def, async (_p, ctx) => {
        attempts.push(ctx.attempt);
        if (!healthy) throw new Error('downstream down');
      });
      await q.enqueueMany(def, [{ payload: { n: 1 } }, { payload: { n: 2 } }]);
      await vi.waitFor(async () => expect(await q.failed(def.name)).toHaveLength(2), EVENTUALLY);
      healthy = true;
      attempts.length = 0;
      expect(await q.retryFailed(def.name)).toBe(2);
      await vi.waitFor(async () => expect((await q.counts(def.name)).completed).toBe(2), EVENTUALLY);
      expect(attempts).toEqual([1, 1]);
      expect(await q.failed(def.name)).toEqual([]);
      expect(await q.retryFailed(def.name)).toBe(0);
    });

    it('counts waiting and delayed jobs, and runs a delayed job when due', async () => {
      const q = await setup();
      const def = job();
      const seen: number[] = [];
      await q.enqueue(def, { n: 1 });
      await q.enqueue(def, { n: 2 });
      await q.enqueue(def, { n: 3 }, { delayMs: 60_000 });
      expect(await q.counts(def.name)).toEqual({
        waiting: 2,
        active: 0,
        delayed: 1,
        failed: 0,
        completed: 0,
      });
      const soon = job();
      q.process(soon, async (p) => {
        seen.push(p.n);
      });
      await q.enqueue(soon, { n: 9 }, { delayMs: 50 });
      await vi.waitFor(() => expect(seen).toEqual([9]), EVENTUALLY);
      expect(await q.counts(randomId('unused'))).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
        completed: 0,
      });
    });

    it('close() waits for the active handler, then takes no more jobs', async () => {
      const q = await setup();
      const def = job();
      const g = gate();
      const order: string[] = [];
      let started = 0;
      await q.enqueueMany(def, [{ payload: { n: 1 } }, { payload: { n: 2 } }]);
      q.process(def, async () => {
        started += 1;
        await g.opened;
        order.push('handler done');
      });
      await vi.waitFor(() => expect(started).toBe(1), EVENTUALLY);
      const closing = q.close(10_000).then(() => order.push('closed'));
      await sleep(50);
      g.open();
      await closing;
      expect(order).toEqual(['handler done', 'closed']);
      await sleep(100);
      expect(started).toBe(1);
    });

    it('repeat() runs a schedule now and then every interval; upserting it again replaces its payload', async () => {
      const q = await setup();
      const def = job();
      const runs: number[] = [];
      q.process(def, async (p) => {
        runs.push(p.n);
      });
      const id = randomId('schedule');
      await q.repeat(def, id, 150, { n: 1 });
      await q.repeat(def, id, 150, { n: 2 });
      await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(3), EVENTUALLY);
      expect(runs.at(-1)).toBe(2);
      await expect(q.repeat(def, id, 150, { n: 1.5 } as Payload)).rejects.toBeInstanceOf(ValidationError);
    });

    it('answers ping() while open', async () => {
      const q = await setup();
      await expect(q.ping()).resolves.toBeUndefined();
    });
  });
}
