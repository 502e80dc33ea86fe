import { AppError } from '../../domain/errors.js';
import type { ItemKind } from '../../domain/item.js';
import type { IngestResult, IngestService } from '../../pipeline/ingest.js';
import type { CheckpointStore } from './checkpoint.js';
import type { ColumnMap } from './column-map.js';
import { type ImportElement, type ImportFormat, readImport } from './read-import.js';

/** Options of {@link runImport}. */
export interface RunImportOptions {
  file: string;
  format: ImportFormat;
  kind: ItemKind;
  source?: string;
  map?: ColumnMap;
  /** Without a store the import is not resumable. */
  checkpoints?: CheckpointStore;
  chunkSize?: number;
  onProgress?: (p: { bytes: number; totalBytes: number; records: number }) => void;
}

/** Summary of an import; counts include the part done before a resume. */
export interface ImportSummary {
  records: number;
  accepted: number;
  duplicates: number;
  /** Elements that are not posts (service messages, boosts, empty). */
  skipped: number;
  rejectedCount: number;
  /** Rejections of this run, by line (JSONL/CSV) or element number (exports). */
  rejected: IngestResult['rejected'];
  /** Position the run resumed from (0 for a fresh import). */
  resumedFrom: number;
}

/**
 * Imports a file through the ingest service in chunks. After each chunk is
 * stored a checkpoint records how many elements are done, so an interrupted
 * import resumes after the last committed chunk (a chunk cut short is sent
 * again and counted as duplicates, never stored twice). A completed import
 * clears its checkpoint, so importing the file again counts duplicates.
 */
export async function runImport(
  ingest: Pick<IngestService, 'ingest'>,
  opts: RunImportOptions,
): Promise<ImportSummary> {
  const chunkSize = opts.chunkSize ?? 1000;
  const id = await opts.checkpoints?.identify(opts.file, opts.format, opts.kind);
  const saved = id ? await opts.checkpoints!.load(id) : null;
  const resumedFrom = saved?.committed ?? 0;
  const sum: ImportSummary = {
    records: 0,
    accepted: saved?.accepted ?? 0,
    duplicates: saved?.duplicates ?? 0,
    skipped: saved?.skipped ?? 0,
    rejectedCount: saved?.rejected ?? 0,
    rejected: [],
    resumedFrom,
  };
  let chunk: unknown[] = [];
  let lines: number[] = [];
  let parseErrors: IngestResult['rejected'] = [];
  let skippedInChunk = 0;
  let nextPosition = resumedFrom;

  let storing = false;
  const flush = async () => {
    storing = true;
    if (chunk.length > 0) {
      const r = await ingest.ingest(opts.kind, chunk, parseErrors, { source: opts.source });
      sum.accepted += r.accepted;
      sum.duplicates += r.duplicates;
      sum.rejectedCount += r.rejected.length;
      sum.rejected.push(...r.rejected.map((x) => ({ index: lines[x.index]!, errors: x.errors })));
    }
    sum.skipped += skippedInChunk;
    if (id && (chunk.length > 0 || skippedInChunk > 0))
      await opts.checkpoints!.save({
        ...id,
        committed: nextPosition,
        accepted: sum.accepted,
        duplicates: sum.duplicates,
        rejected: sum.rejectedCount,
        skipped: sum.skipped,
      });
    chunk = [];
    lines = [];
    parseErrors = [];
    skippedInChunk = 0;
    storing = false;
  };

  let bytes = 0;
  let totalBytes = 0;
  const onBytes = (read: number, total: number) => {
    bytes = read;
    totalBytes = total;
    opts.onProgress?.({ bytes, totalBytes, records: sum.records });
  };
  const elements = readImport(opts.file, {
    format: opts.format,
    source: opts.source,
    map: opts.map,
    onBytes,
  });
  try {
    await consume(elements);
  } catch (err) {
    // A failure to store ends the run as a crash would: the checkpoint stays at the last committed chunk.
    if (storing) throw err;
    // Commit what was read before the fault: the checkpoint then shows how far the file was good.
    await flush();
    throw new ImportError(`${opts.file}: ${(err as Error).message} (after ${sum.records} records)`, err);
  }
  await flush();
  opts.onProgress?.({ bytes, totalBytes, records: sum.records });
  await opts.checkpoints?.clear(opts.file);
  return sum;

  async function consume(it: AsyncIterable<ImportElement>) {
    for await (const el of it) {
      sum.records++;
      if (el.position < resumedFrom) continue;
      nextPosition = el.position + 1;
      if ('error' in el) {
        parseErrors.push({ index: chunk.length, errors: [{ path: '(record)', message: el.error }] });
        lines.push(el.line);
        chunk.push(undefined);
      } else if (el.record === null) skippedInChunk++;
      else {
        lines.push(el.line);
        chunk.push(el.record);
      }
      if (chunk.length + skippedInChunk >= chunkSize) await flush();
    }
  }
}

/** A file that cannot be read to the end (truncated or malformed JSON). */
export class ImportError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('import_failed', message, { status: 422, cause });
  }
}
