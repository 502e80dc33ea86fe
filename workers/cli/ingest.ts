import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createCheckpointStore } from '../../src/connectors/imports/checkpoint.js';
import { parseColumnMap } from '../../src/connectors/imports/column-map.js';
import { detectImportFormat, importFormatSchema } from '../../src/connectors/imports/read-import.js';
import { runImport } from '../../src/connectors/imports/run-import.js';
import { NotFoundError, ValidationError } from '../../src/domain/errors.js';
import { runCli, waitForPipeline } from './common.js';

const USAGE =
  'usage: npm run ingest -- FILE [--kind post|application] [--source NAME] [--format jsonl|json|csv|telegram|x-archive|mastodon] [--map col=field,...]';
const FORMATS_HELP =
  'formats: jsonl (one JSON object per line), json (a JSON array of records), csv/tsv (header row), telegram (Telegram Desktop result.json), x-archive (X archive tweets.js), mastodon (Mastodon outbox.json)';

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string', default: 'post' },
      source: { type: 'string' },
      format: { type: 'string' },
      map: { type: 'string' },
    },
  });
  const file = positionals[0];
  const kind = values.kind;
  if (!file || (kind !== 'post' && kind !== 'application')) throw new Error(USAGE);
  let chosen = values.format;
  if (chosen === undefined) {
    const detected = await detectImportFormat(file).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new NotFoundError(`no such file: ${file}`) : err;
    });
    if (!detected)
      throw new ValidationError(
        `could not tell the format of ${file}; pass --format\n${FORMATS_HELP}\n${USAGE}`,
      );
    console.error(`format: ${detected} (detected from the content; --format overrides)`);
    chosen = detected;
  }
  const format = importFormatSchema.safeParse(chosen);
  if (!format.success) throw new Error(`${USAGE}\n${FORMATS_HELP}`);
  const map = parseColumnMap(values.map);
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
    bar?.start(1, 0, { records: 0 });
    const total = await runImport(app.ingest, {
      file,
      format: format.data,
      kind,
      source: values.source,
      map,
      checkpoints: createCheckpointStore(resolve(config.DATA_DIR, 'import-checkpoints')),
      onProgress: (p) => {
        bar?.setTotal(Math.max(1, p.totalBytes));
        bar?.update(p.bytes, { records: p.records });
      },
    });
    bar?.stop();
    if (embedded) await waitForPipeline(app);
    console.log(
      JSON.stringify({
        file,
        kind,
        format: format.data,
        records: total.records,
        accepted: total.accepted,
        duplicates: total.duplicates,
        rejected: total.rejectedCount,
        skipped: total.skipped,
        ...(total.resumedFrom ? { resumedFrom: total.resumedFrom } : {}),
      }),
    );
    const unit = format.data === 'jsonl' || format.data === 'csv' ? 'line' : 'record';
    for (const r of total.rejected.slice(0, 50)) {
      console.log(`  ${unit} ${r.index}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    }
    if (total.rejected.length > 50)
      console.log(`  … and ${total.rejected.length - 50} more rejected records`);
  } finally {
    await app.close();
  }
});
