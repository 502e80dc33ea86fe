import fc from 'fast-check';
import type { ImportFormat } from '../../src/connectors/imports/read-import.js';
import type { ItemKind } from '../../src/domain/item.js';

/**
 * Generators of hostile ingest input for property-based tests: records with
 * wrong types, huge strings, deep nesting, NUL bytes, unpaired surrogates,
 * impossible dates and prototype-chain field names; bodies that mix valid and
 * broken records, NDJSON with broken lines, truncated JSON, invalid UTF-8 and
 * content types that lie; and import files of every format, also mislabelled.
 */

/** `arb` one time in `n`, else null. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 1, arbitrary: arb }, { weight: n - 1, arbitrary: fc.constant(null) });

/** Sets a field as an own property, even `__proto__` (plain assignment would set the prototype). */
function setOwn(o: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Any UTF-16 code unit, unpaired surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const nasty = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u202e',
  '\ufeff',
  '\u2028',
  '\r\n',
  '"',
  '\\',
  '\u0301',
  '😀',
  'İı',
  '\u001b[31m',
);

/** Strings from harmless to hostile; `huge` ones pass the text limit of 100,000 characters. */
export const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 15 }), nasty, fc.string({ maxLength: 15 }))
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ', '\u00a0') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 90_000, max: 120_000 }), fc.constantFrom('a', 'ş', '😀', '\u0000'))
      .map(([n, c]) => c.repeat(Math.ceil(n / c.length))),
  },
);

const hostileDate = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '0000-01-01',
    '0001-01-01',
    '0001-01-01T00:30:00+01:00',
    '9999-12-31T23:30:00-01:00',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T25:00:00Z',
    '2024-01-01T24:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2024-06-01T12:00:00+99:00',
    'dün',
    '',
  ),
  fc.integer(),
);

/** Nesting `depth` levels deep, as arrays or objects. */
export const nest = (depth: number, asObject: boolean): unknown => {
  let v: unknown = 'dip';
  for (let i = 0; i < depth; i++) v = asObject ? { d: v } : [v];
  return v;
};

const hostileKey = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'source',
      'text',
      'type',
      'applicant',
      'extra',
      'a.b',
      '',
    ),
  },
  { weight: 1, arbitrary: hostileString.filter((s) => s.length < 50) },
);

/** Any JSON-ish value, hostile strings and keys included, a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    hostileDate,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map((kv) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of kv) setOwn(o, k, v);
      return o;
    }),
    fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean()).map(([d, o]) => nest(d, o)),
  ),
})).value;

const provinces = fc.constantFrom('İstanbul', 'Ankara', 'Hatay', 'Van');
const validPost = fc.record(
  {
    source: fc.constantFrom('haber', 'x', 'telegram:kanal', 'sosyal'),
    text: fc.lorem({ maxCount: 12 }).map((t) => `${t} iddiası`),
    externalId: fc.oneof(fc.uuid(), fc.integer({ min: 1, max: 1e9 })),
    url: fc.webUrl(),
    publishedAt: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    province: provinces,
  },
  { requiredKeys: ['source', 'text'] },
);
const validApplication = fc.record(
  {
    type: fc.constantFrom('sikayet', 'ihbar', 'talep', 'gorus_oneri', 'bilgi_edinme'),
    text: fc.lorem({ maxCount: 12 }).map((t) => `${t} başvurusu`),
    subject: fc.lorem({ maxCount: 3 }),
    externalId: fc.uuid(),
    receivedAt: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    applicant: fc.record(
      {
        name: fc.constantFrom('Ayşe Yılmaz', 'Mehmet Öz'),
        email: fc.emailAddress(),
        phone: fc.constant('0312 555 01 02'),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['type', 'text'] },
);

const FIELDS: Record<ItemKind, string[]> = {
  post: ['source', 'text', 'externalId', 'url', 'author', 'publishedAt', 'lang', 'province'],
  application: [
    'type',
    'text',
    'subject',
    'province',
    'receivedAt',
    'externalId',
    'applicant',
    'applicant.name',
    'applicant.tckn',
    'applicant.email',
  ],
};

/** One record of `kind`: valid, a valid one with hostile fields set or removed, or not a record at all. */
export function hostileRecord(kind: ItemKind): fc.Arbitrary<unknown> {
  const valid = (kind === 'post' ? validPost : validApplication) as fc.Arbitrary<Record<string, unknown>>;
  const mutation = fc.oneof(
    fc.tuple(fc.constantFrom(...FIELDS[kind]), hostileValue),
    fc.tuple(hostileKey, hostileValue),
    fc.tuple(fc.constantFrom(...FIELDS[kind]), fc.constant(undefined)),
  );
  const mutated = fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([rec, muts]) => {
    const out: Record<string, unknown> = { ...rec };
    for (const [path, value] of muts) {
      const [head, tail] = path.startsWith('applicant.') ? ['applicant', path.slice(10)] : [path, undefined];
      if (tail) {
        const a = { ...((out.applicant as Record<string, unknown>) ?? {}) };
        setOwn(a, tail, value);
        out.applicant = a;
      } else if (value === undefined) delete out[head];
      else setOwn(out, head, value);
    }
    return out;
  });
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: hostileValue },
  );
}

const MEDIA = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/x-ndjson',
  'application/jsonl',
  'application/json-seq',
  'text/plain',
  'text/csv',
  '',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
];

/** Bytes that are not UTF-8, inserted into an otherwise valid body. */
const badUtf8 = fc.constantFrom(
  [0xff],
  [0xc3, 0x28],
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
);

/** Values PostgreSQL refuses, for poisoning one record of a large batch. */
const poison = fc.constantFrom<[string, unknown][]>(
  [['text', 'zehir \u0000 karakter']],
  [['text', 'yarım \ud800 vekil']],
  [
    ['publishedAt', '0000-01-01'],
    ['receivedAt', '0000-01-01'],
  ],
  [['deep', nest(2000, false)]],
  [['meta', { 'k\u0000': 1 }]],
);

/** A batch of more than 1,000 valid records (more than one insert chunk) with one poisoned record in it. */
function poisonedBatch(kind: ItemKind) {
  return fc
    .tuple(fc.integer({ min: 1001, max: 1500 }), fc.noBias(fc.nat({ max: 1499 })), poison, fc.uuid())
    .map(([n, at, fields, run]) => {
      const recs: Record<string, unknown>[] = Array.from({ length: n }, (_, i) =>
        kind === 'post'
          ? { source: 'toplu', text: `toplu kayıt ${i}`, externalId: `${run}-${i}` }
          : { type: 'talep', text: `toplu başvuru ${i}`, externalId: `${run}-${i}` },
      );
      // Anywhere, the second insert chunk (from #1,000) included.
      const target = recs[at % n]!;
      for (const [k, v] of fields) target[k] = v;
      return recs;
    });
}

/** The text of a body: a JSON array, one object, NDJSON with broken lines, truncated JSON, or garbage. */
function bodyText(kind: ItemKind): fc.Arbitrary<{ text: string; format: 'json' | 'ndjson' | 'other' }> {
  const rec = hostileRecord(kind);
  const json = (v: unknown) => JSON.stringify(v) ?? 'null';
  return fc.oneof(
    {
      weight: 1,
      arbitrary: fc
        .tuple(poisonedBatch(kind), fc.boolean())
        .map(([recs, nd]) =>
          nd
            ? { text: recs.map(json).join('\n'), format: 'ndjson' as const }
            : { text: json(recs), format: 'json' as const },
        ),
    },
    {
      weight: 16,
      arbitrary: fc.array(rec, { maxLength: 25 }).map((a) => ({ text: json(a), format: 'json' as const })),
    },
    { weight: 4, arbitrary: rec.map((r) => ({ text: json(r), format: 'json' as const })) },
    {
      weight: 16,
      arbitrary: fc
        .array(
          fc.oneof(
            { weight: 5, arbitrary: rec.map(json) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                '{bozuk',
                '',
                '   ',
                '[1,2]',
                'null',
                '"metin"',
                '{"a":1}{"b":2}',
                '\r',
              ),
            },
            { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
          ),
          { maxLength: 25 },
        )
        .chain((lines) =>
          fc.constantFrom('\n', '\r\n').map((sep) => ({ text: lines.join(sep), format: 'ndjson' as const })),
        ),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.array(rec, { minLength: 1, maxLength: 10 }).map(json),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([t, at]) => ({ text: t.slice(0, Math.floor(t.length * at)), format: 'json' as const })),
    },
    {
      weight: 4,
      arbitrary: fc
        .string({ unit: codeUnit, maxLength: 60 })
        .map((text) => ({ text, format: 'other' as const })),
    },
  );
}

/** One HTTP ingest request: endpoint, content type (often a lie) and raw bytes. */
export interface HostileRequest {
  path: '/posts' | '/applications';
  contentType: string;
  bytes: Uint8Array;
}

/** Hostile requests to both ingest endpoints. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .constantFrom<ItemKind>('post', 'application')
  .chain((kind) =>
    fc
      .record({
        body: bodyText(kind),
        honestType: fc.boolean(),
        media: fc.constantFrom(...MEDIA),
        bom: fc.boolean(),
        corrupt: oneIn(6, fc.tuple(badUtf8, fc.double({ min: 0, max: 1, noNaN: true }))),
      })
      .map(({ body, honestType, media, bom, corrupt }) => {
        let bytes: Uint8Array = new TextEncoder().encode((bom ? '\ufeff' : '') + body.text);
        if (corrupt) {
          const [bad, at] = corrupt;
          const i = Math.floor(bytes.length * at);
          bytes = new Uint8Array([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
        }
        const contentType =
          honestType && body.format !== 'other'
            ? body.format === 'json'
              ? 'application/json'
              : 'application/x-ndjson'
            : media;
        return {
          path: kind === 'post' ? ('/posts' as const) : ('/applications' as const),
          contentType,
          bytes,
        };
      }),
  );

// ---- import files ----

const csvCell = (v: unknown) => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A CSV file: headers (some hostile, e.g. `__proto__.x`), rows of hostile cells, sometimes broken quoting. */
function csvFile(kind: ItemKind): fc.Arbitrary<string> {
  const header = fc.uniqueArray(
    fc.oneof(
      fc.constantFrom(...FIELDS[kind]),
      fc.constantFrom(
        '__proto__.polluted',
        'constructor.prototype.polluted',
        'a.__proto__.b',
        'prototype',
        'x.y.z',
      ),
      hostileKey,
    ),
    { minLength: 1, maxLength: 6 },
  );
  return fc
    .tuple(
      header,
      fc.array(fc.array(hostileValue, { minLength: 1, maxLength: 7 }), { maxLength: 12 }),
      fc.boolean(),
    )
    .map(([cols, rows, broken]) => {
      const lines = [cols.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
      return lines.join('\n') + (broken ? '\n"unterminated,quote' : '\n');
    });
}

/** The content of an import file meant for `shape`, with hostile records in it. */
function fileText(shape: ImportFormat, kind: ItemKind): fc.Arbitrary<string> {
  const rec = hostileRecord(kind);
  const arr = (el: fc.Arbitrary<unknown>) => fc.array(el, { maxLength: 15 });
  const json = (v: unknown) => JSON.stringify(v) ?? 'null';
  switch (shape) {
    case 'jsonl':
      return fc
        .array(
          fc.oneof({ weight: 5, arbitrary: rec.map(json) }, fc.constantFrom('{bozuk', '', '[]', 'null')),
          {
            maxLength: 20,
          },
        )
        .map((l) => l.join('\n'));
    case 'json':
      return arr(rec).map(json);
    case 'csv':
      return csvFile(kind);
    case 'telegram':
      return arr(
        fc.oneof(
          fc.record({
            id: fc.integer(),
            type: fc.constantFrom('message', 'service'),
            date_unixtime: fc.oneof(fc.integer(), hostileString),
            text: fc.oneof(
              hostileString,
              fc.array(fc.oneof(hostileString, fc.record({ type: fc.string(), text: hostileString }))),
            ),
          }),
          hostileValue,
        ),
      ).map((messages) => json({ name: 'Kanal', type: 'public_channel', id: 1, messages }));
    case 'x-archive':
      return arr(
        fc.oneof(
          fc.record({
            tweet: fc.record({
              id_str: fc.oneof(fc.string(), fc.integer()),
              full_text: hostileString,
              created_at: hostileDate,
              lang: fc.oneof(fc.constantFrom('tr', 'und', 'qme'), hostileString),
            }),
          }),
          hostileValue,
        ),
      ).map((tweets) => `window.YTD.tweets.part0 = ${json(tweets)}`);
    case 'mastodon':
      return arr(
        fc.oneof(
          fc.record({
            type: fc.constantFrom('Create', 'Announce'),
            actor: fc.webUrl(),
            published: hostileDate,
            object: fc.record({
              id: fc.webUrl(),
              type: fc.constant('Note'),
              content: hostileString,
              published: hostileDate,
              contentMap: fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 2 }),
            }),
          }),
          hostileValue,
        ),
      ).map((orderedItems) =>
        json({
          '@context': 'https://www.w3.org/ns/activitystreams',
          type: 'OrderedCollection',
          orderedItems,
        }),
      );
  }
}

const FORMATS: ImportFormat[] = ['jsonl', 'json', 'csv', 'telegram', 'x-archive', 'mastodon'];

/** One import: the format asked for (often not the file's real shape), the kind, and the file's bytes. */
export interface HostileImport {
  format: ImportFormat;
  kind: ItemKind;
  bytes: Uint8Array;
}

export const hostileImport: fc.Arbitrary<HostileImport> = fc
  .record({
    shape: fc.constantFrom(...FORMATS),
    asked: oneIn(4, fc.constantFrom(...FORMATS)),
    kind: fc.constantFrom<ItemKind>('post', 'application'),
  })
  .chain(({ shape, asked, kind }) =>
    fc
      .record({
        text: fileText(shape, kind),
        corrupt: oneIn(6, fc.tuple(badUtf8, fc.double({ min: 0, max: 1, noNaN: true }))),
        truncateAt: oneIn(8, fc.double({ min: 0, max: 1, noNaN: true })),
      })
      .map(({ text, corrupt, truncateAt }) => {
        let bytes = new TextEncoder().encode(text);
        if (truncateAt !== null) bytes = bytes.subarray(0, Math.floor(bytes.length * truncateAt));
        if (corrupt) {
          const i = Math.floor(bytes.length * corrupt[1]);
          bytes = new Uint8Array([...bytes.subarray(0, i), ...corrupt[0], ...bytes.subarray(i)]);
        }
        return { format: asked ?? shape, kind, bytes };
      }),
  );
