import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/store/database.js';
import { eventually } from '../helpers/app.js';
import { randomId } from '../helpers/env.js';

/**
 * Issue 14: embedded mode (`npm start`: PGlite, in-process queue, Meilisearch
 * child) killed with SIGKILL in the middle of an ingest, then started again on
 * the same DATA_DIR. Every post stored once and indexed once, and exactly one
 * Meilisearch process on that directory after the restart.
 * Scale: EMBEDDED_KILL_POSTS (default 5,000, as in the issue; batches of 100).
 */

const POSTS = Number(process.env.EMBEDDED_KILL_POSTS ?? 5000);
const BATCH = 100;
const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Pids of Meilisearch processes whose command line names this data directory. */
async function enginesOn(dataDir: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const argv = cmd.split('\0');
    if (/meilisearch/.test(argv[0] ?? '') && cmd.includes(dataDir)) out.push(Number(pid));
  }
  return out;
}

describe('embedded mode killed with SIGKILL mid-ingest', () => {
  let dir = '';
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  let child: ChildProcess | undefined;
  let base = '';
  let token = '';
  let output = '';

  const start = () => {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'workers/all-in-one.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
  };
  const healthy = () =>
    eventually(
      `healthz (output so far:\n${output.slice(-1500)})`,
      async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200,
      180_000,
    );
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
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@test.local',
      ADMIN_PASSWORD: 'embedded-kill-password-1',
      INGEST_MAX_BACKLOG: '1000000',
      ...(process.env.MEILI_BIN ? { MEILI_BIN: process.env.MEILI_BIN } : {}),
    };
    // The token command works on the data directory while the server is stopped.
    const created = await run(
      process.execPath,
      ['--import', 'tsx', 'workers/cli/token.ts', 'create', '--name', 'kill', '--scopes', 'ingest,read'],
      { cwd: root, env },
    );
    token = created.stdout.trim().split('\n').pop()!.trim();
    expect(token).toMatch(/^kpr_/);
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
