import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvLine, exportStream } from './export-format.js';

async function* batches(...bs: Record<string, unknown>[][]) {
  for (const b of bs) yield b;
}

// The BOM kept, to check it is sent.
const read = async (s: ReadableStream<Uint8Array>) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(s).arrayBuffer());

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
  });
  it('defuses spreadsheet formulas in text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });
  it('flattens tags and claim matches', () => {
    expect(csvCell(['a', 'b'])).toBe('a|b');
    expect(csvCell([{ claimId: 'K1', score: 0.5 }])).toBe('K1:0.50');
  });
});

describe('exportStream', () => {
  const rows = [
    { id: '1', text: 'bir' },
    { id: '2', text: 'iki, üç' },
    { id: '3', text: 'dört' },
  ];
  it('writes valid JSON with every row and the count', async () => {
    const out = JSON.parse(
      await new Response(exportStream('json', batches(rows.slice(0, 2), rows.slice(2)), { q: 'x' })).text(),
    );
    expect(out).toEqual({ rows, q: 'x', count: 3 });
  });
  it('writes valid JSON for no rows', async () => {
    expect(JSON.parse(await read(exportStream('json', batches(), {})))).toEqual({ rows: [], count: 0 });
  });
  it('writes a CSV header and one line per row', async () => {
    const text = await read(exportStream('csv', batches(rows), {}));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${CSV_COLUMNS.join(',')}`);
    expect(lines.slice(1, 4)).toEqual(rows.map((r) => csvLine(r).trimEnd()));
    expect(lines[4]).toBe('');
  });
});
