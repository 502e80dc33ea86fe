import { open } from 'node:fs/promises';
import { z } from 'zod';
import { fileFormat, readRecordFile } from '../record-file.js';
import { applyColumnMap, type ColumnMap } from './column-map.js';
import { fromMastodon, fromTelegram, fromXArchive, type Mapped } from './export-formats.js';
import { streamJsonArray } from './json-array-stream.js';

/** Import formats of `npm run ingest -- --format`. */
export const importFormats = ['jsonl', 'csv', 'telegram', 'x-archive', 'mastodon'] as const;
export const importFormatSchema = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/**
 * One element of an import, in file order. `position` counts every element
 * (the resume point); `line` is the line (JSONL/CSV) or element number
 * (JSON exports) for messages; `record` is null when the element is not a
 * post (a Telegram service message, a Mastodon boost).
 */
export type ImportElement = { position: number; line: number } & (
  | { record: Record<string, unknown> | null }
  | { error: string }
);

export interface ReadImportOptions {
  format: ImportFormat;
  /** Source name for posts; defaults per export format. */
  source?: string;
  map?: ColumnMap;
  onBytes?: (read: number, total: number) => void;
}

const JSON_EXPORTS = {
  telegram: { loc: { arrayPath: 'messages' }, map: fromTelegram },
  'x-archive': { loc: { jsPrefix: true }, map: fromXArchive },
  mastodon: { loc: { arrayPath: 'orderedItems' }, map: fromMastodon },
} as const;

async function telegramChannelName(path: string): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8');
    // Telegram Desktop writes name/type/id before the messages array.
    const before = head.slice(0, head.indexOf('"messages"') >>> 0);
    const m = /"name"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(before);
    return m?.[1] ? (JSON.parse(m[1]) as string) : undefined;
  } finally {
    await fh.close();
  }
}

/** Default source name of an export when `--source` is not given. */
export async function defaultSource(path: string, format: ImportFormat): Promise<string | undefined> {
  if (format === 'telegram') return `telegram:${(await telegramChannelName(path)) ?? 'kanal'}`;
  if (format === 'x-archive') return 'x';
  if (format === 'mastodon') return 'mastodon';
  return undefined;
}

/** Streams an import file as mapped records, in bounded memory, whatever its format. */
export async function* readImport(path: string, opts: ReadImportOptions): AsyncGenerator<ImportElement> {
  const source = opts.source ?? (await defaultSource(path, opts.format));
  if (opts.format === 'jsonl' || opts.format === 'csv') {
    let position = 0;
    const format = opts.format === 'jsonl' ? 'jsonl' : fileFormat(path) === 'tsv' ? 'tsv' : 'csv';
    for await (const r of readRecordFile(path, { onBytes: opts.onBytes, format })) {
      if ('error' in r) yield { position: position++, line: r.line, error: r.error };
      else {
        let rec = r.record as Record<string, unknown>;
        if (rec && typeof rec === 'object' && !Array.isArray(rec)) {
          rec = applyColumnMap(rec, opts.map ?? []);
          if (source && rec.source === undefined) rec = { ...rec, source };
        }
        yield { position: position++, line: r.line, record: rec };
      }
    }
    return;
  }
  const fmt = JSON_EXPORTS[opts.format];
  for await (const { index, value } of streamJsonArray(path, fmt.loc, { onBytes: opts.onBytes })) {
    let record: Mapped;
    try {
      record = fmt.map(value, source!);
    } catch (err) {
      yield { position: index, line: index + 1, error: (err as Error).message.replace(/\s*\n\s*/g, '; ') };
      continue;
    }
    yield { position: index, line: index + 1, record };
  }
}
