/**
 * The body of the database thread: one PGlite instance (see pglite-adapter.ts) that answers
 * the messages of pglite-thread-adapter.ts. PGlite runs Postgres in WebAssembly on the thread
 * that calls it; here that thread is not the one serving HTTP and running the stages.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { createPgliteDatabase, type PgliteOptions } from './pglite-adapter.js';
import { serialiseError, type ThreadReply, type ThreadRequest } from './pglite-thread-protocol.js';
import type { Database, Tx } from './types.js';

const port = parentPort;
if (!port) throw new Error('pglite-thread.ts runs only as a worker thread');

/** Thrown inside a transaction's callback to roll it back when the main thread asks. */
const rollbackSignal = new Error('rollback requested');

interface OpenTx {
  tx: Tx;
  /** Ends the callback: true commits, false rolls back. */
  end: (commit: boolean) => void;
  /** Settles when PGlite has committed or rolled back. */
  done: Promise<unknown>;
}

async function serve(db: Database, send: (r: ThreadReply) => void, sync: SyncChannel) {
  const open = new Map<number, OpenTx>();

  const begin = (txId: number) =>
    new Promise<void>((begun, failed) => {
      let started = false;
      let end!: (commit: boolean) => void;
      const ended = new Promise<boolean>((r) => {
        end = r;
      });
      const done = db.transaction(async (tx) => {
        open.set(txId, { tx, end, done });
        started = true;
        begun();
        if (!(await ended)) throw rollbackSignal;
      });
      done.catch((err) => {
        if (!started) failed(err);
      });
    });

  const finish = async (txId: number, commit: boolean) => {
    const t = open.get(txId);
    if (!t) throw new Error(`no open transaction ${txId}`);
    open.delete(txId);
    t.end(commit);
    try {
      await t.done;
    } catch (err) {
      if (err !== rollbackSignal) throw err;
    }
  };

  const sqlOf = (txId: number | undefined): Tx => {
    if (txId === undefined) return db;
    const t = open.get(txId);
    if (!t) throw new Error(`no open transaction ${txId}`);
    return t.tx;
  };

  const handle = async (m: ThreadRequest): Promise<unknown> => {
    switch (m.op) {
      case 'query':
        return sqlOf(m.tx).query(m.text, m.params);
      case 'exec':
        return sqlOf(m.tx).exec(m.text);
      case 'begin':
        return begin(m.tx);
      case 'commit':
        return finish(m.tx, true);
      case 'rollback':
        return finish(m.tx, false);
      case 'ping':
        return db.ping();
      case 'close':
        return db.close();
    }
  };

  port!.on('message', (m: ThreadRequest) => {
    handle(m).then(
      (result) => send({ id: m.id, ok: true, result }),
      (err: unknown) => send({ id: m.id, ok: false, error: serialiseError(err) }),
    );
  });
  // A call the app thread waits for in Atomics.wait: answer on the sync port, then wake it.
  sync.port.on('message', (m: ThreadRequest) => {
    const reply = (r: ThreadReply) => {
      try {
        post(sync.port, r);
      } finally {
        Atomics.store(sync.flag, 0, 1);
        Atomics.notify(sync.flag, 0);
      }
    };
    handle(m).then(
      (result) => reply({ id: m.id, ok: true, result }),
      (err: unknown) => reply({ id: m.id, ok: false, error: serialiseError(err) }),
    );
  });
}

interface SyncChannel {
  port: MessagePort;
  flag: Int32Array;
}

/** Posts a reply; a value the structured clone cannot carry becomes an error for the caller. */
function post(to: MessagePort, r: ThreadReply) {
  try {
    to.postMessage(r);
  } catch (err) {
    to.postMessage({ id: r.id, ok: false, error: serialiseError(err) } satisfies ThreadReply);
  }
}

// A thread that ends (an uncaught error included) wakes an app thread waiting in callSync.
process.on('exit', () => {
  const flag = new Int32Array((workerData as { syncFlag: SharedArrayBuffer }).syncFlag);
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
});

const send = (r: ThreadReply) => post(port as unknown as MessagePort, r);
const data = workerData as { options: PgliteOptions; syncPort: MessagePort; syncFlag: SharedArrayBuffer };
try {
  const db = await createPgliteDatabase(data.options);
  await serve(db, send, { port: data.syncPort, flag: new Int32Array(data.syncFlag) });
  send({ id: 0, ok: true, result: 'ready' });
} catch (err) {
  send({ id: 0, ok: false, error: serialiseError(err) });
}
