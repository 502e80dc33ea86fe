import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/domain/errors.js';
import { createThreadedPgliteDatabase, waitForFlag } from '../../src/store/pglite-thread-adapter.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('PGlite in its own thread', () => {
  it('carries a database error across with its code and constraint but not the values', async () => {
    const db = await createThreadedPgliteDatabase({});
    try {
      await db.exec('CREATE TABLE t (k text PRIMARY KEY)');
      await db.query('INSERT INTO t VALUES ($1)', ['12345678901']);
      const err = (await db.query('INSERT INTO t VALUES ($1)', ['12345678901']).catch((e) => e)) as Error &
        Record<string, unknown>;
      expect(err).toBeInstanceOf(Error);
      expect(err.code).toBe('23505');
      expect(err.constraint).toBe('t_pkey');
      expect(err.severity).toBe('ERROR');
      expect(err.message).toMatch(/duplicate key/);
      expect(err.params).toBeUndefined();
      expect(err.stack).toContain('(in the database thread)');
    } finally {
      await db.close();
    }
  });

  it('runs a transaction on its own handle: commit, rollback on throw, and one at a time', async () => {
    const db = await createThreadedPgliteDatabase({});
    try {
      await db.exec('CREATE TABLE t (n int)');
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
      });
      const boom = new Error('boom');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          throw boom;
        }),
      ).rejects.toBe(boom);
      // A second transaction and a plain query wait for the first to end.
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const first = db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (3)');
        order.push('first in');
        await held;
        order.push('first out');
      });
      const second = db.transaction(async (tx) => {
        order.push('second in');
        await tx.query('INSERT INTO t VALUES (4)');
      });
      const plain = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t').then((r) => {
        order.push(`plain saw ${r.rows[0]!.n}`);
      });
      await new Promise((r) => setTimeout(r, 100));
      release();
      await Promise.all([first, second, plain]);
      expect(order[0]).toBe('first in');
      expect(order[1]).toBe('first out');
      expect(order).toContain('second in');
      expect(order.some((o) => o === 'plain saw 2' || o === 'plain saw 3')).toBe(true);
      const { rows } = await db.query<{ n: number }>('SELECT n FROM t ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([1, 3, 4]);
    } finally {
      await db.close();
    }
  });

  it('a new data directory is created by a thread that then ends; the one that serves opens it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-thread-'));
    dirs.push(dir);
    const workers: Worker[] = [];
    const exited: number[] = [];
    const watch = (w: Worker) => {
      workers.push(w);
      w.on('exit', () => exited.push(workers.indexOf(w)));
    };
    const db = await createThreadedPgliteDatabase({ dataDir: dir }, watch);
    try {
      // The creating thread ends before the serving one starts: its memory (initdb's) goes with it.
      expect(workers).toHaveLength(2);
      expect(exited).toEqual([0]);
      await db.exec('CREATE TABLE t (n int)');
      await db.query('INSERT INTO t VALUES (1)');
    } finally {
      await db.close();
    }
    // An existing directory is opened by one thread, with its data.
    const again: Worker[] = [];
    const db2 = await createThreadedPgliteDatabase({ dataDir: dir }, (w) => again.push(w));
    try {
      expect(again).toHaveLength(1);
      expect((await db2.query('SELECT n FROM t')).rows).toEqual([{ n: 1 }]);
    } finally {
      await db2.close();
    }
  });

  it('after the thread dies, calls in flight fail as unavailable and the next call reopens the data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-thread-'));
    dirs.push(dir);
    const workers: Worker[] = [];
    const db = await createThreadedPgliteDatabase({ dataDir: dir }, (w) => workers.push(w));
    try {
      await db.exec('CREATE TABLE t (n int)');
      await db.query('INSERT INTO t VALUES (7)');
      const slow = db.query('SELECT pg_sleep(5)');
      await new Promise((r) => setTimeout(r, 100));
      // workers[0] created the database and has ended; workers[1] serves it.
      expect(workers).toHaveLength(2);
      await workers[1]!.terminate();
      const err = await slow.catch((e) => e);
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as Error).message).toMatch(/^pglite: the database thread stopped/);
      const { rows } = await db.query<{ n: number }>('SELECT n FROM t');
      expect(rows).toEqual([{ n: 7 }]);
      expect(workers).toHaveLength(3);
      await db.ping();
    } finally {
      await db.close();
    }
  });

  it('a transaction whose thread dies fails as unavailable and leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-thread-'));
    dirs.push(dir);
    const workers: Worker[] = [];
    const db = await createThreadedPgliteDatabase({ dataDir: dir }, (w) => workers.push(w));
    try {
      await db.exec('CREATE TABLE t (n int)');
      const err = await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (1)');
          await workers.at(-1)!.terminate();
          await tx.query('INSERT INTO t VALUES (2)');
        })
        .catch((e) => e);
      expect(err).toBeInstanceOf(UnavailableError);
      const { rows } = await db.query('SELECT n FROM t');
      expect(rows).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('an in-memory database stays unavailable once its thread is gone', async () => {
    const workers: Worker[] = [];
    const db = await createThreadedPgliteDatabase({}, (w) => workers.push(w));
    try {
      await workers[0]!.terminate();
      await expect(db.ping()).rejects.toBeInstanceOf(UnavailableError);
      expect(workers).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('a data directory it cannot open rejects the start with UnavailableError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-thread-'));
    dirs.push(dir);
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const err = await createThreadedPgliteDatabase({ dataDir: file }).catch((e) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/^pglite: /);
  });

  it('a closed database refuses further calls', async () => {
    const db = await createThreadedPgliteDatabase({});
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});

describe('waiting for a synchronous answer', () => {
  it('does not take a stale wake-up (a notify for the call before) for the answer', async () => {
    const { Worker } = await import('node:worker_threads');
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const go = new Int32Array(new SharedArrayBuffer(4));
    // The other thread plays a database thread whose notify for the previous answer comes late:
    // it notifies while the flag is still 0, then, once told, sets the flag for the new answer.
    const w = new Worker(
      `const { workerData } = require('node:worker_threads');
       const { flag, go } = workerData;
       Atomics.wait(go, 0, 0);
       while (Atomics.notify(flag, 0) === 0) Atomics.wait(go, 0, 1, 1);
       Atomics.wait(go, 0, 1, 300);
       Atomics.store(flag, 0, 1);
       Atomics.notify(flag, 0);`,
      { eval: true, workerData: { flag, go } },
    );
    try {
      Atomics.store(go, 0, 1);
      Atomics.notify(go, 0);
      expect(waitForFlag(flag, 10_000)).toBe(true);
      // Returned only once the flag was set, not at the stale notify that came first.
      expect(Atomics.load(flag, 0)).toBe(1);
    } finally {
      await w.terminate();
    }
  });
  it('gives up after its cap', () => {
    expect(waitForFlag(new Int32Array(new SharedArrayBuffer(4)), 50)).toBe(false);
  });
});
