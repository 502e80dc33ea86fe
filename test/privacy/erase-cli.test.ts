import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

// Each test runs CLI processes that start the embedded database and search engine: slow on a loaded machine.
describe('npm run erase (embedded, server stopped)', { timeout: 180_000 }, () => {
  let dir = '';
  const npm = (args: string[]) =>
    exec('npm', ['run', '--silent', 'erase', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    });
  const fails = async (args: string[]) => {
    const err = (await npm(args).then(
      () => null,
      (e) => e,
    )) as { code: number; stderr: string } | null;
    expect(err?.code).toBe(1);
    return err!.stderr;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-erase-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses unclear requests with the usage and a reason', async () => {
    expect(await fails([])).toContain('npm run erase -- --retention');
    expect(await fails(['--tckn', '123'])).toContain('--tckn must be 11 digits');
    expect(await fails(['--item', 'x'])).toContain('--item must be an item id');
    expect(await fails(['--tckn', '10000000146'])).toContain('--reason is required');
    expect(await fails(['--retention', '--tckn', '10000000146'])).toContain('usage');
  });

  it('reports what it would erase and applies the retention policy', async () => {
    const dry = await npm(['--email', 'nobody@example.org', '--dry-run']);
    expect(JSON.parse(dry.stdout)).toEqual({ dryRun: true, matched: 0, itemIds: [] });
    const ret = await npm(['--retention']);
    expect(JSON.parse(ret.stdout)).toMatchObject({
      retentionDays: 730,
      dryRun: false,
      candidates: 0,
      erased: 0,
    });
  });
});
