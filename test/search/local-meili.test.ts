import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMeiliBinary, startLocalMeili } from '../../src/search/local-meili.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const enginePid = async (dataDir: string) =>
  Number.parseInt(await readFile(join(dataDir, 'meili', 'meili.pid'), 'utf8'), 10);

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kopru-meili-guard-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded Meilisearch', () => {
  it('keeps the master key off the command line, and the engine dies with a parent killed by kill -9', async () => {
    // A parent process that starts the engine and then waits forever.
    const script = `
      const { startLocalMeili } = await import(${JSON.stringify(resolve('src/search/local-meili.ts'))});
      const m = await startLocalMeili({ dataDir: ${JSON.stringify(dataDir)}, bin: process.env.MEILI_BIN });
      console.log(JSON.stringify({ url: m.url, key: m.masterKey }));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise<{ url: string; key: string }>((res, rej) => {
      let out = '';
      parent.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) res(JSON.parse(line));
      });
      parent.once('exit', (code) => rej(new Error(`parent exited early (${code})`)));
    });
    const pid = await enginePid(dataDir);
    expect(alive(pid)).toBe(true);
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('meilisearch');
    expect(cmdline).not.toContain(started.key);
    // The key works (it reached the engine by environment).
    const keys = await fetch(`${started.url}/keys`, { headers: { authorization: `Bearer ${started.key}` } });
    expect(keys.status).toBe(200);

    parent.kill('SIGKILL');
    await waitFor('the engine to exit after its parent was killed', () => !alive(pid));
  }, 90_000);

  it('a new start stops an engine an earlier run left on the same data directory', async () => {
    const workDir = join(dataDir, 'meili');
    // An engine started without the guard, as an older version or a killed guard leaves it.
    // The engine binary as the first start ran it (in place, or its executable copy).
    const bin = await access(resolveMeiliBinary(process.env.MEILI_BIN), constants.X_OK).then(
      () => resolveMeiliBinary(process.env.MEILI_BIN),
      () => join(workDir, 'bin', 'meilisearch'),
    );
    const orphan = spawn(
      bin,
      ['--db-path', join(workDir, 'data'), '--http-addr', '127.0.0.1:0', '--no-analytics'],
      {
        cwd: workDir,
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, MEILI_MASTER_KEY: 'x'.repeat(32) },
      },
    );
    orphan.unref();
    await writeFile(join(workDir, 'meili.pid'), String(orphan.pid));
    await waitFor('the orphan to run', () => alive(orphan.pid!));
    const m = await startLocalMeili({ dataDir, bin: process.env.MEILI_BIN });
    try {
      expect(alive(orphan.pid!)).toBe(false);
      const health = await fetch(`${m.url}/health`);
      expect(health.status).toBe(200);
      expect(await enginePid(dataDir)).not.toBe(orphan.pid);
    } finally {
      await m.stop();
      if (alive(orphan.pid!)) process.kill(orphan.pid!, 'SIGKILL');
    }
    // A clean stop removes the record.
    await expect(readFile(join(workDir, 'meili.pid'), 'utf8')).rejects.toThrow();
  }, 90_000);
});
