import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** The CLI commands in embedded mode, run as a user runs them (server stopped). */
// Each test runs CLI processes that start the embedded database and search engine: slow on a loaded machine.
describe('CLI: ingest, reindex, token (embedded)', { timeout: 180_000 }, () => {
  let dir = '';
  const env = () => ({ ...process.env, DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
  const npm = (args: string[]) => exec('npm', ['run', '--silent', ...args], { cwd: root, env: env() });
  const fail = async (args: string[]) => {
    const err = (await npm(args).then(
      () => null,
      (e) => e,
    )) as { code: number; stderr: string } | null;
    expect(err).not.toBeNull();
    expect(err!.code).toBe(1);
    return err!.stderr;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-cli-'));
    const lines = [
      ...Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({ source: 'dosya', externalId: `f${i}`, text: `Dosyadan gelen gönderi clikod${i}` }),
      ),
      '{bozuk json',
      JSON.stringify({ source: 'dosya', text: '' }),
    ];
    await writeFile(join(dir, 'posts.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(
      join(dir, 'apps.csv'),
      'type,subject,text,province,applicant.name,applicant.tckn\n' +
        'sikayet,Yol,"Yol çöktü, virgüllü metin csvkod1",Ankara,Ali Veli,10000000146\n' +
        'bilinmeyen,Konu,geçersiz tür,İzmir,,\n',
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('imports JSONL with a summary and reasons, and counts a re-import as duplicates', async () => {
    const first = await npm(['ingest', '--', join(dir, 'posts.jsonl')]);
    const summary = JSON.parse(first.stdout.split('\n')[0]!);
    expect(summary).toMatchObject({ records: 42, accepted: 40, duplicates: 0, rejected: 2 });
    expect(first.stdout).toContain('line 41: (record): malformed JSON');
    expect(first.stdout).toContain('line 42: text:');
    const again = await npm(['ingest', '--', join(dir, 'posts.jsonl')]);
    expect(JSON.parse(again.stdout.split('\n')[0]!)).toMatchObject({
      accepted: 0,
      duplicates: 40,
      rejected: 2,
    });
  });

  it('imports CSV applications with nested applicant columns', async () => {
    const res = await npm(['ingest', '--', join(dir, 'apps.csv'), '--kind', 'application']);
    expect(JSON.parse(res.stdout.split('\n')[0]!)).toMatchObject({ records: 2, accepted: 1, rejected: 1 });
    expect(res.stdout).toContain('line 3: type:');
  });

  it('reindexes from the database', async () => {
    const res = await npm(['reindex']);
    const [items, responses] = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(items).toMatchObject({ index: 'items', documents: 41 });
    expect(responses).toMatchObject({ index: 'responses', documents: 0 });
  });

  it('creates, lists and revokes tokens; rejects bad usage clearly', async () => {
    const created = await npm(['token', '--', 'create', '--name', 'cli', '--scopes', 'ingest,read']);
    expect(created.stdout.trim()).toMatch(/^kpr_[A-Za-z0-9_-]{20,}$/);
    const listed = await npm(['token', '--', 'list']);
    expect(listed.stdout).toContain('"name":"cli"');
    expect(listed.stdout).not.toContain(created.stdout.trim());
    expect(await fail(['token', '--', 'create', '--name', 'x', '--scopes', 'everything'])).toContain(
      'unknown scope',
    );
    // A token may expire after a number of days.
    const temp = await npm([
      'token',
      '--',
      'create',
      '--name',
      'gecici',
      '--scopes',
      'read',
      '--expires-days',
      '7',
    ]);
    expect(temp.stderr).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);
    const row = (await npm(['token', '--', 'list'])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; expiresAt: string | null })
      .find((t) => t.name === 'gecici')!;
    expect(new Date(row.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    expect(
      await fail(['token', '--', 'create', '--name', 'x', '--scopes', 'read', '--expires-days', '0']),
    ).toContain('--expires-days takes a whole number of days');
    expect(await fail(['ingest'])).toContain('usage: npm run ingest');
    expect(await fail(['ingest', '--', join(dir, 'missing.jsonl')])).toContain(
      `no such file: ${join(dir, 'missing.jsonl')}`,
    );
  });
});
