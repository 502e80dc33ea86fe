import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectImportFormat, readImport } from './read-import.js';

const fixture = (name: string) => join('test/fixtures/connectors', name);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kopru-detect-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, body: string) {
  const p = join(dir, name);
  await writeFile(p, body);
  return p;
}

describe('import format detection', () => {
  it('recognises the platform exports by their content', async () => {
    expect(await detectImportFormat(fixture('telegram-result.json'))).toBe('telegram');
    expect(await detectImportFormat(fixture('x-tweets.js'))).toBe('x-archive');
    expect(await detectImportFormat(fixture('mastodon-outbox.json'))).toBe('mastodon');
    expect(await detectImportFormat(fixture('mapped.csv'))).toBe('csv');
  });

  it('tells JSONL, a JSON array and CSV apart whatever the file is called', async () => {
    const jsonl = '{"text":"bir","source":"x"}\n{"text":"iki","source":"x"}\n';
    expect(await detectImportFormat(await file('a.txt', jsonl))).toBe('jsonl');
    expect(await detectImportFormat(await file('b.data', `\uFEFF  [{"text":"bir"},\n{"text":"iki"}]`))).toBe(
      'json',
    );
    expect(await detectImportFormat(await file('c.txt', 'text;source\nbir;x\n'))).toBe('csv');
    expect(await detectImportFormat(await file('d.json', '{\n  "text": "tek kayıt"\n}'))).toBeNull();
    expect(await detectImportFormat(await file('e.bin', 'rastgele içerik'))).toBeNull();
  });

  it('reads a JSON array file as the HTTP API reads a batch: records, with the source default', async () => {
    const p = await file('f.json', '[{"text":"bir"},{"text":"iki","source":"rss"},3]');
    const out = [];
    for await (const e of readImport(p, { format: 'json', source: 'dosya' })) out.push(e);
    expect(out).toEqual([
      { position: 0, line: 1, record: { text: 'bir', source: 'dosya' } },
      { position: 1, line: 2, record: { text: 'iki', source: 'rss' } },
      { position: 2, line: 3, error: 'element is not a JSON object' },
    ]);
  });
});
