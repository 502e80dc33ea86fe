import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedResponseSchema } from '../../src/domain/published-response.js';
import { createDatabase, migrate } from '../../src/store/index.js';
import { loadMigrations } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/types.js';

let dir = '';
let db: Database;
const ids = {
  user: '01900000-0000-7000-8000-000000000001',
  item: '01900000-0000-7000-8000-000000000002',
  published: '01900000-0000-7000-8000-000000000003',
  draft: '01900000-0000-7000-8000-000000000004',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kopru-mig-'));
  db = await createDatabase({ dataDir: dir });
  const all = await loadMigrations();
  await migrate(
    db,
    all.filter((m) => m.version < '004'),
  );
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, 'a@b.c', 'A', 'supervisor', 'x')`,
    [ids.user],
  );
  await db.query(
    `INSERT INTO items (id, kind, idempotency_key, source, text, province) VALUES ($1, 'post', 'k1', 's', 't', 'İzmir')`,
    [ids.item],
  );
  await db.query(
    `INSERT INTO tag_results (item_id, result, check_worthiness, risk, flagged)
     VALUES ($1, '{"tags":[{"tag":"panik"},{"tag":"afet"}]}'::jsonb, 0.5, 0.5, true)`,
    [ids.item],
  );
  for (const [id, state] of [
    [ids.published, 'published'],
    [ids.draft, 'draft'],
  ] as const) {
    await db.query(
      `INSERT INTO responses (id, item_id, kind, state, created_by, approved_version, published_at)
       VALUES ($1, $2, 'public', $3, $4, 1, CASE WHEN $3 = 'published' THEN '2024-05-01T10:00:00Z'::timestamptz END)`,
      [id, ids.item, state, ids.user],
    );
    await db.query(
      `INSERT INTO response_versions (response_id, version, title, claim_reviewed, verdict, summary, body, author_id)
       VALUES ($1, 1, 'Başlık', 'İddia', 'false', 'Özet', 'Metin', $2)`,
      [id, ids.user],
    );
  }
  await migrate(db);
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('004_publication on existing rows', () => {
  it('gives a response published before it a first publication with a valid document', async () => {
    const { rows } = await db.query<{
      seq: number;
      version: number;
      doc: unknown;
      indexed_at: string | null;
    }>('SELECT seq, version, doc, indexed_at FROM response_publications WHERE response_id = $1', [
      ids.published,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seq).toBe(1);
    const doc = publishedResponseSchema.parse(rows[0]!.doc);
    expect(doc).toMatchObject({
      id: ids.published,
      title: 'Başlık',
      verdict: 'false',
      province: 'İzmir',
      publishedAtIso: '2024-05-01T10:00:00.000Z',
      publishedAt: Date.parse('2024-05-01T10:00:00Z') / 1000,
      url: `/responses/${ids.published}`,
      version: 1,
      appearances: [],
      corrections: [],
    });
    expect([...doc.topics].sort()).toEqual(['afet', 'panik']);
    const r = await db.query<{ published_version: number | null }>(
      'SELECT published_version FROM responses WHERE id = $1',
      [ids.published],
    );
    expect(r.rows[0]!.published_version).toBe(1);
  });

  it('leaves unpublished responses without a publication and accepts the scheduled state', async () => {
    const { rowCount } = await db.query('SELECT 1 FROM response_publications WHERE response_id = $1', [
      ids.draft,
    ]);
    expect(rowCount).toBe(0);
    await db.query(`UPDATE responses SET state = 'scheduled', publish_at = now() WHERE id = $1`, [ids.draft]);
    await expect(
      db.query(`UPDATE responses SET state = 'bogus' WHERE id = $1`, [ids.draft]),
    ).rejects.toThrow();
  });
});
