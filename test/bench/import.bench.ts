import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportFormat } from '../../src/connectors/imports/read-import.js';
import { runImport } from '../../src/connectors/imports/run-import.js';
import type { IngestService } from '../../src/pipeline/ingest.js';
import { createTestApp } from '../helpers/app.js';

/**
 * Streaming imports of very large files: a 1 GB Telegram channel export (one JSON
 * document) and a 1 GB JSONL file through the parser and the record mapping, and a
 * smaller export through the real ingest into the embedded store. Reports the peak
 * resident memory, which must stay far below the file size.
 */
const MB = 2 ** 20;
const BIG_MB = Number(process.env.BENCH_IMPORT_MB ?? 1024);
const STORE_MB = Number(process.env.BENCH_IMPORT_STORE_MB ?? 50);
const WORDS = [
  'deprem',
  'baraj',
  'belediye',
  'aşı',
  'seçim',
  'İstanbul',
  'Hatay',
  'yardım',
  'iddia',
  'açıklama',
];

const text = (i: number) =>
  Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ') + ` kayıt ${i}`;

async function write(path: string, format: 'telegram' | 'jsonl', bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  let n = 0;
  let size = 0;
  if (format === 'telegram')
    await put('{"name":"Bench kanalı","type":"public_channel","id":1,"messages":[\n');
  while (size < bytes) {
    const m =
      format === 'telegram'
        ? { id: n, type: 'message', date_unixtime: String(1_700_000_000 + n), from: 'Kanal', text: text(n) }
        : { source: 'bench', externalId: `j${n}`, text: text(n), publishedAt: '2026-01-01T00:00:00Z' };
    const s =
      (format === 'telegram' && n > 0 ? ',\n' : '') + JSON.stringify(m) + (format === 'jsonl' ? '\n' : '');
    await put(s);
    size += Buffer.byteLength(s);
    n++;
  }
  if (format === 'telegram') await put('\n]}\n');
  out.end();
  await once(out, 'finish');
  return n;
}

async function measure(ingest: Pick<IngestService, 'ingest'>, file: string, format: ImportFormat) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const sum = await runImport(ingest, { file, format, kind: 'post', chunkSize: 1000 });
  const s = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = (await stat(file)).size;
  return { sum, s, size, base, peak };
}

export default async function importBench() {
  const dir = await mkdtemp(join(tmpdir(), 'kopru-bench-import-'));
  const rows: string[] = [];
  const row = (what: string, r: Awaited<ReturnType<typeof measure>>, records: number) =>
    rows.push(
      `| ${what} | ${(r.size / MB).toFixed(0)} MB | ${records.toLocaleString('en')} | ${r.sum.accepted.toLocaleString('en')} | ${r.s.toFixed(1)} | ${(r.size / MB / r.s).toFixed(1)} | ${(records / r.s).toFixed(0)} | ${(r.base / MB).toFixed(0)} → ${(r.peak / MB).toFixed(0)} MB |`,
    );
  try {
    // Parser and mapping only: a sink that accepts everything.
    const sink: Pick<IngestService, 'ingest'> = {
      ingest: async (_kind, records) => ({ accepted: records.length, duplicates: 0, rejected: [] }),
    };
    for (const format of ['telegram', 'jsonl'] as const) {
      const file = join(dir, `big.${format === 'telegram' ? 'json' : 'jsonl'}`);
      const n = await write(file, format, BIG_MB * MB);
      row(`${format}, parse + map`, await measure(sink, file, format), n);
      await rm(file);
    }
    // The real ingest into the embedded store (PGlite); the tag and index workers are not started.
    const ctx = await createTestApp('embedded');
    try {
      const file = join(dir, 'store.json');
      const n = await write(file, 'telegram', STORE_MB * MB);
      row('telegram, ingest into PGlite', await measure(ctx.app.ingest, file, 'telegram'), n);
    } finally {
      await ctx.dispose();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    title: 'Large file imports (streamed)',
    markdown: `Command: \`npm run bench -- import\` (sizes: \`BENCH_IMPORT_MB\`=${BIG_MB}, \`BENCH_IMPORT_STORE_MB\`=${STORE_MB}).
Generated files of synthetic Turkish text (about 500 bytes a record); one process, chunks of 1,000 records.
"RSS" is the process's resident memory before the import and its peak during it (sampled every 50 ms):
bounded memory means the peak does not grow with the file.

| import | file | records | accepted | seconds | MB/s | records/s | RSS before → peak |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`,
  };
}
