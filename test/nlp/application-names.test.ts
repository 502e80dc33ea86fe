import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually } from '../helpers/app.js';

/** The tag stage reads the applicant record and redacts the applicant's name and other private names. */
describe('tag stage: names in applications (embedded)', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;

  beforeAll(async () => {
    ctx = await createTestApp('embedded');
    await ctx.app.startWorkers();
  });
  afterAll(() => ctx?.dispose());

  it("redacts the applicant's own name (not in any lexicon) and a neighbour's name before indexing", async () => {
    const { app } = ctx!;
    await app.ingest.ingest('application', [
      {
        type: 'sikayet',
        subject: 'Nebahat Kocabıyık: gürültü şikayeti',
        text: 'Ben NEBAHAT KOCABIYIK. Komşum Ahmet Yılmaz her gece gürültü yapıyor, barış içinde yaşamak istiyoruz. namekod42',
        province: 'Ankara',
        applicant: { name: 'Nebahat Kocabıyık' },
      },
    ]);
    await eventually(
      'application tagged',
      async () => (await app.stores.items.countByStage()).received === 0,
    );
    const found = await app.db.query<{ id: string }>(`SELECT id FROM items WHERE kind = 'application'`);
    const [item] = await app.stores.items.getMany([found.rows[0]!.id]);
    const r = item!.tagResult as { redactedText: string; redactedSubject?: string; pii: { kind: string }[] };
    expect(r.redactedText).toBe(
      'Ben [AD SOYAD]. Komşum [AD SOYAD] her gece gürültü yapıyor, barış içinde yaşamak istiyoruz. namekod42',
    );
    expect(r.redactedSubject).toBe('[AD SOYAD]: gürültü şikayeti');
    expect(r.pii.filter((p) => p.kind === 'name')).toHaveLength(2);
  });
});
