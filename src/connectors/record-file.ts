import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { FORBIDDEN_KEYS } from '../domain/storable.js';

export type FileRecord = { line: number; record: unknown } | { line: number; error: string };

/**
 * Sets `a.b.c` keys as nested objects (CSV columns like `applicant.name`); empty cells are left out.
 * A column whose name has a `__proto__`, `constructor` or `prototype` part throws: assigning it by
 * path would write to `Object.prototype`.
 */
export function unflatten(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const parts = key.trim().split('.');
    const bad = parts.find((p) => FORBIDDEN_KEYS.has(p));
    if (bad) throw new Error(`column "${key}": the name part "${bad}" is not allowed`);
    const value = raw.trim();
    if (value === '') continue;
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== 'object' || next === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** The format of a file by its extension: `.csv`/`.tsv` or JSON Lines (`.jsonl`, `.ndjson`, `.json`). */
export function fileFormat(path: string): 'csv' | 'tsv' | 'jsonl' {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.tsv' ? 'tsv' : 'jsonl';
}

/**
 * Streams records from a JSONL or CSV file in bounded memory. A line that
 * cannot be parsed is yielded as an error with its line number, not thrown.
 * `onBytes` reports progress; `format` overrides the guess from the extension.
 */
export async function* readRecordFile(
  path: string,
  opts: { onBytes?: (read: number, total: number) => void; format?: 'csv' | 'tsv' | 'jsonl' } = {},
) {
  const { size } = await stat(path);
  const stream = createReadStream(path);
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
    opts.onBytes?.(read, size);
  });
  const format = opts.format ?? fileFormat(path);
  if (format === 'jsonl') {
    const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let line = 0;
    for await (const text of rl) {
      line++;
      const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (t.trim() === '') continue;
      try {
        yield { line, record: JSON.parse(t) } as FileRecord;
      } catch (err) {
        yield { line, error: `malformed JSON: ${(err as Error).message}` } as FileRecord;
      }
    }
    return;
  }
  const parser = stream.pipe(
    parse({
      columns: true,
      bom: true,
      delimiter: format === 'tsv' ? '\t' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  for await (const row of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    let record: Record<string, unknown>;
    try {
      record = unflatten(row.record);
    } catch (err) {
      yield { line: row.info.lines, error: (err as Error).message } as FileRecord;
      continue;
    }
    yield { line: row.info.lines, record } as FileRecord;
  }
}
