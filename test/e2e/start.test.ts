import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { freePort } from '../helpers/process.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** `npm start` on embedded defaults: the real process, as a newcomer runs it. */
describe('npm start (embedded defaults)', () => {
  let dataDir = '';
  let port = 0;
  let child: ChildProcess | undefined;
  let output = '';
  let token = '';
  const env = () => ({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kopru-start-'));
    port = await freePort();
    // While the server is stopped, the token command works on the same DATA_DIR.
    const created = await run(
      'npm',
      ['run', '--silent', 'token', '--', 'create', '--name', 'start-test', '--scopes', 'ingest,read'],
      {
        cwd: root,
        env: env(),
      },
    );
    token = created.stdout.trim().split('\n').pop()!.trim();
    expect(token).toMatch(/^kpr_/);
    child = spawn('npm', ['start'], { cwd: root, env: env(), detached: true });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
  });

  afterAll(async () => {
    if (child?.pid) {
      const exited = new Promise((r) => child!.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      // npm exits at once; the app may still be finishing a batch and closing its database in
      // the data directory. Wait for its last log line before the directory is removed.
      const deadline = Date.now() + 20_000;
      while (!output.includes('"msg":"stopped"') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz, loads the demo data and accepts posts', async () => {
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      `healthz (output so far:\n${output.slice(-2000)})`,
      async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200,
      180_000,
    );
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const res = await fetch(`${base}/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ source: 'baslangic', text: 'Yeni kurulumda ilk gönderi startkodu42' }]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await eventually('post searchable', async () => {
      const r = await fetch(`${base}/api/v1/items?q=startkodu42`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await r.json()) as { total: number }).total === 1;
    });
    await eventually('demo data indexed', async () => {
      const r = await fetch(`${base}/api/v1/items?limit=0`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await r.json()) as { total: number }).total >= 200;
    });
    // PGlite belongs to one process: a CLI command on the same DATA_DIR says so clearly.
    const busy = await run('npm', ['run', '--silent', 'token', '--', 'list'], { cwd: root, env: env() }).then(
      () => null,
      (e: { stderr: string }) => e,
    );
    expect(busy?.stderr).toContain('is in use by process');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('kopru_items{stage="indexed"}');
    expect(metrics).toContain('kopru_queue_jobs');
    expect(output).toContain('one-time password');
    // As the README says: outside production, one demo account per role, printed once.
    expect(output).toContain('demo accounts');
    for (const role of ['supervisor', 'staff', 'journalist'])
      expect(output).toMatch(new RegExp(`${role}@\\S+ +\\S{12,}`));
  });
});
