import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { UnavailableError } from '../domain/errors.js';
import { startThread } from '../runtime/thread.js';
import type { PgliteOptions } from './pglite-adapter.js';
import { deserialiseError, type ThreadReply, type ThreadRequest } from './pglite-thread-protocol.js';
import type { Database, Tx, TxOptions } from './types.js';

/** How long the app thread waits for one statement of a transaction before it gives the thread up. */
const statementCapMs = 120_000;
/** The same for a migration's transaction (DDL on a large table may take long). */
const unboundedCapMs = 3_600_000;

type Request = ThreadRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * Blocks until `flag[0]` is no longer 0, or `capMs` passes (false). The flag is read again after
 * every wake-up, because a wake-up can be stale: the database thread sets the flag and then
 * notifies, and if the caller saw the flag before that notify came (a quick answer, or the
 * database thread descheduled in between), the notify arrives while the caller already waits for
 * its next call, whose answer does not exist yet.
 */
export function waitForFlag(flag: Int32Array, capMs: number): boolean {
  const deadline = Date.now() + capMs;
  while (Atomics.load(flag, 0) === 0) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(flag, 0, 0, Math.min(left, 1000));
  }
  return true;
}

/** One running database thread and the calls waiting for its answers. */
class DbThread {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Set once the thread has stopped: every call then rejects with it. */
  stopped: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly syncPort: MessagePort,
    private readonly syncFlag: Int32Array,
  ) {
    worker.on('message', (r: ThreadReply) => {
      const call = this.pending.get(r.id);
      if (!call) return;
      this.pending.delete(r.id);
      if (r.ok) call.resolve(r.result);
      else call.reject(deserialiseError(r.error));
    });
    const stop = (why: string) => {
      this.stopped ??= new UnavailableError('pglite', `the database thread stopped: ${why}`);
      for (const call of this.pending.values()) call.reject(this.stopped);
      this.pending.clear();
    };
    worker.on('error', (err) => stop(err.message));
    worker.on('exit', (code) => stop(`exit code ${code}`));
  }

  /** Starts a thread and waits until its PGlite is open. */
  static start(options: PgliteOptions, onWorker?: (w: Worker) => void): Promise<DbThread> {
    const { port1, port2 } = new MessageChannel();
    const syncFlag = new SharedArrayBuffer(4);
    const worker = startThread(import.meta.url, 'pglite-thread', {
      workerData: { options, syncPort: port2, syncFlag },
      transferList: [port2],
    });
    onWorker?.(worker);
    const thread = new DbThread(worker, port1, new Int32Array(syncFlag));
    return new Promise((resolve, reject) => {
      thread.pending.set(0, {
        resolve: () => resolve(thread),
        reject: (err) => {
          void worker.terminate();
          reject(
            err instanceof UnavailableError
              ? err
              : new UnavailableError('pglite', `cannot start the database thread: ${err.message}`, err),
          );
        },
      });
    });
  }

  call<T>(req: Request): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  /**
   * Sends a request and blocks this thread until the answer comes (Atomics.wait). Used for the
   * statements of an open transaction: the database is locked for the transaction, so its
   * statements run at once, as PGlite on this thread would run them, instead of waiting behind
   * HTTP requests and tagging for a turn of the event loop while everything else waits for the lock.
   */
  callSync<T>(req: Request, capMs: number): T {
    if (this.stopped) throw this.stopped;
    const id = this.nextId++;
    Atomics.store(this.syncFlag, 0, 0);
    this.syncPort.postMessage({ ...req, id });
    if (!waitForFlag(this.syncFlag, capMs)) {
      this.stopped = new UnavailableError('pglite', `the database thread did not answer within ${capMs} ms`);
      void this.worker.terminate();
      throw this.stopped;
    }
    const got = receiveMessageOnPort(this.syncPort)?.message as ThreadReply | undefined;
    if (!got && Atomics.load(this.syncFlag, 0) === 2) {
      this.stopped ??= new UnavailableError('pglite', 'the database thread stopped');
      throw this.stopped;
    }
    if (!got || got.id !== id)
      throw new UnavailableError('pglite', 'the database thread answered out of turn');
    if (got.ok) return got.result as T;
    throw deserialiseError(got.error);
  }

  /** Stops the thread at once (close() first to let PGlite finish). */
  async terminate() {
    await this.worker.terminate();
  }
}

/**
 * PGlite in a worker thread. The embedded app's HTTP server and pipeline stages keep their
 * event loop while Postgres (WebAssembly) runs on a second core. Same semantics as
 * pglite-adapter.ts: one connection, so inside `transaction(fn)` only `tx` may be used.
 *
 * If the thread dies (a crash inside PGlite), the calls in flight reject with
 * UnavailableError and the next call starts a new thread on the same data directory, which
 * Postgres recovers as after a crash. An in-memory database is gone with its thread, so it
 * stays unavailable.
 */
export async function createThreadedPgliteDatabase(
  opts: PgliteOptions,
  /** Sees each thread as it starts (tests stop one to check recovery). */
  onWorker?: (w: Worker) => void,
): Promise<Database> {
  const inMemory = !opts.dataDir || opts.dataDir === ':memory:';
  if (!inMemory && !existsSync(join(opts.dataDir as string, 'pglite', 'PG_VERSION'))) {
    // Creating the database (initdb) leaves about 430 MB of WebAssembly memory behind in the
    // thread that ran it, for as long as that thread lives (measured: 780 MB RSS after creating,
    // 350 MB after opening an existing one). A first thread only creates it and ends, which
    // gives that memory back; the thread that serves then opens an existing data directory.
    const creator = await DbThread.start(opts, onWorker);
    try {
      await creator.call({ op: 'close' });
    } finally {
      await creator.terminate();
    }
  }
  let current = await DbThread.start(opts, onWorker);
  let starting: Promise<DbThread> | undefined;
  let closed = false;

  const thread = async (): Promise<DbThread> => {
    if (closed) throw new UnavailableError('pglite', 'the database is closed');
    if (!current.stopped || inMemory) return current;
    starting ??= DbThread.start(opts, onWorker).finally(() => {
      starting = undefined;
    });
    current = await starting;
    return current;
  };
  const query = async <T>(text: string, params?: unknown[], tx?: number) =>
    (await thread()).call<{ rows: T[]; rowCount: number }>({
      op: 'query',
      text,
      ...(params ? { params } : {}),
      ...(tx === undefined ? {} : { tx }),
    });
  let nextTx = 1;

  return {
    kind: 'pglite',
    query: <T>(text: string, params?: unknown[]) => query<T>(text, params),
    async exec(script: string) {
      await (await thread()).call({ op: 'exec', text: script });
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>, txOpts?: TxOptions): Promise<T> {
      // The transaction is bound to the thread that began it: if that thread dies, its
      // remaining statements fail rather than run outside a transaction on a new one.
      const t = await thread();
      const id = nextTx++;
      // Beginning waits (without blocking) for the transaction before it to end; once it has
      // begun, its statements and its commit are answered synchronously (see callSync).
      await t.call({ op: 'begin', tx: id });
      const cap = txOpts?.unbounded ? unboundedCapMs : statementCapMs;
      const tx: Tx = {
        query: async <R>(text: string, params?: unknown[]) =>
          t.callSync<{ rows: R[]; rowCount: number }>(
            { op: 'query', tx: id, text, ...(params ? { params } : {}) },
            cap,
          ),
        async exec(script: string) {
          t.callSync({ op: 'exec', tx: id, text: script }, cap);
        },
      };
      let value: T;
      try {
        value = await fn(tx);
      } catch (err) {
        try {
          t.callSync({ op: 'rollback', tx: id }, cap);
        } catch {
          // The thread is gone or the transaction already ended: the original error matters.
        }
        throw err;
      }
      t.callSync({ op: 'commit', tx: id }, cap);
      return value;
    },
    async ping() {
      await (await thread()).call({ op: 'ping' });
    },
    async close() {
      if (closed) return;
      closed = true;
      const t = await (starting ?? Promise.resolve(current)).catch(() => undefined);
      if (!t) return;
      try {
        if (!t.stopped) await t.call({ op: 'close' });
      } finally {
        await t.terminate();
      }
    },
  };
}
