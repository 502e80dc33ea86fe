/**
 * Export rows as CSV or JSON, written piecewise so an export streams. Rows are the
 * search API's hits (redacted text only); nested fields are flattened for CSV.
 */

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'id',
  'kind',
  'occurredAtIso',
  'createdAtIso',
  'source',
  'appType',
  'province',
  'lang',
  'status',
  'risk',
  'checkWorthiness',
  'flagged',
  'tags',
  'matches',
  'clusterKey',
  'duplicateCount',
  'url',
  'author',
  'subject',
  'text',
  // A claim's appearances only: confirmed, automatic or suggested (empty in a search export).
  'link',
] as const;

/** One CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it. */
export function csvCell(value: unknown): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (Array.isArray(value))
    s = value
      .map((x) =>
        typeof x === 'object' && x && 'claimId' in x
          ? `${(x as { claimId: string }).claimId}:${Number((x as { score: number }).score).toFixed(2)}`
          : String(x),
      )
      .join('|');
  else if (typeof value === 'object') s = JSON.stringify(value);
  else s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV header line (with a BOM so spreadsheets read UTF-8). */
export const csvHeader = () => `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

/** One CSV line of a row. */
export const csvLine = (row: Record<string, unknown>) =>
  `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;

/**
 * A JSON export as pieces: `{"rows":[` … `]}` with the rows between, so the
 * document is valid whatever the number of rows.
 */
export function jsonPieces() {
  let first = true;
  return {
    open: () => '{"rows":[\n',
    row: (row: Record<string, unknown>) => {
      const s = `${first ? '' : ',\n'}${JSON.stringify(row)}`;
      first = false;
      return s;
    },
    close: (extra: Record<string, unknown>) => `\n],${JSON.stringify(extra).slice(1)}\n`,
  };
}

/** Streams the rows a source yields (in batches) as CSV or JSON. */
export function exportStream(
  format: 'csv' | 'json',
  batches: AsyncIterable<Record<string, unknown>[]>,
  meta: Record<string, unknown>,
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = batches[Symbol.asyncIterator]();
  const json = jsonPieces();
  let started = false;
  let rows = 0;
  return new ReadableStream({
    async pull(ctrl) {
      if (!started) {
        started = true;
        ctrl.enqueue(enc.encode(format === 'csv' ? csvHeader() : json.open()));
        return;
      }
      const next = await it.next();
      if (next.done) {
        if (format === 'json') ctrl.enqueue(enc.encode(json.close({ ...meta, count: rows })));
        ctrl.close();
        return;
      }
      rows += next.value.length;
      const text = next.value.map((r) => (format === 'csv' ? csvLine(r) : json.row(r))).join('');
      ctrl.enqueue(enc.encode(text));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
