import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCheckpointStore } from '../../src/connectors/imports/checkpoint.js';
import { parseColumnMap } from '../../src/connectors/imports/column-map.js';
import { ImportError, runImport } from '../../src/connectors/imports/run-import.js';
import { createIngestService, type IngestService } from '../../src/pipeline/ingest.js';
import { createMemoryQueue } from '../../src/queue/index.js';
import type { JobQueue } from '../../src/queue/types.js';
import { createDatabase, createItemStore, type Database, migrate } from '../../src/store/index.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'connectors', name);

/** Writes a Telegram export with `n` messages, streamed, so the test file itself is never held whole. */
async function writeBigTelegram(path: string, n: number) {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
  await write('{"name":"Büyük Kanal","type":"public_channel","id":1,"messages":[\n');
  for (let i = 1; i <= n; i++) {
    const msg = {
      id: i,
      type: i % 100 === 0 ? 'service' : 'message',
      date_unixtime: String(1706771700 + i),
      from: 'Büyük Kanal',
      text:
        i % 2
          ? `Köyde ${i}. ihbar: su şebekesi zehirlenmiş iddiası`
          : ['Duyuru ', { type: 'bold', text: `no ${i}` }],
    };
    await write(`${JSON.stringify(msg)}${i < n ? ',' : ''}\n`);
  }
  await write(']}\n');
  await new Promise<void>((r) => out.end(() => r()));
}

describe('file imports through the ingest service', () => {
  let dir = '';
  let db: Database;
  let queue: JobQueue;
  let ingest: IngestService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-imports-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let n = 0;
  beforeEach(async () => {
    db = await createDatabase({ dataDir: join(dir, `db${n++}`) });
    await migrate(db);
    queue = createMemoryQueue();
    ingest = createIngestService({ items: createItemStore(db), queue });
    return async () => {
      await queue.close(1000);
      await db.close();
    };
  });
  const texts = async () =>
    (
      await db.query<{ source: string; text: string; external_id: string }>(
        'SELECT source, text, external_id FROM items ORDER BY external_id',
      )
    ).rows;

  it('Telegram channel export: entities flattened, service/empty skipped, duplicates counted, bad element rejected', async () => {
    const sum = await runImport(ingest, {
      file: fixture('telegram-result.json'),
      format: 'telegram',
      kind: 'post',
    });
    expect(sum).toMatchObject({ records: 6, accepted: 2, duplicates: 1, skipped: 2, rejectedCount: 1 });
    expect(sum.rejected[0]).toMatchObject({ index: 6 });
    const rows = await texts();
    expect(rows.map((r) => r.source)).toEqual(['telegram:Ilçe Haber Kanalı', 'telegram:Ilçe Haber Kanalı']);
    expect(rows[1]!.text).toBe(
      'DUYURU: Belediye açıklaması için tıklayın — su kesintisi iddiası doğru değil.',
    );
  });

  it('X archive tweets.js with its JavaScript prefix', async () => {
    const sum = await runImport(ingest, {
      file: fixture('x-tweets.js'),
      format: 'x-archive',
      kind: 'post',
      source: 'x:yerel',
    });
    expect(sum).toMatchObject({ records: 3, accepted: 3, rejectedCount: 0 });
    const rows = await texts();
    expect(rows[0]).toMatchObject({ source: 'x:yerel', external_id: '1778000000000000001' });
    expect(rows[0]!.text).toBe('Yarın tüm okullar tatilmiş! Kaynak: https://haber.example/tatil & paylaşın');
  });

  it('Mastodon outbox: notes as text, boosts skipped', async () => {
    const sum = await runImport(ingest, {
      file: fixture('mastodon-outbox.json'),
      format: 'mastodon',
      kind: 'post',
    });
    expect(sum).toMatchObject({ records: 3, accepted: 2, skipped: 1 });
    expect((await texts())[0]!.text).toBe(
      'Marketlerde ekmek bitti söylentisi yayılıyor.\nFırıncılar odası: stok yeterli & sorun yok.',
    );
  });

  it('CSV with a column mapping; unmapped columns kept, empty text rejected by line', async () => {
    const sum = await runImport(ingest, {
      file: fixture('mapped.csv'),
      format: 'csv',
      kind: 'post',
      map: parseColumnMap('Kanal=source,Mesaj=text,Tarih=publishedAt,Kimlik=externalId,Il=province'),
    });
    expect(sum).toMatchObject({ records: 3, accepted: 2, rejectedCount: 1 });
    expect(sum.rejected[0]).toMatchObject({ index: 4, errors: [expect.objectContaining({ path: 'text' })] });
    const { rows } = await db.query<{ province: string; occurred_at: string }>(
      'SELECT province, occurred_at FROM items ORDER BY external_id',
    );
    expect(rows[0]).toEqual({ province: 'Konya', occurred_at: '2024-05-02T07:00:00.000Z' });
  });

  it('an interrupted import resumes after the last committed chunk and stores nothing twice', async () => {
    const file = join(dir, 'big-telegram.json');
    await writeBigTelegram(file, 5000);
    const checkpoints = createCheckpointStore(join(dir, 'checkpoints'));
    let calls = 0;
    const crashing: Pick<IngestService, 'ingest'> = {
      ingest: async (...args) => {
        if (++calls === 3) throw new Error('simulated crash');
        return ingest.ingest(...args);
      },
    };
    await expect(
      runImport(crashing, { file, format: 'telegram', kind: 'post', checkpoints, chunkSize: 1000 }),
    ).rejects.toThrow(/simulated crash/);
    expect(await readdir(join(dir, 'checkpoints'))).toHaveLength(1);

    const seen: number[] = [];
    const resumed = await runImport(ingest, {
      file,
      format: 'telegram',
      kind: 'post',
      checkpoints,
      chunkSize: 1000,
      onProgress: (p) => seen.push(p.bytes),
    });
    expect(resumed).toMatchObject({
      resumedFrom: 2000,
      records: 5000,
      accepted: 4950,
      duplicates: 0,
      skipped: 50,
      rejectedCount: 0,
    });
    expect(seen.at(-1)).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
    expect(rows[0]!.n).toBe(4950);
    expect(await readdir(join(dir, 'checkpoints'))).toHaveLength(0);

    const again = await runImport(ingest, { file, format: 'telegram', kind: 'post', checkpoints });
    expect(again).toMatchObject({ resumedFrom: 0, accepted: 0, duplicates: 4950 });
  });

  it('a truncated export keeps what came before the fault and says where it stopped', async () => {
    const file = join(dir, 'truncated.json');
    await writeFile(
      file,
      '{"name":"K","messages":[{"id":1,"type":"message","text":"tam kayıt"},{"id":2,"type":"mess',
    );
    const err = await runImport(ingest, { file, format: 'telegram', kind: 'post' }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(/after 1 records/);
    expect((await texts()).map((r) => r.text)).toEqual(['tam kayıt']);
  });
});
