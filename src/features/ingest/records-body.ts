import type { Context } from 'hono';
import { AppError, ValidationError } from '../../domain/errors.js';
import type { RecordError } from '../../pipeline/ingest.js';

/** Records read from an ingest body, and the ones that could not be parsed (by index). */
export interface RecordsBody {
  records: unknown[];
  parseErrors: { index: number; errors: RecordError[] }[];
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes`, { status: 413 });
const tooMany = (maxRecords: number, got: string) =>
  new AppError('too_many_records', `at most ${maxRecords} records per request (got ${got})`, {
    status: 413,
  });
const badEncoding = () =>
  new AppError('invalid_encoding', 'request body is not valid UTF-8', { status: 400 });

/**
 * The body as text, chunk by chunk: stops with 413 as soon as more than
 * `maxBytes` arrived (whatever Content-Length said) and with 400 at the first
 * invalid UTF-8 sequence. A byte-order mark at the start is dropped.
 */
async function* textChunks(body: ReadableStream<Uint8Array> | null, maxBytes: number) {
  if (!body) return;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      let text: string;
      try {
        text = decoder.decode(value, { stream: true });
      } catch {
        throw badEncoding();
      }
      if (text) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw badEncoding();
    }
    if (rest) yield rest;
  } finally {
    // Stops the client's upload when the body is refused half-way.
    await reader.cancel().catch(() => undefined);
  }
}

/** NDJSON, parsed line by line as the body arrives: the body is never held whole. */
async function readNdjson(chunks: AsyncIterable<string>, maxRecords: number): Promise<RecordsBody> {
  const records: unknown[] = [];
  const parseErrors: RecordsBody['parseErrors'] = [];
  const take = (line: string) => {
    if (line.trim() === '') return;
    if (records.length >= maxRecords) throw tooMany(maxRecords, `more than ${maxRecords}`);
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
  };
  let carry = '';
  for await (const text of chunks) {
    const lines = (carry + text).split('\n');
    carry = lines.pop()!;
    for (const line of lines) take(line);
  }
  take(carry);
  return { records, parseErrors };
}

/** A JSON array or one object; JSON.parse needs the whole text, which the byte limit bounds. */
async function readJson(chunks: AsyncIterable<string>, maxRecords: number): Promise<RecordsBody> {
  const parts: string[] = [];
  for await (const text of chunks) parts.push(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(parts.join(''));
  } catch (err) {
    throw new AppError('malformed_json', `request body is not valid JSON: ${(err as Error).message}`, {
      status: 400,
    });
  }
  let records: unknown[];
  if (Array.isArray(parsed)) records = parsed;
  else if (parsed !== null && typeof parsed === 'object') records = [parsed];
  else throw new ValidationError('body must be a JSON array of records, one record object, or NDJSON');
  if (records.length > maxRecords) throw tooMany(maxRecords, String(records.length));
  return { records, parseErrors: [] };
}

/**
 * Reads an ingest body: a JSON array (or one object) or NDJSON, with at most
 * `maxBytes` bytes and `maxRecords` records (413 beyond either). NDJSON is
 * parsed as it streams in and refused at the first record too many, without
 * reading the rest. Invalid UTF-8 and malformed JSON reject the whole body; a
 * malformed NDJSON line rejects only that record, reported by index.
 */
export async function readRecords(c: Context, maxRecords: number, maxBytes: number): Promise<RecordsBody> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const ndjson = type.includes('ndjson') || type.includes('jsonl') || type.includes('json-seq');
  if (!ndjson && !type.includes('json'))
    throw new AppError(
      'unsupported_media_type',
      'use Content-Type application/json or application/x-ndjson',
      {
        status: 415,
      },
    );
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks = textChunks(c.req.raw.body, maxBytes);
  const body = ndjson ? await readNdjson(chunks, maxRecords) : await readJson(chunks, maxRecords);
  if (body.records.length === 0) throw new ValidationError('no records in body');
  return body;
}
