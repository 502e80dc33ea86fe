import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import pick from 'stream-json/filters/pick.js';
import parser from 'stream-json/parser.js';
import streamArray from 'stream-json/streamers/stream-array.js';

/** Where the array of records sits in a JSON export. */
export interface JsonArrayLocation {
  /** Dotted path of the array inside the top-level object; omitted when the document is the array. */
  arrayPath?: string;
  /** The file starts with a JavaScript assignment (`window.YTD.tweets.part0 = [`): skip to the first `[`. */
  jsPrefix?: boolean;
}

async function arrayStart(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const at = buf.subarray(0, bytesRead).indexOf('[');
    if (at < 0) throw new Error('no JSON array found after the JavaScript prefix');
    return at;
  } finally {
    await fh.close();
  }
}

/**
 * Streams the elements of one JSON array in a file, one assembled element at
 * a time, so memory stays bounded by the largest element rather than the
 * file. A truncated or malformed document rejects with the parser's message
 * after the elements before the fault were yielded.
 */
export async function* streamJsonArray(
  path: string,
  loc: JsonArrayLocation,
  opts: { onBytes?: (read: number, total: number) => void } = {},
): AsyncGenerator<{ index: number; value: unknown }> {
  const { size } = await stat(path);
  const start = loc.jsPrefix ? await arrayStart(path) : 0;
  const input = createReadStream(path, { start });
  let read = start;
  input.on('data', (chunk) => {
    read += chunk.length;
    opts.onBytes?.(read, size);
  });
  const stages = [
    parser.asStream(),
    ...(loc.arrayPath ? [pick.asStream({ filter: loc.arrayPath })] : []),
    streamArray.asStream(),
  ];
  // Errors surface through the async iterator of the last stage; the callback only keeps them from going unhandled.
  const out = (pipeline as unknown as (...s: unknown[]) => NodeJS.ReadableStream)(
    input,
    ...stages,
    () => undefined,
  );
  try {
    for await (const item of out as AsyncIterable<{ key: number; value: unknown }>) {
      yield { index: item.key, value: item.value };
    }
  } finally {
    input.destroy();
  }
}
