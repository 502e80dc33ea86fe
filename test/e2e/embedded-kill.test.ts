import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/store/database.js';
import { eventually } from '../helpers/app.js';
import { randomId } from '../helpers/env.js';
import {
  childEnv,
  createToken,
  enginesOn,
  freePort,
  logTail,
  spawnEntry,
  waitHealthy,
} from '../helpers/process.js';

/**
 * Issue 14: embedded mode (`npm start`: PGlite, in-process queue, Meilisearch
 * child) killed with SIGKILL in the middle of an ingest, then started again on
 * the same DATA_DIR. Every post stored once and indexed once, and exactly one
 * Meilisearch process on that directory after the restart.
 * Scale: EMBEDDED_KILL_POSTS (default 5,000, as in the issue; batches of 100).
 */

const POSTS = Number(process.env.EMBEDDED_KILL_POSTS ?? 5000);
const BATCH = 100;
describe('embedded mode killed with SIGKILL mid-ingest', () => {
  let dir = '';
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  let child: ChildProcess | undefined;
  let base = '';
  let token = '';
  let logs = logTail();

  const start = () => {
    logs = logTail();
    child = logs.attach(spawnEntry('all-in-one', env), 'all-in-one');
  };
  const healthy = () => waitHealthy(base, 180_000, logs.text);
  const stop = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-embedded-kill-'));
    dataDir = join(dir, 'data');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = childEnv({ PORT: String(port), DATA_DIR: dataDir, INGEST_MAX_BACKLOG: '1000000' });
    // The token command works on the data directory while the server is stopped.
    token = await createToken(env, 'kill', ['ingest', 'read']);
    start();
    await healthy();
  }, 300_000);

  afterAll(async () => {
    await stop('SIGTERM');
    for (const pid of await enginesOn(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('nothing lost or stored twice, one engine after the restart', async () => {
    const runId = randomId('ek');
    const send = async (b: number) => {
      const records = Array.from({ length: BATCH }, (_, i) => ({
        source: runId,
        text: `Gömülü kip denemesi ${runId} kayıt ${b * BATCH + i}: su kesintisi söylentisi ${i % 5}`,
        url: `https://example.test/${runId}/${b * BATCH + i}`,
      }));
      return fetch(`${base}/api/v1/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(records),
      })
        .then((r) => r.status)
        .catch(() => 0);
    };
    const batches = POSTS / BATCH;
    const killAt = Math.floor(batches / 2);
    const t0 = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    let b = 0;
    for (; b < killAt; b++) expect(await send(b)).toBe(200);
    // The kill lands while a batch is on its way: it may have been stored or not.
    const inFlight = send(b);
    await new Promise((r) => setTimeout(r, 30));
    const enginesBefore = await enginesOn(dataDir);
    expect(enginesBefore).toHaveLength(1);
    mark('killed');
    await stop('SIGKILL');
    // Answered before the kill: acknowledged; otherwise the client sends it again below.
    if ((await inFlight) === 200) b++;
    // The engine goes with its parent.
    await eventually(
      'the engine exits with its parent',
      async () => (await enginesOn(dataDir)).length === 0,
      30_000,
    );
    mark('engine gone');
    start();
    await healthy();
    mark('answering again');
    expect(await enginesOn(dataDir)).toHaveLength(1);
    // The client sends the unacknowledged batch again, then the rest.
    for (; b < batches; b++) expect(await send(b)).toBe(200);

    const total = async () => {
      const res = await fetch(
        `${base}/api/v1/items?limit=0&filter=${encodeURIComponent(`source = "${runId}"`)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return res.ok ? ((await res.json()) as { total: number }).total : -1;
    };
    mark('all sent');
    await eventually(`all ${POSTS} posts searchable`, async () => (await total()) === POSTS, 180_000);
    mark('all searchable');
    console.info(`embedded kill: ${POSTS} posts; ${marks.join(', ')}`);
    expect(await enginesOn(dataDir)).toHaveLength(1);

    // The store, read directly once the server is stopped: one row per post, all indexed.
    await stop('SIGTERM');
    const db = await createDatabase({ dataDir });
    try {
      const { rows } = await db.query<{ n: number; urls: number; indexed: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT url)::int AS urls,
             count(*) FILTER (WHERE stage = 'indexed')::int AS indexed
           FROM items WHERE source = $1`,
        [runId],
      );
      expect(rows[0]).toEqual({ n: POSTS, urls: POSTS, indexed: POSTS });
    } finally {
      await db.close();
    }
  }, 600_000);
});
