import { open } from 'node:fs/promises';
import { z } from 'zod';
import { fileFormat, readRecordFile } from '../record-file.js';
import { applyColumnMap, type ColumnMap } from './column-map.js';
import { fromMastodon, fromTelegram, fromXArchive, type Mapped } from './export-formats.js';
import { streamJsonArray } from './json-array-stream.js';

/** Import formats of `npm run ingest -- --format`. */
export const importFormats = ['jsonl', 'json', 'csv', 'telegram', 'x-archive', 'mastodon'] as const;
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

/** A JSON array file of records, as the HTTP API accepts them (`[{"text": …}, …]`). */
const fromJsonRecord = (raw: unknown): Mapped => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('element is not a JSON object');
  return raw as Record<string, unknown>;
};

const JSON_EXPORTS = {
  json: { loc: {}, map: fromJsonRecord },
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
    if (opts.format === 'json' && record) {
      record = applyColumnMap(record, opts.map ?? []);
      if (source && record.source === undefined) record = { ...record, source };
    }
    yield { position: index, line: index + 1, record };
  }
}

/**
 * The format of an import file, from its first bytes: an X archive starts with
 * `window.YTD.`; a JSON object with `messages` is a Telegram Desktop export, with
 * `orderedItems` a Mastodon outbox; a JSON array is a file of records; JSON objects
 * one per line are JSONL; text lines with commas, semicolons or tabs are CSV/TSV.
 * Null when the shape is none of these.
 */
export async function detectImportFormat(path: string): Promise<ImportFormat | null> {
  const fh = await open(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
  const t = head.trimStart();
  if (t.startsWith('window.YTD.')) return 'x-archive';
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    const firstLine = t.split('\n', 1)[0]!.trim();
    try {
      const first = JSON.parse(firstLine) as unknown;
      if (first && typeof first === 'object' && !Array.isArray(first)) {
        const keys = Object.keys(first);
        if (!keys.includes('messages') && !keys.includes('orderedItems')) return 'jsonl';
      }
    } catch {
      // Not one object per line: a JSON document spread over lines.
    }
    if (/"orderedItems"\s*:/.test(t) && /OrderedCollection|activitystreams/.test(t)) return 'mastodon';
    if (/"messages"\s*:\s*\[/.test(t)) return 'telegram';
    return null;
  }
  if (fileFormat(path) === 'csv' || fileFormat(path) === 'tsv') return 'csv';
  // Without a .csv/.tsv name: a header and a row with the same number of separators.
  const [l1 = '', l2 = ''] = t.split(/\r?\n/).filter((l) => l.trim());
  for (const sep of [',', ';', '\t']) {
    const n = l1.split(sep).length - 1;
    if (n > 0 && l2.split(sep).length - 1 === n && /^[\p{L}_"]/u.test(l1)) return 'csv';
  }
  return null;
}
