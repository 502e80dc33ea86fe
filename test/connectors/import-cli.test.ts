import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'connectors', name);

/** `npm run ingest -- FILE --format ...` in embedded mode (server stopped), as a user runs it. */
describe('CLI: import of platform exports', () => {
  let dir = '';
  const npm = (args: string[]) =>
    exec('npm', ['run', '--silent', 'ingest', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    });
  const summary = (stdout: string) => JSON.parse(stdout.split('\n')[0]!);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-import-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('imports Telegram, X and Mastodon exports and a mapped CSV, with summaries', async () => {
    const tg = await npm([fixture('telegram-result.json'), '--format', 'telegram']);
    expect(summary(tg.stdout)).toMatchObject({
      format: 'telegram',
      records: 6,
      accepted: 2,
      duplicates: 1,
      skipped: 2,
      rejected: 1,
    });
    expect(tg.stdout).toContain('record 6: (record): not a Telegram message');
    // Without --format the format is detected from the content, and said.
    const x = await npm([fixture('x-tweets.js')]);
    expect(summary(x.stdout)).toMatchObject({ format: 'x-archive', accepted: 3 });
    expect(x.stderr).toContain('format: x-archive (detected from the content');
    expect(
      summary((await npm([fixture('mastodon-outbox.json'), '--format', 'mastodon'])).stdout),
    ).toMatchObject({
      accepted: 2,
      skipped: 1,
    });
    const csv = await npm([
      fixture('mapped.csv'),
      '--map',
      'Kanal=source,Mesaj=text,Kimlik=externalId,Tarih=publishedAt',
    ]);
    expect(summary(csv.stdout)).toMatchObject({ format: 'csv', accepted: 2, rejected: 1 });
    expect(csv.stdout).toContain('line 4: text:');
    // Four CLI processes, each starting the embedded database and search engine.
  }, 180_000);

  it('rejects an unknown format with the usage line', async () => {
    const err = (await npm([fixture('mapped.csv'), '--format', 'excel']).catch((e) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('--format jsonl|json|csv|telegram|x-archive|mastodon');
  });

  it('names the formats and the flag when it cannot tell a file apart', async () => {
    const { writeFile } = await import('node:fs/promises');
    const odd = join(dir, 'notlar.txt');
    await writeFile(odd, 'Bu bir not dosyası, kayıt değil');
    const err = (await npm([odd]).catch((e) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain(`could not tell the format of ${odd}; pass --format`);
    expect(err.stderr).toContain('telegram (Telegram Desktop result.json)');
  });
});
