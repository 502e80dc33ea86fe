import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../../src/search/local-meili.js';
import { eventually } from './app.js';
import { PG_URL, randomId } from './env.js';

/**
 * Real processes for end-to-end tests and benchmarks: the project's entry points
 * (`workers/*.ts`), a private `redis-server`, a private PostgreSQL database, and
 * what a test reads off them (memory, health).
 */

/** A TCP port that was free a moment ago on 127.0.0.1 (the one the embedded engine uses). */
export { freePort };

export const projectRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/**
 * Cleans up when the run is interrupted (SIGINT, SIGTERM), then exits with 130: benches start
 * databases, engines and gigabytes of temporary data that must not outlive them. Returns the
 * function that removes the handlers (call it when the run ends normally).
 */
export function cleanUpOnInterrupt(cleanUp: () => Promise<unknown>): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`   ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Resident memory now and its peak (VmHWM) of a process, in MB. */
export async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Starts a new peak for {@link memoryOf} (Linux: writing 5 to clear_refs resets VmHWM to the
 * current RSS) and returns the peak so far, so that start-up and the measured run are told apart.
 */
export async function resetPeak(pid: number): Promise<number> {
  const { peak } = await memoryOf(pid);
  await writeFile(`/proc/${pid}/clear_refs`, '5');
  return peak;
}

/** SIGKILL, resolved when the process has exited (at once if it already has). */
export const kill9 = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** SIGTERM, then SIGKILL after `graceMs`; resolved when the process has exited. */
export async function stop(child: ChildProcess | undefined, graceMs = 20_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  await kill9(child);
}

/** A private redis-server without persistence, answering when this resolves. */
export async function startRedis(port?: number): Promise<{ port: number; url: string; child: ChildProcess }> {
  const p = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await redisUp(p);
  return { port: p, url: `redis://127.0.0.1:${p}`, child };
}

/** Waits until a Redis on `port` answers PING. */
export async function redisUp(port: number) {
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await eventually(
      'redis answers',
      async () => {
        if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
        return (await probe.ping().catch(() => '')) === 'PONG';
      },
      15_000,
    );
  } finally {
    probe.disconnect();
  }
}

/** A fresh PostgreSQL database on the shared server; `drop()` removes it. */
export async function createDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = randomId(prefix).toLowerCase();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Output lines of the processes a test started, the last `max` kept for a failure message. */
export function logTail(max = 200) {
  const lines: string[] = [];
  return {
    lines,
    attach(child: ChildProcess, name: string) {
      const keep = (d: Buffer) => {
        lines.push(`[${name}] ${d.toString().trimEnd()}`);
        if (lines.length > max) lines.shift();
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      return child;
    },
    text: () => lines.join('\n'),
  };
}

/**
 * Builds the production code (`npm run build`: `dist/`, what the Docker image runs) once per
 * process; benches measure that rather than the sources under tsx, whose loader adds about
 * 100 MB per process and a thread of its own.
 */
let built: Promise<void> | undefined;
export function buildDist(): Promise<void> {
  built ??= run('npm', ['run', 'build'], { cwd: projectRoot, maxBuffer: 16 * 2 ** 20 }).then(() => undefined);
  return built;
}

/**
 * Starts an entry point (web, worker, all-in-one) with exactly `env` (and Node flags, e.g.
 * `--cpu-prof`): `workers/<entry>.ts` under tsx, or with `built` its production build
 * `dist/workers/<entry>.js` under plain Node ({@link buildDist} first).
 */
export function spawnEntry(
  entry: 'web' | 'worker' | 'all-in-one',
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
  opts: { built?: boolean } = {},
): ChildProcess {
  const args = opts.built
    ? [...nodeArgs, join('dist', 'workers', `${entry}.js`)]
    : [...nodeArgs, '--import', 'tsx', join('workers', `${entry}.ts`)];
  return spawn(process.execPath, args, {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The environment a child starts from: PATH and HOME, test mode, warnings only, and `extra`. */
export function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    ADMIN_EMAIL: 'admin@test.local',
    ADMIN_PASSWORD: 'process-test-password-1',
    ...(process.env.MEILI_BIN ? { MEILI_BIN: process.env.MEILI_BIN } : {}),
    ...extra,
  };
}

/** Creates an API token with `scopes` through the CLI (as an operator would) and returns it. */
export async function createToken(env: NodeJS.ProcessEnv, name: string, scopes: string[]): Promise<string> {
  const created = await run(
    process.execPath,
    ['--import', 'tsx', 'workers/cli/token.ts', 'create', '--name', name, '--scopes', scopes.join(',')],
    { cwd: projectRoot, env },
  );
  const token = created.stdout.trim().split('\n').pop()!.trim();
  if (!token.startsWith('kpr_')) throw new Error(`token create printed: ${created.stdout}`);
  return token;
}

/** Waits until `base`/healthz answers 200; fails at once when `child` (the process serving it) exits. */
export async function waitHealthy(
  base: string,
  timeoutMs = 180_000,
  context: () => string = () => '',
  child?: ChildProcess,
) {
  try {
    await eventually(
      `${base}/healthz answers`,
      async () => {
        if (child && (child.exitCode !== null || child.signalCode !== null))
          throw new Error(`the process behind ${base} exited (${child.exitCode ?? child.signalCode})`);
        return (await fetch(`${base}/healthz`).catch(() => null))?.status === 200;
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\noutput so far:\n${context().slice(-1500)}`);
  }
}

/** Pids of Meilisearch processes (not their shell guard) whose command line names `dataDir`. */
export async function enginesOn(dataDir: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const argv = cmd.split('\0');
    if (/meilisearch/.test(argv[0] ?? '') && cmd.includes(dataDir)) out.push(Number(pid));
  }
  return out;
}

/**
 * `npm start`'s process (workers/all-in-one.ts) on `env`, with an API token of
 * `scopes` created first on the same DATA_DIR (PGlite is single-process), and
 * answering /healthz when this resolves.
 */
export async function startAllInOne(
  env: NodeJS.ProcessEnv,
  token: { name: string; scopes: string[] },
): Promise<{ child: ChildProcess; base: string; token: string; logs: ReturnType<typeof logTail> }> {
  const base = `http://127.0.0.1:${env.PORT}`;
  const created = await createToken(env, token.name, token.scopes);
  const logs = logTail();
  const child = logs.attach(spawnEntry('all-in-one', env), 'all-in-one');
  await waitHealthy(base, 180_000, logs.text);
  return { child, base, token: created, logs };
}
