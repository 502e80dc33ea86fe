import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { readRecordFile } from '../../src/connectors/record-file.js';
import type { IngestResult } from '../../src/pipeline/ingest.js';
import { runCli, waitForPipeline } from './common.js';

const USAGE = 'usage: npm run ingest -- FILE [--kind post|application] [--source NAME]';

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { kind: { type: 'string', default: 'post' }, source: { type: 'string' } },
  });
  const file = positionals[0];
  const kind = values.kind;
  if (!file || (kind !== 'post' && kind !== 'application')) throw new Error(USAGE);
  const config = loadConfig();
  const app = await createApp(config, { role: 'cli' });
  try {
    // Embedded mode has no other worker: run the stages here until the file's items are searchable.
    const embedded = app.mode.queue === 'memory';
    if (embedded) await app.startWorkers();
    const bar = process.stdout.isTTY
      ? new cliProgress.SingleBar(
          { format: '{bar} {percentage}% | {value}/{total} bytes | {records} records' },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let records = 0;
    const total: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
    let chunk: unknown[] = [];
    let lines: number[] = [];
    let parseErrors: IngestResult['rejected'] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const r = await app.ingest.ingest(kind, chunk, parseErrors, { source: values.source });
      total.accepted += r.accepted;
      total.duplicates += r.duplicates;
      total.rejected.push(...r.rejected.map((x) => ({ index: lines[x.index]!, errors: x.errors })));
      chunk = [];
      lines = [];
      parseErrors = [];
    };
    bar?.start(1, 0, { records: 0 });
    const onBytes = (read: number, size: number) => {
      bar?.setTotal(size);
      bar?.update(read, { records });
    };
    for await (const rec of readRecordFile(file, { onBytes })) {
      records++;
      lines.push(rec.line);
      if ('error' in rec) {
        parseErrors.push({ index: chunk.length, errors: [{ path: '(record)', message: rec.error }] });
        chunk.push(undefined);
      } else chunk.push(rec.record);
      if (chunk.length >= 1000) await flush();
    }
    await flush();
    bar?.stop();
    if (embedded) await waitForPipeline(app);
    console.log(
      JSON.stringify({
        file,
        kind,
        records,
        accepted: total.accepted,
        duplicates: total.duplicates,
        rejected: total.rejected.length,
      }),
    );
    for (const r of total.rejected.slice(0, 50)) {
      console.log(`  line ${r.index}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    }
    if (total.rejected.length > 50)
      console.log(`  … and ${total.rejected.length - 50} more rejected records`);
  } finally {
    await app.close();
  }
});
