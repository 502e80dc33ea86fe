import type { Context } from 'hono';
import { AppError, ValidationError } from '../../domain/errors.js';
import type { RecordError } from '../../pipeline/ingest.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an ingest body: a JSON array (or one object) or NDJSON. Invalid UTF-8
 * and malformed JSON reject the whole body; a malformed NDJSON line rejects
 * only that record, reported by index.
 */
export async function readRecords(
  c: Context,
  maxRecords: number,
): Promise<{ records: unknown[]; parseErrors: { index: number; errors: RecordError[] }[] }> {
  const buf = await c.req.arrayBuffer();
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    throw new AppError('invalid_encoding', 'request body is not valid UTF-8', { status: 400 });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const ndjson = type.includes('ndjson') || type.includes('jsonl') || type.includes('json-seq');
  if (!ndjson && !type.includes('json')) {
    throw new AppError(
      'unsupported_media_type',
      'use Content-Type application/json or application/x-ndjson',
      {
        status: 415,
      },
    );
  }
  const records: unknown[] = [];
  const parseErrors: { index: number; errors: RecordError[] }[] = [];
  if (ndjson) {
    const lines = text.split('\n');
    for (const line of lines) {
      if (line.trim() === '') continue;
      const index = records.length;
      try {
        records.push(JSON.parse(line));
      } catch (err) {
        records.push(undefined);
        parseErrors.push({
          index,
          errors: [{ path: '(record)', message: `malformed JSON: ${(err as Error).message}` }],
        });
      }
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new AppError('malformed_json', `request body is not valid JSON: ${(err as Error).message}`, {
        status: 400,
      });
    }
    if (Array.isArray(parsed)) records.push(...parsed);
    else if (parsed !== null && typeof parsed === 'object') records.push(parsed);
    else throw new ValidationError('body must be a JSON array of records, one record object, or NDJSON');
  }
  if (records.length === 0) throw new ValidationError('no records in body');
  if (records.length > maxRecords) {
    throw new AppError(
      'too_many_records',
      `at most ${maxRecords} records per request (got ${records.length})`,
      {
        status: 413,
      },
    );
  }
  return { records, parseErrors };
}
